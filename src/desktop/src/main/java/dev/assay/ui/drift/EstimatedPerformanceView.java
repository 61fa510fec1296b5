package dev.assay.ui.drift;

import dev.assay.ui.common.ListDetailPane;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The Drift screen's estimated-performance panel: the method's summary line, a table of each metric
 * over all current rows and per chunk (estimate, band, realised, error, whether the realised value
 * lies in the band), and under it a chart of the first metric over the chunks: the estimate, its
 * band and the realised value where there are labels. Hidden when the report has no estimate.
 */
final class EstimatedPerformanceView extends VBox {
  private final Label summary = ListDetailPane.label("drift-estimated");
  private final LineChart<String, Number> chart;

  EstimatedPerformanceView(DriftViewModel viewModel) {
    super(6);
    setId("drift-estimated-panel");
    TableView<EstimatedPerformance.Row> table = new TableView<>(viewModel.estimated());
    table.setId("drift-estimated-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPrefHeight(170);
    table.getColumns().add(column("Chunk", 130, EstimatedPerformance.Row::chunk));
    table.getColumns().add(column("Rows", 60, r -> Long.toString(r.rows())));
    table.getColumns().add(column("Metric", 75, EstimatedPerformance.Row::metric));
    table.getColumns().add(column("Estimate", 75, r -> DriftView.number(r.estimate())));
    table
        .getColumns()
        .add(
            column(
                "Band",
                130,
                r ->
                    Double.isFinite(r.standardError())
                        ? DriftView.number(r.lower()) + " – " + DriftView.number(r.upper())
                        : "–"));
    table.getColumns().add(column("Realised", 75, r -> DriftView.number(r.realised())));
    table.getColumns().add(column("Error", 75, r -> DriftView.number(r.error())));
    TableColumn<EstimatedPerformance.Row, String> backTest =
        dev.assay.ui.common.TableCells.verdictColumn(
            "Back-test", EstimatedPerformance.Row::backTest, v -> !v.startsWith("✗"));
    backTest.setMinWidth(125);
    table.getColumns().add(backTest);
    CategoryAxis x = new CategoryAxis();
    x.setLabel("chunk");
    NumberAxis y = new NumberAxis();
    y.setForceZeroInRange(false);
    chart = new LineChart<>(x, y);
    chart.setId("drift-estimated-chart");
    chart.setAnimated(false);
    chart.setPrefHeight(190);
    chart.setMinHeight(150);
    getChildren().addAll(summary, table, chart);
    show(null);
  }

  /** Shows the selected report's estimate, or hides the panel when it has none. */
  void show(EstimatedPerformance.View view) {
    boolean any = view != null && !view.summary().isEmpty();
    setVisible(any);
    setManaged(any);
    summary.setText(any ? view.summary() : "");
    chart.getData().setAll(any ? series(view) : List.of());
    chart.setVisible(any && view.of(view.metrics().getFirst()).size() > 1);
    chart.setManaged(chart.isVisible());
  }

  /** The first metric over the chunks: estimate, band edges, realised (where labelled). */
  static List<XYChart.Series<String, Number>> series(EstimatedPerformance.View view) {
    String metric = view.metrics().getFirst();
    XYChart.Series<String, Number> estimate = named("estimated " + metric);
    XYChart.Series<String, Number> lower = named("band low");
    XYChart.Series<String, Number> upper = named("band high");
    XYChart.Series<String, Number> realised = named("realised " + metric);
    for (EstimatedPerformance.Row r : view.of(metric)) {
      if (r.chunk().equals(EstimatedPerformance.ALL_ROWS)) {
        continue;
      }
      estimate.getData().add(new XYChart.Data<>(r.chunk(), r.estimate()));
      if (Double.isFinite(r.standardError())) {
        lower.getData().add(new XYChart.Data<>(r.chunk(), r.lower()));
        upper.getData().add(new XYChart.Data<>(r.chunk(), r.upper()));
      }
      if (Double.isFinite(r.realised())) {
        realised.getData().add(new XYChart.Data<>(r.chunk(), r.realised()));
      }
    }
    return List.of(estimate, lower, upper, realised).stream()
        .filter(s -> !s.getData().isEmpty())
        .toList();
  }

  private static XYChart.Series<String, Number> named(String name) {
    XYChart.Series<String, Number> s = new XYChart.Series<>();
    s.setName(name);
    return s;
  }

  private static TableColumn<EstimatedPerformance.Row, String> column(
      String name, double width, Function<EstimatedPerformance.Row, String> value) {
    TableColumn<EstimatedPerformance.Row, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    dev.assay.ui.common.TableCells.fitHeader(column);
    column.setMinWidth(Math.max(column.getMinWidth(), width));
    column.setPrefWidth(width);
    return column;
  }
}
