package dev.assay.ui.compare;

import dev.assay.core.compare.Comparison;
import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.compare.Contender;
import dev.assay.core.compare.LiveSnapshot;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.Dialogs;
import dev.assay.ui.eval.ReadingChoices;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Compare screen: pick versions (and providers), dataset and target; live charts while the
 * comparison runs; overlaid curves, calibration, confusion matrices, per-class bars, the table of
 * differences and the disagreements when it is done.
 */
public final class CompareView extends BorderPane {
  private final CompareViewModel viewModel;
  private final XYChart liveMetric =
      Charts.xy("compare-live-metric", "Running metrics, 95% CI", "Rows", "Value", false);
  private final XYChart liveLatency =
      Charts.xy(
          "compare-live-latency", "Batch latency", "Batch latency (ms, log)", "Batches", false);
  private final XYChart liveThroughput =
      Charts.xy("compare-live-throughput", "Throughput", "Seconds", "Rows per second", false);
  private final ErrorDataSetRenderer liveMetricRenderer = Charts.bands(List.of());
  private final ErrorDataSetRenderer liveLatencyRenderer =
      Charts.lines(List.of(), LineStyle.HISTOGRAM);
  private final ErrorDataSetRenderer liveThroughputRenderer =
      Charts.lines(List.of(), LineStyle.NORMAL);
  private final ResultCharts charts = new ResultCharts();
  private final PulseSteps steps = new PulseSteps();
  private final GridPatterns gridPatterns = new GridPatterns();
  private final ResultTables tables = new ResultTables(steps);
  private final Label heading = new Label("Add two or more model versions, then run.");
  private final Label liveStatus = new Label();
  private final TabPane tabs = new TabPane();
  private final java.util.Set<Tab> filled = new java.util.HashSet<>();
  private Comparison shown;
  private final AnimationTimer statusTimer =
      new AnimationTimer() {
        private boolean skip;

        @Override
        public void handle(long now) {
          // every second pulse only: a chart redraw costs the software renderer up to 30 ms, and
          // a frame without one leaves the renderer and the FX thread slack (each live chart still
          // redraws ten times a second at 60 pulses a second)
          skip = !skip;
          if (skip) {
            return;
          }
          // the charts drew at the last pulse: keep the grid patterns they made
          gridPatterns.retain();
          LiveSeries series = viewModel.liveProperty().get();
          boolean changed = series != null && series.applyNext();
          if (!changed && !viewModel.runningProperty().get()) {
            // the run has ended and its last snapshots are drawn, one chart a pulse
            stop();
          }
          LiveSnapshot s = viewModel.latestSnapshot();
          if (s != null) {
            liveStatus.setText(
                String.format(
                    Locale.ROOT,
                    "%,d rows, %.1f s, %,.0f rows/s%s",
                    s.rows(),
                    s.elapsedSeconds(),
                    s.rowsPerSecond(),
                    s.finished() ? " — computing statistics" : ""));
          }
        }
      };

  public CompareView(CompareViewModel viewModel) {
    this.viewModel = viewModel;
    setId("compare-view");
    viewModel.setErrorSink(message -> Dialogs.showError(window(), "Comparison problem", message));
    viewModel.setPacer(steps::once);
    ((DefaultNumericAxis) liveLatency.getXAxis()).setLogAxis(true);
    Charts.replace(liveMetric, liveMetricRenderer);
    Charts.replace(liveLatency, liveLatencyRenderer);
    Charts.replace(liveThroughput, liveThroughputRenderer);
    SplitPane split = new SplitPane(form(), results());
    split.setDividerPositions(0.28);
    setCenter(split);
    viewModel.liveProperty().addListener((obs, old, now) -> showLive(now));
    viewModel.resultProperty().addListener((obs, old, now) -> show(now));
    // once the screen is shown, the differences table makes its rows and a chart its legend in
    // hidden tabs (idle pulses), so that the first comparison after start does not pay for them in
    // one frame
    sceneProperty()
        .addListener(
            new javafx.beans.value.ChangeListener<>() {
              @Override
              public void changed(
                  javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> obs,
                  javafx.scene.Scene old,
                  javafx.scene.Scene now) {
                if (now != null) {
                  sceneProperty().removeListener(this);
                  tables.prime();
                  charts.prime(steps, 4);
                }
              }
            });
    viewModel
        .runningProperty()
        .addListener(
            (obs, old, now) -> {
              if (now) {
                statusTimer.start();
              }
            });
  }

