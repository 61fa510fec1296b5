package dev.assay.ui.fairness;

import dev.assay.core.fairness.AttributeReport;
import dev.assay.core.fairness.Disparity;
import dev.assay.core.fairness.GroupReport;
import dev.assay.core.fairness.ThresholdAnalysis;
import dev.assay.core.fairness.VersionComparison;
import dev.assay.ui.common.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Fairness screen's tables: groups, verdicts, group thresholds and version comparison. */
final class FairnessTables {
  static final List<String> GROUP_FIGURES =
      List.of(
          "base_rate",
          "selection_rate",
          "favorable_rate",
          "accuracy",
          "tpr",
          "fpr",
          "precision",
          "roc_auc",
          "mean_prediction",
          "mae");

  private FairnessTables() {}

  static TableView<GroupReport> groups() {
    TableView<GroupReport> table = new TableView<>();
    table.setId("fairness-groups");
    table.setPlaceholder(new Label(""));
    table.getColumns().add(column("Group", 150, GroupReport::value));
    table.getColumns().add(column("n", 70, g -> Long.toString(g.n())));
    table.getColumns().add(column("Share", 70, g -> number(g.share())));
    for (String figure : GROUP_FIGURES) {
      TableColumn<GroupReport, String> column =
          column(MetricNames.display(figure), 90, g -> number(g.metric(figure)));
      headerTooltip(column, MetricNames.definition(figure));
      table.getColumns().add(column);
    }
    table.getColumns().add(column("Judged", 190, g -> g.judged() ? "yes" : g.note()));
    return table;
  }

  /** Rows: attribute name and disparity. */
  record VerdictRow(String attribute, Disparity disparity) {}

