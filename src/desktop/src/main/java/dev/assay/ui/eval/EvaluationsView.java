package dev.assay.ui.eval;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.Curve;
import dev.assay.core.model.ModelVersion;
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
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

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

    SplitPane split = new SplitPane(form(), results());
    split.setDividerPositions(0.3);
    setCenter(split);
    viewModel.resultProperty().addListener((obs, old, now) -> show(now));
  }

  private VBox form() {
    ComboBox<ModelVersion> model = new ComboBox<>(viewModel.models());
    model.setId("eval-model");
    model.setConverter(converter(m -> m == null ? "" : m.ref()));
    model.valueProperty().bindBidirectional(viewModel.modelProperty());
    ComboBox<DatasetVersion> data = new ComboBox<>(viewModel.datasets());
    data.setId("eval-dataset");
    data.setConverter(converter(d -> d == null ? "" : d.ref()));
    data.valueProperty().bindBidirectional(viewModel.datasetProperty());
    ComboBox<String> target = new ComboBox<>(viewModel.columns());
    target.setId("eval-target");
    target.valueProperty().bindBidirectional(viewModel.targetProperty());
    TextField features = new TextField();
    features.setId("eval-features");
    features.setPromptText("remembered, or from the model's metadata");
    features.textProperty().bindBidirectional(viewModel.featuresProperty());
    TextField positive = new TextField();
    positive.setPromptText("the second class");
    positive.textProperty().bindBidirectional(viewModel.positiveLabelProperty());
    ChoiceBox<ExecutionProvider> provider = new ChoiceBox<>();
    provider.getItems().setAll(ExecutionProvider.values());
    provider.valueProperty().bindBidirectional(viewModel.providerProperty());
    provider.setConverter(converter(p -> p == null ? "" : p.id()));
    Label available =
        new Label("This build offers: " + String.join(", ", viewModel.availableProviders()));
    available.getStyleClass().add("hint");
    Spinner<Integer> batch = new Spinner<>(1, 1 << 20, viewModel.batchSizeProperty().get(), 256);
    batch.setEditable(true);
    batch.getValueFactory().valueProperty().bindBidirectional(viewModel.batchSizeProperty());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    int row = 0;
    grid.addRow(row++, new Label("Model"), model);
    grid.addRow(row++, new Label("Dataset"), data);
    grid.addRow(row++, new Label("Target"), target);
    grid.addRow(row++, new Label("Features"), features);
    grid.addRow(row++, new Label("Positive class"), positive);
    grid.addRow(row++, new Label("Provider"), provider);
    grid.add(available, 1, row++);
    grid.addRow(row++, new Label("Batch size"), batch);
    ReadingChoices reading = viewModel.reading();
    ComboBox<String> probabilities =
        outputChoice(reading.probabilityOutputs(), "eval-probabilities-output");
    probabilities.valueProperty().bindBidirectional(reading.probabilitiesOutputProperty());
    ComboBox<String> labels = outputChoice(reading.labelOutputs(), "eval-label-output");
    labels.valueProperty().bindBidirectional(reading.labelOutputProperty());
    grid.addRow(row++, new Label("Probabilities from"), probabilities);
    grid.addRow(row, new Label("Labels from"), labels);
    for (var node : List.of(model, data, target, features, positive)) {
      GridPane.setHgrow(node, Priority.ALWAYS);
      ((javafx.scene.control.Control) node).setMaxWidth(Double.MAX_VALUE);
    }

    Button run = new Button("Run evaluation");
    run.setId("run-evaluation");
    run.setDefaultButton(true);
    run.disableProperty().bind(viewModel.runningProperty());
    run.setOnAction(e -> viewModel.run());
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-evaluation");
    cancel.disableProperty().bind(viewModel.runningProperty().not());
    cancel.setOnAction(e -> viewModel.cancel());
    ProgressBar progress = new ProgressBar();
    progress.visibleProperty().bind(viewModel.runningProperty());
    progress.setMaxWidth(Double.MAX_VALUE);
    HBox buttons = new HBox(8, run, cancel);

    ListView<RunSummary> runs = new ListView<>(viewModel.runs());
    runs.setId("past-runs");
    runs.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(RunSummary r, boolean empty) {
                super.updateItem(r, empty);
                setText(
                    empty || r == null
                        ? null
                        : "#"
                            + r.id()
                            + " "
                            + r.model()
                            + " on "
                            + r.dataset()
                            + " — "
                            + r.status().id()
                            + (r.labelled() ? "" : ", UNLABELLED (no metrics)")
                            + (r.rows() == null
                                ? ""
                                : String.format(Locale.ROOT, ", %,d rows", r.rows())));
              }
            });
    runs.getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> viewModel.open(now));
    VBox.setVgrow(runs, Priority.ALWAYS);
    VBox box =
        new VBox(10, grid, targetMap(reading), buttons, progress, new Label("Past runs"), runs);
    box.setPadding(new Insets(10));
    return box;
  }

  private static ComboBox<String> outputChoice(
      javafx.collections.ObservableList<String> items, String id) {
    ComboBox<String> box = new ComboBox<>(items);
    box.setId(id);
    box.setMaxWidth(Double.MAX_VALUE);
    box.setConverter(
        converter(n -> n == null || n.isEmpty() ? "chosen by what the outputs hold" : n));
    return box;
  }

  /** The mapping table, shown only when the target's values are not the model's classes. */
  private static VBox targetMap(ReadingChoices reading) {
    Label hint = new Label();
    hint.setWrapText(true);
    hint.textProperty().bind(reading.mapHintProperty());
    TableView<ReadingChoices.Mapping> table = new TableView<>(reading.mappings());
    table.setId("eval-target-map");
    table.setEditable(true);
    table.setPrefHeight(120);
    TableColumn<ReadingChoices.Mapping, String> value = new TableColumn<>("Target value");
    value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
    TableColumn<ReadingChoices.Mapping, String> modelClass = new TableColumn<>("Model class");
    modelClass.setCellValueFactory(c -> c.getValue().modelClassProperty());
    modelClass.setCellFactory(javafx.scene.control.cell.TextFieldTableCell.forTableColumn());
    modelClass.setEditable(true);
    table.getColumns().addAll(List.of(value, modelClass));
    javafx.scene.control.CheckBox apply =
        new javafx.scene.control.CheckBox(
            "Apply this mapping (remembered for this model and dataset)");
    apply.setId("eval-apply-target-map");
    apply.selectedProperty().bindBidirectional(reading.applyMapProperty());
    VBox box = new VBox(6, hint, table, apply);
    box.visibleProperty().bind(reading.mapOfferedProperty());
    box.managedProperty().bind(reading.mapOfferedProperty());
    return box;
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
    StringBuilder text = new StringBuilder();
    text.append("Target: ")
        .append(
            result.labelled()
                ? result.run().target()
                : "none: UNLABELLED, scored without a target, no label metrics");
    if (result.positiveLabel() != null) {
      text.append("\nPositive class: ").append(result.positiveLabel());
    }
    text.append("\nLabels from: ").append(result.labelSource());
    text.append("\nBinding (")
        .append(result.bindingSource())
        .append("): ")
        .append(String.join(", ", result.binding().columns()));
    text.append("\nProvider: ")
        .append(result.run().provider())
        .append(" (requested ")
        .append(result.run().providerRequested())
        .append(")");
    text.append(
        String.format(
            Locale.ROOT,
            "\nBatch latency p50/p95/p99: %.2f / %.2f / %.2f ms",
            result.run().latencyP50Ms(),
            result.run().latencyP95Ms(),
            result.run().latencyP99Ms()));
    text.append("\nONNX Runtime ")
        .append(result.run().onnxRuntimeVersion())
        .append(", Java ")
        .append(result.run().jdk());
    if (result.agreement() != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "\nLabel output vs probabilities: %d of %d rows disagree",
              result.agreement().disagreements(),
              result.agreement().compared()));
    }
    if (result.reading() != null) {
      var used = result.reading().outputs();
      if (used.probabilities() != null) {
        text.append(used.scoresOnly() ? "\nScores from '" : "\nProbabilities from '")
            .append(used.probabilities())
            .append("': ")
            .append(used.probabilitiesReason());
      }
      if (used.label() != null) {
        text.append("\nLabels from '")
            .append(used.label())
            .append("': ")
            .append(used.labelReason());
      }
      if (!result.reading().targetMap().isEmpty()) {
        text.append("\nTarget values mapped (")
            .append(result.reading().targetMapSource())
            .append("): ")
            .append(new dev.assay.core.inference.TargetMap(result.reading().targetMap()));
      }
    }
    for (String warning : result.warnings()) {
      text.append("\nWarning: ").append(warning);
    }
    notes.setText(text.toString());
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

  private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
    return new StringConverter<>() {
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

  private javafx.stage.Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }
}
