package dev.assay.ui.explain;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Explanations screen's group tab ({@code --group-by}): a table grouped by group (its rows,
 * mean output and gap to the reference group; under it each feature's mean attribution (Mean) and
 * part of the gap (Gap), and the residual) and a bar chart of the chosen group's gap split into
 * features, largest part first, the residual last.
 */
final class GroupsTab {
  /** The bar chart's name for what the features leave of the gap. */
  static final String RESIDUAL = "residual";

  /**
   * One line of the grouped table: a group (its figures) or one of its parts.
   *
   * @param name the group's label or the feature
   * @param rows the group's rows, "" on a part's line
   * @param mean the group's mean output or the feature's mean attribution
   * @param gap the group's gap or the feature's part of it
   */
  record Line(String name, String rows, String mean, String gap) {}

  private final CategoryAxis parts = new CategoryAxis("feature");
  private final DefaultNumericAxis value = new DefaultNumericAxis("gap to the reference group");
  private final XYChart chart = new XYChart(parts, value);
  private final ErrorDataSetRenderer bars = new ErrorDataSetRenderer();
  private final ComboBox<String> group = new ComboBox<>();
  private final TreeTableView<Line> table = new TreeTableView<>();
  private final ExplanationsViewModel viewModel;
  private final Tab tab;

  GroupsTab(ExplanationsViewModel viewModel) {
    this.viewModel = viewModel;
    chart.setId("explanation-groups-chart");
    bars.setParallelImplementation(false);
    bars.setPolyLineStyle(LineStyle.NONE);
    bars.setDrawBars(true);
    bars.setDrawMarker(false);
    bars.setErrorStyle(ErrorStyle.NONE);
    chart.getRenderers().setAll(bars);
    chart.getPlugins().add(new DataPointTooltip());
    chart.setLegendVisible(false);
    chart.setAnimated(false);
    parts.setUnit(null);
    value.setUnit(null);
    parts.setOverlapPolicy(io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy.SHIFT_ALT);
    value.setAutoRangeRounding(true);
    group.setId("explanation-groups-group");
    group.setPromptText("group");
    table.setId("explanation-groups");
    table.setShowRoot(false);
    table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("Group / feature", 150, Line::name));
    table.getColumns().add(column("Rows", 60, Line::rows));
    table.getColumns().add(column("Mean", 110, Line::mean));
    table.getColumns().add(column("Gap", 110, Line::gap));
    Label empty =
        new Label(
            "This explanation has no group view: run `assay explain … --group-by COL|predicted`"
                + " (e.g. --group-by afam) to get mean attributions per group and each group's gap"
                + " to the largest group.");
    empty.setWrapText(true);
    table.setPlaceholder(empty);
    Label settings = new Label();
    settings.setId("explanation-groups-settings");
    settings.setWrapText(true);
    settings.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    viewModel
        .groups()
        .addListener(
            (ListChangeListener<ExplanationGroups.Group>)
                c -> {
                  ExplanationsViewModel.Detail d = viewModel.detailProperty().get();
                  settings.setText(d == null || d.groups() == null ? "" : d.groups().settings());
                  fill();
                });
    group.valueProperty().addListener((obs, old, now) -> show());
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, item) -> {
              TreeItem<Line> top = item;
              while (top != null && top.getParent() != table.getRoot()) {
                top = top.getParent();
              }
              if (top != null) {
                group.setValue(top.getValue().name());
              }
            });
    javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox controls =
        new HBox(
            8, new Label("Gap of group"), group, grow, dev.assay.ui.common.PngExport.button(chart));
    VBox right = new VBox(6, controls, chart);
    VBox.setVgrow(chart, Priority.ALWAYS);
    HBox body = new HBox(8, table, right);
    HBox.setHgrow(right, Priority.ALWAYS);
    table.setPrefWidth(450);
    // its columns whole even while the chart beside it asks for all the room
    table.setMinWidth(450);
    VBox pane = new VBox(6, settings, body);
    VBox.setVgrow(body, Priority.ALWAYS);
    tab = new Tab("Groups", pane);
    tab.setId("explanation-groups-tab");
  }

  Tab tab() {
    return tab;
  }

  private void fill() {
    TreeItem<Line> root = new TreeItem<>(new Line("", "", "", ""));
    String first = null;
    for (ExplanationGroups.Group g : viewModel.groups()) {
      TreeItem<Line> item =
          new TreeItem<>(
              new Line(
                  g.value(),
                  Integer.toString(g.rows()),
                  number(g.meanPrediction()),
                  g.reference() ? "reference" : signed(g.gap())));
      for (ExplanationGroups.Part p : g.parts()) {
        item.getChildren()
            .add(
                new TreeItem<>(
                    new Line(p.feature(), "", number(p.meanAttribution()), signed(p.gap()))));
      }
      item.getChildren()
          .add(
              new TreeItem<>(
                  new Line(RESIDUAL, "", "", String.format(Locale.ROOT, "%.1e", g.residual()))));
      root.getChildren().add(item);
      if (first == null && !g.reference()) {
        first = g.value();
      }
    }
    table.setRoot(root);
    group
        .getItems()
        .setAll(viewModel.groups().stream().map(ExplanationGroups.Group::value).toList());
    group.setValue(
        first != null ? first : group.getItems().isEmpty() ? null : group.getItems().getFirst());
    show();
  }

  private void show() {
    ExplanationGroups.Group chosen =
        viewModel.groups().stream()
            .filter(g -> g.value().equals(group.getValue()))
            .findFirst()
            .orElse(null);
    if (chosen == null) {
      bars.getDatasets().clear();
      return;
    }
    List<String> names = new ArrayList<>();
    List<Double> gaps = new ArrayList<>();
    for (ExplanationGroups.Part p : decomposition(chosen)) {
      names.add(p.feature());
      gaps.add(p.gap());
    }
    parts.setCategories(names);
    parts.setAutoRanging(false);
    parts.setMin(-0.5);
    parts.setMax(names.size() - 0.5);
    parts.setTickUnit(1);
    DoubleDataSet data = new DoubleDataSet("gap of " + chosen.value(), names.size());
    for (int i = 0; i < names.size(); i++) {
      data.add(i, gaps.get(i), names.get(i));
    }
    value.setName(
        "gap of '"
            + chosen.value()
            + "' to the reference ("
            + (viewModel.detailProperty().get() == null
                ? "output"
                : viewModel.detailProperty().get().outputSpace())
            + ")");
    DependenceTab.span(value, true, gaps.stream().mapToDouble(Double::doubleValue).toArray());
    bars.getDatasets().setAll(data);
  }

  /** The group's gap split into features, largest |part| first, then the residual. */
  static List<ExplanationGroups.Part> decomposition(ExplanationGroups.Group g) {
    List<ExplanationGroups.Part> out = new ArrayList<>(g.parts());
    out.sort(Comparator.comparingDouble((ExplanationGroups.Part p) -> -Math.abs(p.gap())));
    out.add(new ExplanationGroups.Part(RESIDUAL, Double.NaN, g.residual()));
    return out;
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.4f", v);
  }

  private static TreeTableColumn<Line, String> column(
      String name, double width, Function<Line, String> text) {
    TreeTableColumn<Line, String> column = new TreeTableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(text.apply(c.getValue().getValue())));
    column.setPrefWidth(width);
    column.setMinWidth(width);
    column.setSortable(false);
    return column;
  }
}
