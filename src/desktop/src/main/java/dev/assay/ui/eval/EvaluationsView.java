package dev.assay.ui.eval;

import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.Curve;
import dev.assay.ui.common.Dialogs;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Evaluations screen: choose model, dataset and target; run with progress and cancel; metrics
 * and curves.
 */
public final class EvaluationsView extends BorderPane {
  private static final int MAX_CURVE_POINTS = 2000;

  private final EvaluationsViewModel viewModel;
  private final TableView<String[]> metrics = new TableView<>();
  private final GridPane confusion = new GridPane();
  private final XYChart roc = chart("False positive rate", "True positive rate");
  private final XYChart pr = chart("Recall", "Precision");
  private final TextArea notes = new TextArea();
  private final Label heading = new Label("Run an evaluation or open a past run.");

  public EvaluationsView(EvaluationsViewModel viewModel) {
    this.viewModel = viewModel;
    setId("evaluations-view");
    viewModel.setErrorSink(message -> Dialogs.showError(window(), "Evaluation problem", message));

    SplitPane split = new SplitPane(new EvaluationForm(viewModel), results());
    split.setDividerPositions(0.3);
    setCenter(split);
    viewModel.resultProperty().addListener((obs, old, now) -> show(now));
  }

  private VBox results() {
    metrics.setId("metrics-table");
    metrics.setPlaceholder(new Label(""));
    TableColumn<String[], String> name = new TableColumn<>("Metric");
    name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()[0]));
    name.setPrefWidth(240);
    // the metric as people name it; its definition (and key) in a tooltip
    name.setCellFactory(
        c ->
            new javafx.scene.control.TableCell<>() {
              @Override
              protected void updateItem(String key, boolean empty) {
                super.updateItem(key, empty);
                setText(empty ? null : dev.assay.ui.common.MetricNames.display(key));
                String definition = empty ? "" : dev.assay.ui.common.MetricNames.definition(key);
                setTooltip(
                    empty
                        ? null
                        : new javafx.scene.control.Tooltip(
                            (definition.isEmpty() ? "" : definition + " ") + "[" + key + "]"));
              }
            });
    TableColumn<String[], String> value = new TableColumn<>("Value");
    value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()[1]));
    value.setPrefWidth(160);
    metrics.getColumns().addAll(List.of(name, value));
    confusion.setId("confusion-matrix");
    confusion.setHgap(2);
    confusion.setVgap(2);
    confusion.setPadding(new Insets(10));
    notes.setEditable(false);
    notes.setWrapText(true);
    notes.setId("run-notes");
    TabPane tabs =
        new TabPane(
            new Tab("Metrics", metrics),
            new Tab("Confusion matrix", confusion),
            new Tab("ROC curve", roc),
            new Tab("Precision-recall", pr),
            new Tab("Run details", notes));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    heading.setId("eval-heading");
    heading.getStyleClass().add("field-label");
    VBox box = new VBox(8, heading, tabs);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    box.setPadding(new Insets(10));
    return box;
  }

  private void show(EvaluationResult result) {
    metrics.getItems().clear();
    confusion.getChildren().clear();
    roc.getDatasets().clear();
    pr.getDatasets().clear();
    if (result == null) {
      heading.setText("Run an evaluation or open a past run.");
      notes.clear();
      return;
    }
    heading.setText(
        String.format(
            Locale.ROOT,
            "Run #%d: %s on %s — %,d rows, %s, %.2f s (%,.0f rows/s)",
            result.run().id(),
            result.run().model(),
            result.run().dataset(),
            result.rows(),
            result.run().provider(),
            result.run().wallSeconds(),
            result.run().rowsPerSecond()));
    for (Map.Entry<String, Object> m : result.metrics().entrySet()) {
      if (m.getValue() instanceof Number n) {
        metrics
            .getItems()
            .add(new String[] {m.getKey(), String.format(Locale.ROOT, "%.4f", n.doubleValue())});
      } else if (m.getValue() == null) {
        metrics.getItems().add(new String[] {m.getKey(), "n/a"});
      }
    }
    ClassificationMetrics c = result.classification();
    if (c != null) {
      fillConfusion(c);
      if (c.roc() != null) {
        roc.getDatasets().add(dataSet("ROC " + result.run().model(), c.roc()));
        roc.getDatasets().add(diagonal());
      }
      if (c.precisionRecall() != null) {
        pr.getDatasets().add(dataSet("PR " + result.run().model(), c.precisionRecall()));
      }
    }
    notes.setText(RunDetails.text(result));
  }

  private void fillConfusion(ClassificationMetrics c) {
    List<String> labels = c.classOrder();
    confusion.add(new Label("true \\ predicted"), 0, 0);
    for (int j = 0; j < labels.size(); j++) {
      confusion.add(new Label(labels.get(j)), j + 1, 0);
    }
    long[][] m = c.confusionMatrix();
    for (int i = 0; i < labels.size(); i++) {
      confusion.add(new Label(labels.get(i)), 0, i + 1);
      for (int j = 0; j < labels.size(); j++) {
        Label cell = new Label(Long.toString(m[i][j]));
        cell.setMinWidth(70);
        cell.setPadding(new Insets(6));
        cell.setStyle(
            (i == j ? "-fx-background-color: #d8ecd8;" : "-fx-background-color: #f3dede;")
                + " -fx-text-fill: #1b1f24;");
        confusion.add(cell, j + 1, i + 1);
      }
    }
  }

  private static DoubleDataSet dataSet(String name, Curve curve) {
    int n = curve.x().length;
    int step = Math.max(1, n / MAX_CURVE_POINTS);
    int size = (n + step - 1) / step + (n % step == 0 ? 0 : 1);
    double[] x = new double[size];
    double[] y = new double[size];
    int k = 0;
    for (int i = 0; i < n && k < size; i += step) {
      x[k] = curve.x()[i];
      y[k++] = curve.y()[i];
    }
    if (k < size) {
      x[k] = curve.x()[n - 1];
      y[k++] = curve.y()[n - 1];
    }
    if (k > 1 && x[0] > x[k - 1]) {
      // a precision-recall curve comes with recall falling; ChartFX finds the points in view by
      // a search that takes x as rising, and drew none of them
      for (int i = 0, j = k - 1; i < j; i++, j--) {
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
        t = y[i];
        y[i] = y[j];
        y[j] = t;
      }
    }
    return new DoubleDataSet(name)
        .set(java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(y, k));
  }

  private static DoubleDataSet diagonal() {
    return new DoubleDataSet("chance").set(new double[] {0, 1}, new double[] {0, 1});
  }

  /**
   * A curve chart: lines only. The default renderer's error-bar glyphs and markers (one per point,
   * with no error to show) cluttered the ROC and PR curves (issue 19).
   */
  static XYChart chart(String xLabel, String yLabel) {
    DefaultNumericAxis x = new DefaultNumericAxis(xLabel, 0, 1, 0.1);
    DefaultNumericAxis y = new DefaultNumericAxis(yLabel, 0, 1, 0.1);
    // rates have no unit: without this ChartFX shows empty brackets ("Recall []")
    x.setUnit(null);
    y.setUnit(null);
    x.setAutoRanging(false);
    y.setAutoRanging(false);
    XYChart chart = new XYChart(x, y);
    for (var renderer : chart.getRenderers()) {
      if (renderer instanceof io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer lines) {
        lines.setErrorStyle(io.fair_acc.chartfx.renderer.ErrorStyle.NONE);
        lines.setDrawMarker(false);
      }
    }
    chart.getPlugins().addAll(new Zoomer(), new DataPointTooltip());
    chart.setLegendVisible(true);
    return chart;
  }

  private javafx.stage.Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }
}