  private VBox form() {
    ComboBox<ModelVersion> model = new ComboBox<>(viewModel.models());
    model.setId("compare-model");
    model.setConverter(converter(m -> m == null ? "" : m.ref()));
    model.valueProperty().bindBidirectional(viewModel.modelProperty());
    ChoiceBox<ExecutionProvider> provider = new ChoiceBox<>();
    provider.getItems().setAll(ExecutionProvider.values());
    provider.setConverter(converter(p -> p == null ? "" : p.id()));
    provider.valueProperty().bindBidirectional(viewModel.providerProperty());
    Button add = new Button("Add");
    add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "..." (Primer pads buttons)
    add.setId("compare-add");
    add.setOnAction(e -> viewModel.addContender());
    ListView<Contender> chosen = new ListView<>(viewModel.contenders());
    chosen.setId("compare-contenders");
    chosen.setPrefHeight(110);
    chosen.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(Contender c, boolean empty) {
                super.updateItem(c, empty);
                int index = getIndex();
                setText(empty || c == null ? null : c.label() + (index == 0 ? "  (baseline)" : ""));
              }
            });
    Button remove = new Button("Remove");
    remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    remove.setOnAction(
        e -> {
          Contender c = chosen.getSelectionModel().getSelectedItem();
          if (c != null) {
            viewModel.contenders().remove(c);
          }
        });
    ComboBox<DatasetVersion> data = new ComboBox<>(viewModel.datasets());
    data.setId("compare-dataset");
    data.setConverter(converter(d -> d == null ? "" : d.ref()));
    data.valueProperty().bindBidirectional(viewModel.datasetProperty());
    ComboBox<String> target = new ComboBox<>(viewModel.columns());
    target.setId("compare-target");
    target.valueProperty().bindBidirectional(viewModel.targetProperty());
    TextField positive = new TextField();
    positive.setPromptText("the second class");
    positive.textProperty().bindBidirectional(viewModel.positiveLabelProperty());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    // the labels keep their width; the fields take what is left
    javafx.scene.layout.ColumnConstraints labelColumn = new javafx.scene.layout.ColumnConstraints();
    labelColumn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    grid.getColumnConstraints().add(labelColumn);
    grid.addRow(0, new Label("Model"), model);
    grid.addRow(1, new Label("Provider"), new HBox(8, provider, add, remove));
    grid.add(chosen, 0, 2, 2, 1);
    grid.addRow(3, new Label("Dataset"), data);
    grid.addRow(4, new Label("Target"), target);
    grid.addRow(5, new Label("Positive class"), positive);
    ReadingChoices reading = viewModel.reading();
    ComboBox<String> probabilities = new ComboBox<>(reading.probabilityOutputs());
    probabilities.setId("compare-probabilities-output");
    probabilities.setConverter(converter(n -> n == null || n.isEmpty() ? "automatic" : n));
    probabilities.setTooltip(
        new javafx.scene.control.Tooltip(
            "Automatic: the output whose rows are probabilities (in [0, 1], summing to 1)."));
    probabilities.valueProperty().bindBidirectional(reading.probabilitiesOutputProperty());
    ComboBox<String> labels = new ComboBox<>(reading.labelOutputs());
    labels.setId("compare-label-output");
    labels.setConverter(converter(n -> n == null || n.isEmpty() ? "the model's label output" : n));
    labels.valueProperty().bindBidirectional(reading.labelOutputProperty());
    grid.addRow(6, new Label("Probabilities from"), probabilities);
    grid.addRow(7, new Label("Labels from"), labels);
    javafx.scene.control.CheckBox applyMap =
        new javafx.scene.control.CheckBox("Map the target's values onto the model's classes");
    applyMap.setId("compare-apply-target-map");
    applyMap.selectedProperty().bindBidirectional(reading.applyMapProperty());
    Label mapHint = new Label();
    mapHint.setWrapText(true);
    mapHint.textProperty().bind(reading.mapHintProperty());
    VBox mapBox = new VBox(4, mapHint, applyMap);
    mapBox.visibleProperty().bind(reading.mapOfferedProperty());
    mapBox.managedProperty().bind(reading.mapOfferedProperty());
    grid.add(mapBox, 0, 8, 2, 1);
    for (var node : List.of(model, data, target, positive, probabilities, labels)) {
      GridPane.setHgrow(node, Priority.ALWAYS);
      node.setMaxWidth(Double.MAX_VALUE);
    }
    Label available =
        new Label("This build offers: " + String.join(", ", viewModel.availableProviders()));
    available.getStyleClass().add("hint");
    Button run = new Button("Run comparison");
    run.setId("run-comparison");
    run.setDefaultButton(true);
    run.disableProperty().bind(viewModel.runningProperty());
    run.setOnAction(e -> viewModel.run());
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-comparison");
    cancel.disableProperty().bind(viewModel.runningProperty().not());
    cancel.setOnAction(e -> viewModel.cancel());
    liveStatus.setId("compare-live-status");
    ListView<ComparisonStore.Summary> past = new ListView<>(viewModel.pastComparisons());
    past.setId("past-comparisons");
    past.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(ComparisonStore.Summary s, boolean empty) {
                super.updateItem(s, empty);
                setText(
                    empty || s == null
                        ? null
                        : "#" + s.id() + " " + s.models() + " on " + s.dataset());
              }
            });
    past.getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> viewModel.open(now));
    VBox.setVgrow(past, Priority.ALWAYS);
    VBox box =
        new VBox(
            10,
            grid,
            available,
            new HBox(8, run, cancel),
            liveStatus,
            new Label("Saved comparisons"),
            past);
    box.setPadding(new Insets(10));
    return box;
  }

  private VBox results() {
    HBox live =
        new HBox(
            Charts.withExport(liveMetric),
            Charts.withExport(liveLatency),
            Charts.withExport(liveThroughput));
    HBox curves = new HBox(Charts.withExport(charts.roc), Charts.withExport(charts.pr));
    Button exportRows = new Button("Export all disagreeing rows (CSV)…");
    exportRows.setId("compare-export-disagreements");
    exportRows.setOnAction(e -> exportDisagreements());
    HBox pairBar = new HBox(8, new Label("Pair"), tables.pair, exportRows);
    HBox lists = new HBox(8, tables.rows, tables.changes);
    HBox.setHgrow(tables.rows, Priority.ALWAYS);
    HBox.setHgrow(tables.changes, Priority.ALWAYS);
    VBox disagreements = new VBox(8, pairBar, tables.pairSummary, lists);
    VBox.setVgrow(lists, Priority.ALWAYS);
    disagreements.setPadding(new Insets(8));
    tabs.getTabs()
        .setAll(
            new Tab("Live", live),
            new Tab("Differences", tables.deltas),
            new Tab("ROC and PR", curves),
            new Tab("Calibration", Charts.withExport(charts.calibration)),
            new Tab("Confusion matrices", tables.confusion),
            new Tab("Per class", Charts.withExport(charts.perClass)),
            new Tab("Disagreements", disagreements));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setId("compare-tabs");
    tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> fill(now));
    heading.setId("compare-heading");
    heading.getStyleClass().add("field-label");
    VBox box = new VBox(8, heading, tabs);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    box.setPadding(new Insets(10));
    return box;
  }

  private void showLive(LiveSeries series) {
    if (series == null) {
      return;
    }
    // the renderers stay; their data sets change, one chart per pulse (each change redraws a chart
    // and its legend)
    List<io.fair_acc.dataset.DataSet> metric = new ArrayList<>(series.accuracy);
    metric.addAll(series.rocAuc);
    List<io.fair_acc.dataset.DataSet> rates = new ArrayList<>(series.throughput);
    rates.add(series.pipeline);
    steps.once(() -> liveMetricRenderer.getDatasets().setAll(metric));
    steps.once(() -> liveLatencyRenderer.getDatasets().setAll(series.latency));
    steps.once(() -> liveThroughputRenderer.getDatasets().setAll(rates));
    liveStatus.setText("Starting…");
    tabs.getSelectionModel().select(0);
  }

  private void show(Comparison comparison) {
    if (comparison == null) {
      heading.setText("Add two or more model versions, then run.");
      shown = null;
      filled.clear();
      // emptied at the next pulses, charts then tables, unless a result comes first (its rows then
      // replace the old ones, which costs less than emptying and refilling); a tab not yet
      // filled for the new result is filled before it shows
      steps.once(
          () -> {
            if (shown == null) {
              charts.clear();
            }
          });
      steps.once(
          () -> {
            if (shown == null) {
              tables.clear();
            }
          });
      return;
    }
    var report = comparison.report();
    heading.setText(
        String.format(
            Locale.ROOT,
            "Comparison #%d on %s (target %s): %,d rows, %.2f s (%,.0f rows/s); baseline %s",
            report.id(),
            report.dataset(),
            report.target(),
            report.rows(),
            report.wallSeconds(),
            report.rowsPerSecond(),
            report.models().getFirst().label()));
    shown = comparison;
    filled.clear();
    // from the next pulse on, the differences are filled while their tab is still hidden (hidden
    // tabs are laid out too), a few lines a pulse, and their tab is shown when they are made
    steps.once(
        () -> {
          if (shown == comparison) {
            fill(tabs.getTabs().get(1));
            if (tabs.getSelectionModel().getSelectedIndex() != 1) {
              steps.once(() -> tabs.getSelectionModel().select(1));
            }
          }
        });
  }

  /** Fills a result tab when it is first shown: the FX thread builds one tab at a time. */
  private void fill(Tab tab) {
    if (shown == null || tab == null || !filled.add(tab)) {
      return;
    }
    switch (tabs.getTabs().indexOf(tab)) {
      case 1 -> tables.showDeltas(shown);
      case 2 -> charts.showCurves(shown);
      case 3 -> charts.showCalibration(shown);
      case 4 -> tables.showConfusion(shown);
      case 5 -> charts.showPerClass(shown);
      case 6 -> tables.showDisagreements(shown);
      default -> {}
    }
    // the tab's charts draw in this pulse: keep their grid patterns after it
    steps.once(gridPatterns::retain);
  }

  private void exportDisagreements() {
    var pair = tables.pair.getValue();
    if (pair == null) {
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser.setInitialFileName("disagreements.csv");
    java.io.File file = chooser.showSaveDialog(window());
    if (file != null) {
      viewModel.exportDisagreements(pair, file.toPath());
    }
  }

  /**
   * Whether a result table is still growing to its full height, a few lines a pulse (see {@link
   * PulseSteps}); for tests and benchmarks.
   */
  public boolean filling() {
    return steps.busy();
  }

  /** The charts, for tests and PNG export. */
  public List<XYChart> charts() {
    return List.of(
        liveMetric,
        liveLatency,
        liveThroughput,
        charts.roc,
        charts.pr,
        charts.calibration,
        charts.perClass);
  }

  /** Writes {@code chart} as a PNG file; call on the FX thread. */
  public void exportPng(XYChart chart, java.nio.file.Path file) throws java.io.IOException {
    Charts.png(chart, file);
  }

  private static <T> StringConverter<T> converter(Function<T, String> text) {
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
