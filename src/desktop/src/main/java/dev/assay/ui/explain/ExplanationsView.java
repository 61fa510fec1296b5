package dev.assay.ui.explain;

import dev.assay.ui.common.ListDetailPane;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The Explanations screen: stored explanations on the left; for the selected one its method, base
 * value and efficiency check; below, in tabs, global importance (mean |φ|, largest first, with a
 * horizontal bar, or the beeswarm of the explained rows: {@link BeeswarmTab}), one row's waterfall
 * ({@link WaterfallTab}), the reason codes of the explained rows, the adverse-action statements
 * with proxy flags and the stability of the top reasons ({@link DecisionsTabs}), and the ALE,
 * partial dependence, recourse and group views ({@link ExplanationCharts}).
 */
public final class ExplanationsView extends BorderPane {
  private static final double BAR_WIDTH = 160;

  public ExplanationsView(ExplanationsViewModel viewModel) {
    this(viewModel, null);
  }

  /** With the "New explanation" form under the list ({@code form} null: without it). */
  public ExplanationsView(ExplanationsViewModel viewModel, NewExplanation form) {
    setId("explanations");
    Label heading = ListDetailPane.label("explanation-heading");
    heading.getStyleClass().add("field-value");
    Label method = ListDetailPane.label("explanation-method");
    Label base = ListDetailPane.label("explanation-base");
    Label efficiency = ListDetailPane.label("explanation-efficiency");
    Label error = ListDetailPane.label("explanation-error");
    error.textProperty().bind(viewModel.errorProperty());
    viewModel
        .detailProperty()
        .addListener(
            (obs, old, d) -> {
              heading.setText(d == null ? "" : d.heading());
              method.setText(d == null ? "" : d.method());
              base.setText(d == null ? "" : d.baseValue());
              ListDetailPane.verdict(
                  efficiency,
                  d == null ? "" : d.efficiency(),
                  d == null ? null : d.efficiencyHolds());
            });

    TableView<ExplanationsViewModel.Importance> importance =
        new TableView<>(viewModel.importance());
    importance.setId("explanation-importance");
    importance.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    importance.getColumns().add(text("Feature", ExplanationsViewModel.Importance::feature));
    importance
        .getColumns()
        .add(text("Mean |φ|", i -> String.format(Locale.ROOT, "%.6f", i.meanAbs())));
    importance
        .getColumns()
        .add(text("Share", i -> String.format(Locale.ROOT, "%.1f %%", 100 * i.share())));
    importance.getColumns().add(barColumn(viewModel));
    importance.setPlaceholder(new Label("Select an explanation on the left."));

    TableView<ExplanationsViewModel.RowReasons> reasons = new TableView<>(viewModel.reasons());
    reasons.setId("explanation-reasons");
    reasons.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<ExplanationsViewModel.RowReasons, String> row = new TableColumn<>("Row");
    row.setCellValueFactory(c -> new SimpleStringProperty(Long.toString(c.getValue().row())));
    row.setPrefWidth(60);
    reasons.getColumns().add(row);
    TableColumn<ExplanationsViewModel.RowReasons, String> why =
        new TableColumn<>("Reason codes (feature = value, contribution)");
    why.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().reasons()));
    why.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                // one reason a line: four reasons fit the column at the window's default size
                setText(empty || value == null ? null : value.replace("; ", "\n"));
              }
            });
    reasons.getColumns().add(why);
    Label noReasons =
        new Label("No reason codes stored: run `assay explain … --reasons` to get them.");
    noReasons.setWrapText(true);
    reasons.setPlaceholder(noReasons);

    Label importanceTitle = new Label("Global importance (mean |φ| over the explained rows)");
    importanceTitle.getStyleClass().add("field-label");
    Label reasonsTitle = new Label("Reason codes of the explained rows");
    reasonsTitle.getStyleClass().add("field-label");
    VBox importancePane = new VBox(6, importanceTitle, importance);
    VBox.setVgrow(importance, Priority.ALWAYS);
    // the dataset's two views of importance side by side in one tab: the top row of tabs is full
    Tab barTab = new Tab("Bar", importancePane);
    barTab.setId("explanation-bar-tab");
    TabPane importanceViews =
        new TabPane(
            barTab, new BeeswarmTab(viewModel).tab(), new ShapDependenceTab(viewModel).tab());
    importanceViews.setId("explanation-importance-views");
    importanceViews.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    Tab importanceTab = new Tab("Importance", importanceViews);
    importanceTab.setId("explanation-importance-tab");
    VBox reasonsPane = new VBox(6, reasonsTitle, reasons);
    VBox.setVgrow(reasons, Priority.ALWAYS);
    Tab reasonsTab = new Tab("Reason codes", reasonsPane);
    reasonsTab.setId("explanation-reasons-tab");
    // every view in a tab of its own: at 1280x800 a chart beside two tables had too little height
    DecisionsTabs decisions = new DecisionsTabs(viewModel);
    TabPane tabs =
        new ExplanationCharts(
                viewModel,
                importanceTab,
                new WaterfallTab(viewModel).tab(),
                reasonsTab,
                decisions.adverse(),
                decisions.stability())
            .node();
    VBox right = new VBox(6, heading, method, base, efficiency, error, tabs);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    ListDetailPane.fill(
        this,
        "Explanations: why a model version decides what it decides",
        viewModel.state(),
        new ListDetailPane.Ids("explanation-list", "explanations-empty", "explanations-refresh"),
        s ->
            "#"
                + s.id()
                + " "
                + s.model()
                + " ("
                + s.method()
                + ")\n"
                + s.dataset()
                + ", "
                + s.rows()
                + " rows",
        ExplanationsViewModel.EMPTY,
        right,
        form == null ? null : NewExplanationPane.of(form));
  }

  private static TableColumn<ExplanationsViewModel.Importance, String> text(
      String name, Function<ExplanationsViewModel.Importance, String> value) {
    TableColumn<ExplanationsViewModel.Importance, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    return column;
  }

  /** A horizontal bar per feature, as long as its mean |φ| relative to the largest. */
  private static TableColumn<ExplanationsViewModel.Importance, Double> barColumn(
      ExplanationsViewModel viewModel) {
    TableColumn<ExplanationsViewModel.Importance, Double> column = new TableColumn<>("");
    column.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().meanAbs()));
    column.setPrefWidth(BAR_WIDTH + 20);
    column.setSortable(false);
    column.setCellFactory(
        c ->
            new TableCell<>() {
              private final Rectangle bar = new Rectangle(0, 10, Color.STEELBLUE);

              @Override
              protected void updateItem(Double value, boolean empty) {
                super.updateItem(value, empty);
                if (empty || value == null) {
                  setGraphic(null);
                  return;
                }
                double largest =
                    viewModel.importance().stream()
                        .mapToDouble(ExplanationsViewModel.Importance::meanAbs)
                        .max()
                        .orElse(0);
                bar.setWidth(largest > 0 ? BAR_WIDTH * value / largest : 0);
                setGraphic(bar);
              }
            });
    return column;
  }
}
