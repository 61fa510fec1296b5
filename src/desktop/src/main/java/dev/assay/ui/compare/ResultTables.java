package dev.assay.ui.compare;

import dev.assay.core.compare.Comparison;
import dev.assay.core.compare.ComparisonReport;
import dev.assay.core.compare.ComparisonReport.DisagreementRow;
import dev.assay.core.compare.ComparisonReport.MetricDelta;
import dev.assay.core.compare.ComparisonReport.ProbabilityChange;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.ui.common.MetricNames;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The after-run tables: metric differences, disagreements, confusion matrices side by side. */
final class ResultTables {
  final TableView<MetricDelta> deltas = new TableView<>();
  final TableView<DisagreementRow> rows = new TableView<>();
  final TableView<ProbabilityChange> changes = new TableView<>();
  final ComboBox<ComparisonReport.Disagreement> pair = new ComboBox<>();
  final Label pairSummary = new Label();
  final HBox confusion = new HBox(24);
  private final PulseSteps steps;

  ResultTables(PulseSteps steps) {
    this.steps = steps;
    deltas.setId("compare-deltas");
    deltas.setPlaceholder(new Label("Run or open a comparison."));
    deltas
        .getColumns()
        .addAll(
            List.of(
                metricColumn(),
                verdictColumn(),
                // the test in the p-value's tooltip: the verdict and its p-value side by side and
                // every column whole at 1280x800, without a horizontal scroll
                shortened(
                    column("p-value", d -> pValue(d.pValue()), 80),
                    d -> "p-value of the " + testName(d.test()) + " test [" + d.test() + "]"),
                column("Difference", d -> signed(d.difference()), 100),
                shortened(
                    column("95% CI", d -> interval(d, 3), 135),
                    d -> "95% confidence interval of the difference " + interval(d, 4)),
                column("Model", MetricDelta::model, 105),
                column("Value", d -> number(d.value()), 70),
                column("Baseline model", MetricDelta::baseline, 130),
                headerTip(
                    column("Baseline", d -> number(d.baselineValue()), 100),
                    "The baseline's value (the heading names the baseline)")));
    // hidden until a result has several baselines: the rows made ahead of the first result (see
    // prime) are made for the columns it shows (a column shown or hidden remakes every cell)
    deltas.getColumns().get(BASELINE_COLUMN).setVisible(false);
    // no constrained resize policy: sharing the width among the columns cut every cell short
    // ("within n...", "hmda-d..."); the verdict stays in view, the last columns may need a scroll
    rows.setId("compare-disagreement-rows");
    rows.getColumns()
        .addAll(
            List.of(
                column("Row", r -> Long.toString(r.row()), 80),
                column("Actual", DisagreementRow::truth, 90),
                column("Baseline", DisagreementRow::baselinePrediction, 90),
                column("Model", DisagreementRow::modelPrediction, 90),
                column("Change", DisagreementRow::change, 110)));
    changes.setId("compare-probability-changes");
    changes
        .getColumns()
        .addAll(
            List.of(
                column("Row", r -> Long.toString(r.row()), 80),
                column("Actual", ProbabilityChange::truth, 80),
                column("Class", ProbabilityChange::label, 80),
                column("Baseline p", r -> number(r.baselineProbability()), 90),
                column("Model p", r -> number(r.modelProbability()), 90),
                column("Change", r -> signed(r.change()), 90)));
    pair.setId("compare-pair");
    pair.setConverter(
        new javafx.util.StringConverter<>() {
          @Override
          public String toString(ComparisonReport.Disagreement d) {
            return d == null ? "" : d.model() + " vs " + d.baseline();
          }

          @Override
          public ComparisonReport.Disagreement fromString(String s) {
            return null;
          }
        });
    pair.valueProperty().addListener((obs, old, now) -> showPair(now));
    pairSummary.setId("compare-disagreement-summary");
    pairSummary.setWrapText(true);
    confusion.setId("compare-confusion");
    confusion.setPadding(new Insets(10));
  }

  /** Lines of blank rows the differences table makes ahead of its first result. */
  private static final int PRIMED_LINES = 24;

  /** Queues making the differences table's rows ahead of need (see {@link PulseSteps#prime}). */
  void prime() {
    steps.prime(
        deltas,
        new MetricDelta(
            "",
            "",
            "",
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            "",
            ""),
        PRIMED_LINES);
  }

  void showDeltas(Comparison comparison) {
    List<MetricDelta> shown = comparison.report().deltas();
    // one baseline (every comparison of two models) is named in the heading: its column would
    // only take the room the verdict and the interval need at 1280x800
    deltas
        .getColumns()
        .get(BASELINE_COLUMN)
        .setVisible(shown.stream().map(MetricDelta::baseline).distinct().count() > 1);
    steps.fill(deltas, shown);
  }

  /**
   * The differences table's Baseline model column (hidden while every row has the same baseline).
   */
  private static final int BASELINE_COLUMN = 7;

  void showDisagreements(Comparison comparison) {
    pair.getItems().setAll(comparison.report().disagreements());
    pair.getSelectionModel().selectFirst();
  }

  void showConfusion(Comparison comparison) {
    confusion.getChildren().clear();
    for (int k = 0; k < comparison.results().size(); k++) {
      EvaluationResult result = comparison.results().get(k);
      if (result.classification() != null) {
        confusion
            .getChildren()
            .add(matrix(comparison.report().models().get(k).label(), result.classification()));
      }
    }
  }

  void clear() {
    steps.empty(deltas);
    pair.getItems().clear();
    steps.empty(rows);
    steps.empty(changes);
    confusion.getChildren().clear();
    pairSummary.setText("");
  }