  static TableView<VerdictRow> verdicts() {
    TableView<VerdictRow> table = new TableView<>();
    table.setId("fairness-verdicts");
    table.setPlaceholder(new Label(""));
    table.getColumns().add(column("Attribute", 110, VerdictRow::attribute));
    table.getColumns().add(column("Disparity", 200, r -> r.disparity().title()));
    table.getColumns().add(column("Value", 75, r -> number(r.disparity().value())));
    table
        .getColumns()
        .add(
            column(
                "95% CI",
                130,
                r ->
                    "["
                        + number(r.disparity().ciLow())
                        + ", "
                        + number(r.disparity().ciHigh())
                        + "]"));
    table.getColumns().add(column("p", 70, r -> pValue(r.disparity().pValue())));
    table.getColumns().add(column("Fair when", 120, r -> r.disparity().rule()));
    TableColumn<VerdictRow, String> verdict =
        column("Verdict", 90, r -> r.disparity().verdict().replace('_', ' '));
    verdict.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("verdict-fair", "verdict-unfair");
                if (!empty && item != null) {
                  if (item.equals(Disparity.FAIR)) {
                    getStyleClass().add("verdict-fair");
                  } else if (item.equals(Disparity.UNFAIR)) {
                    getStyleClass().add("verdict-unfair");
                  }
                }
              }
            });
    table.getColumns().add(verdict);
    TableColumn<VerdictRow, String> explanation =
        column("What it means", 520, r -> r.disparity().explanation());
    explanation.setCellFactory(
        c ->
            new TableCell<>() {
              private final Label text = new Label();

              {
                text.setWrapText(true);
                text.maxWidthProperty().bind(c.widthProperty().subtract(12));
              }

              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty ? null : item);
                setGraphic(empty ? null : text);
              }
            });
    table.getColumns().add(explanation);
    return table;
  }

  static List<VerdictRow> verdictRows(List<AttributeReport> attributes) {
    List<VerdictRow> rows = new ArrayList<>();
    for (AttributeReport a : attributes) {
      a.disparities().forEach(d -> rows.add(new VerdictRow(a.name(), d)));
    }
    return rows;
  }

  static TableView<String[]> policies() {
    TableView<String[]> table = new TableView<>();
    table.setId("fairness-policies");
    table.setPlaceholder(new Label(""));
    String[] names = {
      "Goal",
      "Group",
      "Threshold",
      "Rate",
      "Selection rate",
      "Group accuracy",
      "Overall accuracy",
      "Cost"
    };
    for (int i = 0; i < names.length; i++) {
      int k = i;
      table.getColumns().add(column(names[i], i == 0 ? 150 : 105, r -> r[k]));
    }
    return table;
  }

  static List<String[]> policyRows(ThresholdAnalysis analysis) {
    List<String[]> rows = new ArrayList<>();
    if (analysis == null) {
      return rows;
    }
    for (ThresholdAnalysis.ThresholdPolicy p : analysis.policies()) {
      for (ThresholdAnalysis.GroupThreshold g : p.groups()) {
        rows.add(
            new String[] {
              p.goal().replace('_', ' '),
              g.group(),
              number(g.threshold()),
              number(g.rate()),
              number(g.selectionRate()),
              number(g.accuracy()),
              number(p.accuracy()),
              String.format(Locale.ROOT, "%+.4f", p.accuracyCost())
            });
      }
    }
    return rows;
  }

  static TableView<String[]> comparison() {
    TableView<String[]> table = new TableView<>();
    table.setId("fairness-comparison");
    table.setPlaceholder(new Label("Choose two or more stored reports and press Compare."));
    return table;
  }

  static void fillComparison(TableView<String[]> table, VersionComparison comparison) {
    table.getColumns().clear();
    table.getItems().clear();
    if (comparison == null) {
      return;
    }
    table.getColumns().add(column("Attribute", 110, r -> r[0]));
    table.getColumns().add(column("Figure", 220, r -> r[1]));
    for (int i = 0; i < comparison.versions().size(); i++) {
      int k = i + 2;
      VersionComparison.Version v = comparison.versions().get(i);
      table.getColumns().add(column(v.model() + " (#" + v.reportId() + ")", 170, r -> r[k]));
    }
    for (VersionComparison.Row row : comparison.rows()) {
      String[] cells = new String[comparison.versions().size() + 2];
      cells[0] = row.attribute();
      cells[1] =
          row.figure().replace('_', ' ') + (row.group() == null ? "" : " [" + row.group() + "]");
      for (int i = 0; i < row.cells().size(); i++) {
        VersionComparison.Cell c = row.cells().get(i);
        cells[i + 2] =
            number(c.value()) + (c.verdict() == null ? "" : " " + c.verdict().replace('_', ' '));
      }
      table.getItems().add(cells);
    }
  }

  /** A column at least as wide as its header's text, so the header is never cut off. */
  static <T> TableColumn<T, String> column(String name, double width, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    double header = headerWidth(name);
    column.setPrefWidth(Math.max(width, header));
    column.setMinWidth(header);
    return column;
  }

  /** The width a column header needs for {@code text} (bold, with the header's padding). */
  static double headerWidth(String text) {
    javafx.scene.text.Text measure = new javafx.scene.text.Text(text);
    measure.setFont(
        javafx.scene.text.Font.font(
            javafx.scene.text.Font.getDefault().getFamily(),
            javafx.scene.text.FontWeight.BOLD,
            13));
    return Math.ceil(measure.getLayoutBounds().getWidth()) + 24;
  }

  private static void headerTooltip(TableColumn<?, ?> column, String text) {
    if (text.isEmpty()) {
      return;
    }
    Label header = new Label(column.getText());
    header.setTooltip(new javafx.scene.control.Tooltip(text));
    header.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    column.setGraphic(header);
    column.setText(null);
  }

  static String number(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "—";
    }
    return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }

  /** The report's settings, references, binning, policies and warnings, for "Report details". */
  static String details(dev.assay.core.fairness.FairnessReport r) {
    StringBuilder text = new StringBuilder();
    if (r.positiveLabel() != null) {
      text.append(
          String.format("Positive (selected) outcome: %s = %s%n", r.target(), r.positiveLabel()));
      text.append(String.format("Favourable outcome: %s = %s%n", r.target(), r.favorableLabel()));
    }
    text.append("Labels from: ").append(r.labelSource()).append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "Bootstrap: %d resamples, seed %d; groups under %d rows not judged; significance level %s%n",
            r.settings().resamples(),
            r.settings().seed(),
            r.settings().minGroupSize(),
            r.settings().alpha()));
    for (AttributeReport a : r.attributes()) {
      text.append(a.name())
          .append(": reference '")
          .append(a.reference())
          .append("' (")
          .append(a.referenceSource())
          .append(")\n");
      a.binning().forEach(b -> text.append("  ").append(b).append('\n'));
      if (a.thresholds() != null) {
        a.thresholds()
            .policies()
            .forEach(p -> text.append("  ").append(p.explanation()).append('\n'));
      }
    }
    r.warnings().forEach(w -> text.append("Warning: ").append(w).append('\n'));
    text.append("Created ").append(r.createdAt()).append(" by ").append(r.createdBy());
    return text.toString();
  }

  /**
   * Sets {@code box}'s items to {@code items} unless they are already those. JavaFX's ChoiceBox
   * skin remakes its whole menu for each item added to it (ten figures made 55 menu entries, 24-31
   * ms of the FX thread in a frame, measured under load); with the skin taken off while the items
   * change, a new skin makes the menu once (2 ms). Not while its menu is open.
   */
  static <T> void setChoices(javafx.scene.control.ChoiceBox<T> box, List<T> items) {
    if (box.getItems().equals(items)) {
      return;
    }
    if (box.getSkin() == null || box.isShowing()) {
      box.getItems().setAll(items);
      return;
    }
    box.setSkin(null);
    box.getItems().setAll(items);
    box.setSkin(new javafx.scene.control.skin.ChoiceBoxSkin<>(box));
  }

  /** A converter showing {@code text} of a value (one way). */
  static <T> javafx.util.StringConverter<T> converter(Function<T, String> text) {
    return new javafx.util.StringConverter<>() {
      @Override
      public String toString(T value) {
        return text.apply(value);
      }

      @Override
      public T fromString(String string) {
        return null;
      }
    };
  }
}
