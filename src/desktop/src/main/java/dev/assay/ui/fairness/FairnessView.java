package dev.assay.ui.fairness;

import static dev.assay.ui.fairness.FairnessTables.converter;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.fairness.AttributeReport;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.FairnessReportSummary;
import dev.assay.core.fairness.GroupReport;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.Dialogs;
import dev.assay.ui.common.MetricNames;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Fairness screen: choose a run (or model and dataset), sensitive columns, favourable outcome
 * and reference; per-group bars with the reference line, the verdict table with explanations, the
 * threshold chart, and stored reports compared across versions.
 */
public final class FairnessView extends BorderPane {
  private final FairnessViewModel viewModel;
  private final FairnessCharts charts = new FairnessCharts();
  private final TableView<GroupReport> groups = FairnessTables.groups();
  private final TableView<FairnessTables.VerdictRow> verdicts = FairnessTables.verdicts();
  private final TableView<String[]> policies = FairnessTables.policies();
  private final TableView<String[]> comparison = FairnessTables.comparison();
  private final ComboBox<AttributeReport> attribute = new ComboBox<>();
  private final ChoiceBox<String> metric = new ChoiceBox<>();

  /** Whether the metric choice is being set by the view (its action then draws nothing). */
  private boolean choosingMetric;

  private final ChoiceBox<String> curve = new ChoiceBox<>();
  private final TextArea notes = new TextArea();
  private final Label explanation = new Label();
  private final Label heading = new Label("Create a fairness report or open a stored one.");

  /**
   * Showing a report is spread over pulses (groups and bars first, then the verdicts, then the
   * threshold chart and policies, then the notes), each table growing a few lines a pulse.
   */
  private final dev.assay.ui.compare.PulseSteps steps = new dev.assay.ui.compare.PulseSteps();

  /** The attribute the Groups and Threshold tabs show. */
  private AttributeReport shownAttribute;

  public FairnessView(FairnessViewModel viewModel) {
    this.viewModel = viewModel;
    setId("fairness-view");
    viewModel.setErrorSink(message -> Dialogs.showError(window(), "Fairness problem", message));
    SplitPane split = new SplitPane(form(), results());
    split.setDividerPositions(0.3);
    setCenter(split);
    viewModel.reportProperty().addListener((obs, old, now) -> show(now));
    viewModel.attributeProperty().addListener((obs, old, now) -> showAttribute(now));
    viewModel
        .comparisonProperty()
        .addListener((obs, old, now) -> FairnessTables.fillComparison(comparison, now));
  }