  private void showPair(ComparisonReport.Disagreement d) {
    if (d == null) {
      steps.empty(rows);
      steps.empty(changes);
      pairSummary.setText("");
      return;
    }
    steps.fill(rows, d.rowsListed());
    steps.fill(changes, d.largestChanges());
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Predicted labels differ on %,d of %,d rows (%.2f%%): %,d flips to correct, %,d"
                    + " to wrong, %,d both wrong. %s",
                d.disagreements(),
                d.rows(),
                100 * d.rate(),
                d.flipsToCorrect(),
                d.flipsToWrong(),
                d.bothWrong(),
                d.disagreements() > d.rowsListed().size()
                    ? "The first " + d.rowsListed().size() + " are listed; export lists all."
                    : ""));
    if (d.equivalence() != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "%nOutputs: max |difference| %.3g, mean %.3g: %s at tolerance %.1g.",
              d.equivalence().maxAbsDifference(),
              d.equivalence().meanAbsDifference(),
              d.equivalence().pass() ? "PASS, numerically equivalent" : "FAIL, not equivalent",
              d.equivalence().tolerance()));
    }
    pairSummary.setText(text.toString());
  }

  private static VBox matrix(String label, ClassificationMetrics c) {
    GridPane grid = new GridPane();
    grid.setHgap(2);
    grid.setVgap(2);
    List<String> labels = c.classOrder();
    grid.add(new Label("true \\ predicted"), 0, 0);
    for (int j = 0; j < labels.size(); j++) {
      grid.add(new Label(labels.get(j)), j + 1, 0);
    }
    long[][] m = c.confusionMatrix();
    for (int i = 0; i < labels.size(); i++) {
      grid.add(new Label(labels.get(i)), 0, i + 1);
      for (int j = 0; j < labels.size(); j++) {
        Label cell = new Label(Long.toString(m[i][j]));
        cell.setMinWidth(70);
        cell.setPadding(new Insets(6));
        cell.getStyleClass().add(i == j ? "confusion-hit" : "confusion-miss");
        cell.setStyle(
            (i == j ? "-fx-background-color: #d8ecd8;" : "-fx-background-color: #f3dede;")
                + " -fx-text-fill: #1b1f24;");
        grid.add(cell, j + 1, i + 1);
      }
    }
    Label title = new Label(label);
    title.getStyleClass().add("field-label");
    return new VBox(6, title, grid);
  }

  private static <T> TableColumn<T, String> column(
      String name, Function<T, String> value, double width) {
    TableColumn<T, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  /**
   * Makes {@code column}'s cells show {@code full} (the longer wording) as their tooltip; one
   * tooltip per cell, its text changed with the item.
   */
  private static TableColumn<MetricDelta, String> shortened(
      TableColumn<MetricDelta, String> column, Function<MetricDelta, String> full) {
    column.setCellFactory(
        c ->
            new TableCell<>() {
              private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                MetricDelta d = empty || getTableRow() == null ? null : getTableRow().getItem();
                tip.setText(d == null ? "" : full.apply(d));
                setTooltip(d == null ? null : tip);
              }
            });
    return column;
  }

  /** Gives {@code column}'s header {@code text} as its tooltip. */
  private static <T> TableColumn<T, String> headerTip(TableColumn<T, String> column, String text) {
    Label header = new Label(column.getText());
    header.setTooltip(new javafx.scene.control.Tooltip(text));
    header.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    column.setGraphic(header);
    column.setText(null);
    return column;
  }

  /** The interval as "[low, high]" with {@code digits} decimals. */
  private static String interval(MetricDelta d, int digits) {
    if (Double.isNaN(d.ciLow()) || Double.isNaN(d.ciHigh())) {
      return "n/a";
    }
    String f = "%+." + digits + "f";
    return "["
        + String.format(Locale.ROOT, f, d.ciLow())
        + ", "
        + String.format(Locale.ROOT, f, d.ciHigh())
        + "]";
  }

  /** A test's short name for the table (its key in the tooltip). */
  static String testName(String test) {
    if (test == null) {
      return "";
    }
    return switch (test) {
      case "mcnemar_exact" -> "McNemar exact";
      case "mcnemar_chi2" -> "McNemar χ²";
      case "paired_bootstrap" -> "bootstrap";
      case "delong" -> "DeLong";
      default -> test.replace('_', ' ');
    };
  }

  /** The metric as people name it, its definition in a tooltip. */
  private static TableColumn<MetricDelta, String> metricColumn() {
    TableColumn<MetricDelta, String> column = column("Metric", MetricDelta::metric, 160);
    column.setCellFactory(
        c ->
            new TableCell<>() {
              // one tooltip per cell, made with the cell (ahead of the first result: see prime),
              // not one per item in the frame that shows the result
              private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

              @Override
              protected void updateItem(String key, boolean empty) {
                super.updateItem(key, empty);
                setText(empty ? null : MetricNames.display(key));
                String definition = empty ? "" : MetricNames.definition(key);
                tip.setText(definition.isEmpty() ? "" : definition + " [" + key + "]");
                setTooltip(definition.isEmpty() ? null : tip);
              }
            });
    return column;
  }

  private static TableColumn<MetricDelta, String> verdictColumn() {
    TableColumn<MetricDelta, String> column = column("Verdict", MetricDelta::verdict, 130);
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String verdict, boolean empty) {
                super.updateItem(verdict, empty);
                setText(empty ? null : verdict);
                setStyle(
                    empty || verdict == null
                        ? ""
                        : ComparisonReport.REAL.equals(verdict)
                            ? "-fx-font-weight: bold; -fx-text-fill: #8a3b00;"
                            : "-fx-text-fill: #1d6b2f;");
              }
            });
    return column;
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String signed(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.4f", v);
  }

  private static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "n/a";
    }
    return p < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }
}
