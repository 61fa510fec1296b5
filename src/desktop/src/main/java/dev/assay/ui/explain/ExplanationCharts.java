package dev.assay.ui.explain;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Explanations screen's tabs: the ALE curve of a chosen feature (ChartFX, the feature's values
 * across, the centred effect in the output space up), partial dependence and ICE ({@link
 * DependenceTab}), the counterfactuals as a table of changed features (from → to), nearest first
 * per adverse row, and the group view ({@link GroupsTab}).
 */
final class ExplanationCharts {
  private final DefaultNumericAxis x = new DefaultNumericAxis("feature value");
  private final DefaultNumericAxis y = new DefaultNumericAxis("accumulated local effect");
  private final XYChart chart = new XYChart(x, y);
  private final ComboBox<String> feature = new ComboBox<>();
  private final TabPane tabs;

  /** The tabs, {@code first} (importance, reasons) ahead of the ALE, PDP, recourse and groups. */
  ExplanationCharts(ExplanationsViewModel viewModel, Tab... first) {
    chart.setId("explanation-ale-chart");
    chart.getPlugins().add(new DataPointTooltip());
    chart.setLegendVisible(false);
    x.setUnit(null);
    y.setUnit(null);
    x.setAutoRangeRounding(true);
    y.setAutoRangeRounding(true);
    feature.setId("explanation-ale-feature");
    feature.setPromptText("feature");
    Label noAle =
        new Label(
            "No ALE curves stored: run `assay explain … --ale FEATURE[,FEATURE]` to get them.");
    noAle.setId("explanation-ale-empty");
    noAle.setWrapText(true);
    viewModel
        .ale()
        .addListener(
            (ListChangeListener<ExplanationPlots.AleCurve>)
                c -> {
                  feature
                      .getItems()
                      .setAll(
                          viewModel.ale().stream()
                              .map(ExplanationPlots.AleCurve::feature)
                              .toList());
                  noAle.setVisible(viewModel.ale().isEmpty());
                  noAle.setManaged(viewModel.ale().isEmpty());
                  if (!feature.getItems().isEmpty()) {
                    feature.getSelectionModel().selectFirst();
                  }
                  show(viewModel);
                });
    feature.valueProperty().addListener((obs, old, now) -> show(viewModel));
    Label pick = new Label("Feature");
    javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox controls = new HBox(8, pick, feature, grow, dev.assay.ui.common.PngExport.button(chart));
    VBox alePane = new VBox(6, controls, noAle, chart);
    VBox.setVgrow(chart, Priority.ALWAYS);

    TableView<ExplanationPlots.Counterfactual> table = new TableView<>(viewModel.recourse());
    table.setId("explanation-recourse");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("Row", 50, c -> Long.toString(c.row())));
    table.getColumns().add(column("Output", 70, c -> format(c.prediction())));
    table.getColumns().add(column("#", 30, c -> Integer.toString(c.rank())));
    table.getColumns().add(column("Distance", 70, c -> format(c.distance())));
    table.getColumns().add(column("New output", 80, c -> format(c.counterfactualPrediction())));
    TableColumn<ExplanationPlots.Counterfactual, String> changes =
        column("Changes (feature from → to)", 240, ExplanationPlots.Counterfactual::changes);
    changes.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : value.replace("; ", "\n"));
              }
            });
    table.getColumns().add(changes);
    Label noRecourse =
        new Label("No counterfactuals stored: run `assay explain … --recourse` to get them.");
    noRecourse.setWrapText(true);
    table.setPlaceholder(noRecourse);
    Label settings = new Label();
    settings.setId("explanation-recourse-settings");
    settings.setWrapText(true);
    viewModel
        .detailProperty()
        .addListener((obs, old, d) -> settings.setText(d == null ? "" : d.recourseSettings()));
    VBox recoursePane = new VBox(6, settings, table);
    VBox.setVgrow(table, Priority.ALWAYS);

    Tab aleTab = new Tab("ALE", alePane);
    aleTab.setId("explanation-ale-tab");
    Tab recourseTab = new Tab("Recourse", recoursePane);
    recourseTab.setId("explanation-recourse-tab");
    tabs = new TabPane(first);
    tabs.getTabs()
        .addAll(
            aleTab,
            new DependenceTab(viewModel).tab(),
            recourseTab,
            new GroupsTab(viewModel).tab());
    tabs.setId("explanation-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setMinHeight(220);
    VBox.setVgrow(tabs, Priority.ALWAYS);
  }

  TabPane node() {
    return tabs;
  }

  private void show(ExplanationsViewModel viewModel) {
    chart.getDatasets().clear();
    String name = feature.getValue();
    for (ExplanationPlots.AleCurve c : viewModel.ale()) {
      if (c.feature().equals(name)) {
        x.setName(c.feature());
        // the data may arrive while the tab is hidden: ChartFX then left the range at 1..0
        DependenceTab.range(x, c.grid());
        String space =
            viewModel.detailProperty().get() == null
                ? "output"
                : viewModel.detailProperty().get().outputSpace();
        y.setName("ALE (" + space + ")");
        DependenceTab.span(y, false, c.values());
        chart
            .getDatasets()
            .add(new DoubleDataSet("ALE of " + c.feature()).set(c.grid(), c.values()));
      }
    }
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static TableColumn<ExplanationPlots.Counterfactual, String> column(
      String name, double width, Function<ExplanationPlots.Counterfactual, String> value) {
    TableColumn<ExplanationPlots.Counterfactual, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