  private VBox form() {
    ComboBox<RunSummary> run = new ComboBox<>(viewModel.runs());
    run.setId("fairness-run");
    run.setPromptText("a completed run");
    run.setConverter(
        converter(r -> r == null ? "" : "#" + r.id() + " " + r.model() + " on " + r.dataset()));
    run.valueProperty().bindBidirectional(viewModel.runProperty());
    ComboBox<ModelVersion> model = new ComboBox<>(viewModel.models());
    model.setId("fairness-model");
    model.setConverter(converter(m -> m == null ? "" : m.ref()));
    model.valueProperty().bindBidirectional(viewModel.modelProperty());
    ComboBox<DatasetVersion> data = new ComboBox<>(viewModel.datasets());
    data.setId("fairness-dataset");
    data.setConverter(converter(d -> d == null ? "" : d.ref()));
    data.valueProperty().bindBidirectional(viewModel.datasetProperty());
    ComboBox<String> target = new ComboBox<>(viewModel.columns());
    target.valueProperty().bindBidirectional(viewModel.targetProperty());
    ListView<String> sensitive = new ListView<>(viewModel.columns());
    sensitive.setId("fairness-sensitive");
    sensitive.setPrefHeight(140);
    // a short window shrinks the form, not this list out of sight
    sensitive.setMinHeight(84);
    sensitive.setPlaceholder(new Label("the columns of the chosen run's data"));
    sensitive.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    sensitive
        .getSelectionModel()
        .getSelectedItems()
        .addListener(
            (ListChangeListener<String>)
                c ->
                    viewModel
                        .sensitive()
                        .setAll(List.copyOf(sensitive.getSelectionModel().getSelectedItems())));
    ComboBox<String> favorable = new ComboBox<>(viewModel.classes());
    favorable.setId("fairness-favorable");
    favorable.setEditable(true);
    favorable.setPromptText("the positive class");
    favorable.valueProperty().bindBidirectional(viewModel.favorableProperty());
    TextField positive =
        field("fairness-positive", "the run's positive class", viewModel.positiveProperty());
    TextField reference =
        field("fairness-reference", "the largest group", viewModel.referenceProperty());
    TextField bins =
        field("fairness-bins", "age=30,50 (numeric columns)", viewModel.binsProperty());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    // the labels keep their width; the fields take what is left
    javafx.scene.layout.ColumnConstraints labelColumn = new javafx.scene.layout.ColumnConstraints();
    labelColumn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    grid.getColumnConstraints().add(labelColumn);
    int row = 0;
    grid.addRow(row++, new Label("Run"), run);
    Label or = new Label("or evaluate first:");
    or.getStyleClass().add("hint");
    grid.add(or, 1, row++);
    grid.addRow(row++, new Label("Model"), model);
    grid.addRow(row++, new Label("Dataset"), data);
    grid.addRow(row++, new Label("Target"), target);
    grid.addRow(row++, new Label("Sensitive"), sensitive);
    grid.addRow(row++, new Label("Favourable"), favorable);
    grid.addRow(row++, new Label("Positive class"), positive);
    grid.addRow(row++, new Label("Reference"), reference);
    grid.addRow(row, new Label("Bins"), bins);
    for (Control c :
        List.of(run, model, data, target, sensitive, favorable, positive, reference, bins)) {
      GridPane.setHgrow(c, Priority.ALWAYS);
      c.setMaxWidth(Double.MAX_VALUE);
    }
    Label hint =
        new Label(
            "Selection rate is the share predicted the positive class; favourable rate the share"
                + " predicted the favourable outcome (for a denial model: approval).");
    hint.setWrapText(true);
    hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    hint.getStyleClass().add("hint");
    Button create = new Button("Create report");
    create.setId("create-fairness-report");
    create.setDefaultButton(true);
    create.disableProperty().bind(viewModel.runningProperty());
    create.setOnAction(e -> viewModel.createReport());
    ProgressBar progress = new ProgressBar();
    progress.visibleProperty().bind(viewModel.runningProperty());
    progress.setMaxWidth(Double.MAX_VALUE);

    ListView<FairnessReportSummary> past = new ListView<>(viewModel.reports());
    past.setId("past-fairness-reports");
    past.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    past.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(FairnessReportSummary s, boolean empty) {
                super.updateItem(s, empty);
                setText(
                    empty || s == null
                        ? null
                        : "#"
                            + s.id()
                            + " "
                            + s.model()
                            + " — "
                            + String.join(", ", s.sensitive())
                            + " — "
                            + s.verdict().replace('_', ' '));
              }
            });
    past.setOnMouseClicked(
        e -> {
          if (e.getClickCount() == 2) {
            viewModel.open(past.getSelectionModel().getSelectedItem());
          }
        });
    Button open = new Button("Open");
    open.setOnAction(e -> viewModel.open(past.getSelectionModel().getSelectedItem()));
    Button compare = new Button("Compare selected");
    compare.setId("compare-fairness-reports");
    compare.setOnAction(
        e -> viewModel.compare(List.copyOf(past.getSelectionModel().getSelectedItems())));
    VBox.setVgrow(past, Priority.ALWAYS);
    VBox box =
        new VBox(
            10,
            grid,
            hint,
            create,
            progress,
            new Label("Stored reports"),
            past,
            new HBox(8, open, compare));
    box.setPadding(new Insets(10));
    return box;
  }

  private VBox results() {
    attribute.setId("fairness-attribute");
    attribute.setConverter(converter(a -> a == null ? "" : a.name()));
    attribute.valueProperty().bindBidirectional(viewModel.attributeProperty());
    metric.setId("fairness-metric");
    metric.setConverter(converter(f -> f == null ? "" : MetricNames.display(f)));
    metric.setOnAction(
        e -> {
          if (!choosingMetric) {
            charts.showGroups(viewModel.attributeProperty().get(), metric.getValue());
          }
        });
    curve.setId("fairness-curve");
    curve.setConverter(converter(f -> f == null ? "" : MetricNames.display(f)));
    curve.getItems().setAll("selection_rate", "tpr", "fpr", "disparities");
    curve.setValue("selection_rate");
    curve.setOnAction(e -> showThresholds());
    notes.setId("fairness-notes");
    notes.setEditable(false);
    notes.setWrapText(true);

    VBox groupsTab =
        new VBox(
            8,
            new HBox(8, new Label("Attribute"), attribute, new Label("Figure"), metric),
            charts.bars(),
            groups);
    VBox.setVgrow(charts.bars(), Priority.ALWAYS);
    VBox thresholdTab =
        new VBox(8, new HBox(8, new Label("Curve"), curve), charts.thresholds(), policies);
    VBox.setVgrow(charts.thresholds(), Priority.ALWAYS);
    explanation.setId("fairness-explanation");
    explanation.setWrapText(true);
    explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    verdicts
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, now) ->
                explanation.setText(now == null ? "" : now.disparity().explanation()));
    VBox verdictTab = new VBox(8, verdicts, explanation);
    VBox.setVgrow(verdicts, Priority.ALWAYS);
    new FairnessPrimer(steps, viewModel).whenShown(this, groupsTab, verdicts, policies, charts);
    TabPane tabs =
        new TabPane(
            new Tab("Groups", groupsTab),
            new Tab("Verdicts", verdictTab),
            new Tab("Threshold", thresholdTab),
            new Tab("Versions", comparison),
            new Tab("Report details", notes));
    tabs.setId("fairness-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    heading.setId("fairness-heading");
    heading.getStyleClass().add("field-label");
    heading.setWrapText(true);
    VBox box = new VBox(8, heading, tabs);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    box.setPadding(new Insets(10));
    return box;
  }

  private void show(StoredFairnessReport stored) {
    if (stored == null) {
      heading.setText("Create a fairness report or open a stored one.");
      attribute.getItems().clear();
      verdicts.getItems().clear();
      notes.clear();
      return;
    }
    FairnessReport r = stored.report();
    heading.setText(
        String.format(
            Locale.ROOT,
            "Fairness report #%d on run #%d: %s on %s — %,d rows — %s",
            stored.id(),
            r.runId(),
            r.model(),
            r.dataset(),
            r.rows(),
            r.verdict().replace('_', ' ').toUpperCase(Locale.ROOT)));
    attribute.getItems().setAll(r.attributes());
    attribute.setValue(viewModel.attributeProperty().get());
    // a new report's first attribute was shown when the view model chose it (just before this)
    if (shownAttribute != viewModel.attributeProperty().get()) {
      showAttribute(viewModel.attributeProperty().get());
    }
    steps.once(
        () -> {
          if (viewModel.reportProperty().get() == stored) {
            steps.fill(verdicts, FairnessTables.verdictRows(r.attributes()));
          }
        });
    // the first verdict's explanation (a wrapped label) at a pulse of its own
    steps.once(
        () -> {
          if (viewModel.reportProperty().get() == stored) {
            verdicts.getSelectionModel().selectFirst();
          }
        });
    String details = FairnessTables.details(r);
    steps.once(
        () -> {
          if (viewModel.reportProperty().get() == stored) {
            notes.setText(details);
          }
        });
  }

  private void showAttribute(AttributeReport a) {
    shownAttribute = a;
    steps.fill(groups, a == null ? List.of() : a.groups());
    List<String> figures =
        a == null || a.groups().isEmpty()
            ? List.of()
            : a.groups().getFirst().metrics().keySet().stream().toList();
    // the figure choice at the next pulse, after the groups table's first rows, set without
    // drawing (its action would draw the bars); the bars at the pulse after
    steps.once(
        () -> {
          if (shownAttribute == a) {
            chooseFigure(figures);
          }
        });
    steps.once(
        () -> {
          if (shownAttribute == a) {
            charts.showGroups(a, metric.getValue());
          }
        });
    // the Threshold tab at the next pulse
    steps.once(
        () -> {
          if (shownAttribute == a) {
            steps.fill(policies, FairnessTables.policyRows(a == null ? null : a.thresholds()));
            showThresholds();
          }
        });
  }

  /** Sets the figure choice to {@code figures}, keeping the chosen one, without drawing. */
  private void chooseFigure(List<String> figures) {
    String keep = metric.getValue();
    choosingMetric = true;
    try {
      FairnessTables.setChoices(metric, figures);
      metric.setValue(
          figures.contains(keep)
              ? keep
              : figures.contains("selection_rate")
                  ? "selection_rate"
                  : figures.isEmpty() ? null : figures.getFirst());
    } finally {
      choosingMetric = false;
    }
  }

  private void showThresholds() {
    AttributeReport a = viewModel.attributeProperty().get();
    charts.showThresholds(a == null ? null : a.thresholds(), curve.getValue());
  }

  private static TextField field(
      String id, String prompt, javafx.beans.property.StringProperty property) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    field.textProperty().bindBidirectional(property);
    return field;
  }

  private javafx.stage.Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }
}
