package dev.assay.ui.compare;

import dev.assay.core.compare.Comparison;
import dev.assay.core.compare.LiveSnapshot;
import dev.assay.ui.common.Dialogs;
import io.fair_acc.chartfx.XYChart;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Compare screen: pick versions (and providers), dataset and target; live charts while the
 * comparison runs; overlaid curves, calibration, confusion matrices, per-class bars, the table of
 * differences and the disagreements when it is done.
 */
public final class CompareView extends BorderPane {
  private final CompareViewModel viewModel;
  private final LiveCharts live = new LiveCharts();
  private final ResultCharts charts = new ResultCharts();
  private final PulseSteps steps = new PulseSteps();
  private final GridPatterns gridPatterns = new GridPatterns();
  private final ResultTables tables = new ResultTables(steps);
  private final ExplanationsTab explanations = new ExplanationsTab();
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
    SplitPane split = new SplitPane(new CompareForm(viewModel, liveStatus), results());
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

  private VBox results() {
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
            new Tab("Live", live.node()),
            new Tab("Differences", tables.deltas),
            new Tab("ROC and PR", curves),
            new Tab("Calibration", Charts.withExport(charts.calibration)),
            new Tab("Confusion matrices", tables.confusion),
            new Tab("Per class", Charts.withExport(charts.perClass)),
            new Tab("Disagreements", disagreements),
            explanationsTab());
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

  private Tab explanationsTab() {
    Tab tab = new Tab("Explanations", explanations.node());
    tab.setId("compare-explanations-tab");
    // filled once a comparison's explanations are found, at a pulse of its own
    viewModel
        .explanations()
        .shownProperty()
        .addListener((obs, old, now) -> steps.once(() -> explanations.show(now)));
    return tab;
  }

  private void showLive(LiveSeries series) {
    if (series == null) {
      return;
    }
    live.show(series, steps);
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
        live.liveMetric,
        live.liveLatency,
        live.liveThroughput,
        charts.roc,
        charts.pr,
        charts.calibration,
        charts.perClass);
  }

  /** Writes {@code chart} as a PNG file; call on the FX thread. */
  public void exportPng(XYChart chart, java.nio.file.Path file) throws java.io.IOException {
    Charts.png(chart, file);
  }

  private javafx.stage.Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }
}
