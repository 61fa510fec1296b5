package dev.assay.ui.monitor;

import dev.assay.ui.common.ListDetailPane;
import dev.assay.ui.common.TableCells;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Monitoring screen: monitored streams on the left; the selected stream's summary, a chart over
 * its windows (accuracy, CBPE-estimated accuracy and the share of drifted features, 0 to 1), the
 * champion/challenger test's verdict when the stream has a challenger, and a row per window with
 * its drift and alert state on the right. The chart is redrawn once per poll that brought new
 * windows, never per event.
 */
public final class MonitorView extends BorderPane {
  public MonitorView(MonitorViewModel viewModel) {
    setId("monitoring");
    Label heading = ListDetailPane.label("monitoring-heading");
    heading.getStyleClass().add("field-value");
    Label summary = ListDetailPane.label("monitoring-summary");
    Label error = ListDetailPane.label("monitoring-error");
    Label ab = ListDetailPane.label("monitoring-ab");
    ab.setWrapText(true);
    ab.getStyleClass().add("monitoring-ab");
    ab.managedProperty().bind(ab.visibleProperty());
    ab.setVisible(false);
    error.textProperty().bind(viewModel.errorProperty());

    NumberAxis x = new NumberAxis();
    x.setLabel("window");
    x.setForceZeroInRange(false);
    NumberAxis y = new NumberAxis(0, 1, 0.1);
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId("monitoring-chart");
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setPrefHeight(220);
    chart.setMinHeight(160);

    viewModel
        .detailProperty()
        .addListener(
            (obs, old, d) -> {
              heading.setText(d == null ? "" : d.heading());
              summary.setText(d == null ? "" : d.summary());
              ab.setText(d == null ? "" : d.ab());
              ab.setVisible(d != null && !d.ab().isEmpty());
              chart.getData().setAll(series(d == null ? List.of() : d.windows()));
            });

    TableView<MonitorViewModel.WindowRow> table = new TableView<>(viewModel.windows());
    table.setId("monitoring-windows");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(text("Window", r -> Long.toString(r.index())));
    table.getColumns().add(text("Predictions", r -> Long.toString(r.predictions())));
    table.getColumns().add(text("Labelled", r -> Long.toString(r.labelled())));
    table.getColumns().add(text("Accuracy", r -> number(r.accuracy())));
    table.getColumns().add(text("Estimated", r -> number(r.estimated())));
    table.getColumns().add(text("Drifted features", r -> number(r.driftShare())));
    table.getColumns().add(stateColumn());
    table.getColumns().forEach(TableCells::fitHeader);
    Label noWindows = new Label("Select a stream on the left; its windows appear as they close.");
    noWindows.setWrapText(true);
    table.setPlaceholder(noWindows);

    VBox right = new VBox(6, heading, summary, error, ab, chart, table);
    VBox.setVgrow(table, Priority.ALWAYS);
    ListDetailPane.fill(
        this,
        "Monitoring: what a deployed version receives and decides, window by window",
        viewModel.state(),
        new ListDetailPane.Ids("monitoring-streams", "monitoring-empty", "monitoring-refresh"),
        s ->
            "#"
                + s.id()
                + " "
                + s.model()
                + "\n"
                + shortSource(s.source())
                + " ("
                + s.windows()
                + " windows)",
        MonitorViewModel.EMPTY,
        right);
  }

  /** A file's name without its folders (the heading shows the whole path); a topic as it is. */
  static String shortSource(String source) {
    int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
    return slash < 0 ? source : source.substring(slash + 1);
  }

  /** The chart's two series over the windows: accuracy (where labelled) and drifted share. */
  static List<XYChart.Series<Number, Number>> series(List<MonitorViewModel.WindowRow> rows) {
    XYChart.Series<Number, Number> accuracy = new XYChart.Series<>();
    accuracy.setName("accuracy");
    XYChart.Series<Number, Number> drift = new XYChart.Series<>();
    drift.setName("drifted features (share)");
    XYChart.Series<Number, Number> estimated = new XYChart.Series<>();
    estimated.setName("estimated accuracy (CBPE)");
    for (MonitorViewModel.WindowRow r : rows) {
      if (Double.isFinite(r.accuracy())) {
        accuracy.getData().add(new XYChart.Data<>(r.index(), r.accuracy()));
      }
      drift.getData().add(new XYChart.Data<>(r.index(), r.driftShare()));
      if (Double.isFinite(r.estimated())) {
        estimated.getData().add(new XYChart.Data<>(r.index(), r.estimated()));
      }
    }
    return estimated.getData().isEmpty()
        ? List.of(accuracy, drift)
        : List.of(accuracy, estimated, drift);
  }

  private static TableColumn<MonitorViewModel.WindowRow, String> text(
      String name, Function<MonitorViewModel.WindowRow, String> value) {
    TableColumn<MonitorViewModel.WindowRow, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    return column;
  }

  private static TableColumn<MonitorViewModel.WindowRow, String> stateColumn() {
    TableColumn<MonitorViewModel.WindowRow, String> column =
        dev.assay.ui.common.TableCells.verdictColumn(
            "State", MonitorViewModel.WindowRow::state, v -> v.startsWith("✓"));
    column.setPrefWidth(220);
    return column;
  }

  static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
  }
}
