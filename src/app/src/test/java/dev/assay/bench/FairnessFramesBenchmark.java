package dev.assay.bench;

import static dev.assay.bench.FxFrames.onFx;
import static dev.assay.bench.FxFrames.startFx;
import static dev.assay.bench.FxFrames.waitFor;

import dev.assay.bench.FxFrames.PulseProbe;
import dev.assay.bench.FxFrames.RunnableProbe;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.DesktopApp;
import dev.assay.ui.MainWindow;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.fairness.FairnessViewModel;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * FX-thread responsiveness of the Fairness screen on a 1,000,000-row run (issue 19), run by hand:
 * {@code ./mvnw -Pbench-fairness-frames -DskipTests process-test-classes} (headless: Monocle,
 * software rendering; writes target/bench/fairness-frames-results.txt).
 *
 * <p>{@code hmda-deny} v2 is evaluated once on the 1M-row CSV of {@link EvalBenchmark} with {@code
 * afam} as sensitive column, as {@link FairnessBenchmark} does. Then the real main window shows the
 * Fairness screen; the form is filled as by a user (that run, sensitive {@code afam}, favourable
 * {@code 0}) and "Create report" is clicked. The probes of {@link FxFrames} (pulse gaps with the FX
 * and render threads' CPU time per frame, the wait of a runnable posted every 5 ms, GC pauses) run
 * from the click until one second after the report is shown; then while the other result tabs and
 * views are opened (each tab, each threshold curve, each group figure); then while the report is
 * shown again. The first round after start (JVM cold) is the "warm-up".
 */
public final class FairnessFramesBenchmark {
  private FairnessFramesBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Path csv = work.resolve("hmda-1m.csv");
    if (!Files.exists(csv)) {
      EvalBenchmark.generate(repo.resolve("models/data/hmda_train.csv"), csv);
    }
    Path home = Files.createTempDirectory(work, "fairness-frames-home-");
    List<String> lines = new ArrayList<>();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "bench")) {
      ModelVersion v2 =
          workbench
              .models()
              .importModel(
                  ImportRequest.of(repo.resolve("models/hmda-deny-v2.onnx")),
                  Progress.NONE,
                  Cancellation.NONE)
              .model();
      DatasetVersion data =
          workbench
              .datasets()
              .importDataset(csv, "hmda-1m", Progress.NONE, Cancellation.NONE)
              .dataset();
      long runId =
          workbench
              .evaluations()
              .run(
                  new EvaluationRequest(
                      v2,
                      data,
                      "deny",
                      null,
                      null,
                      List.of("afam"),
                      ExecutionProvider.CPU,
                      0,
                      0,
                      EvaluationRequest.LabelSource.LABEL_OUTPUT,
                      false),
                  Progress.NONE,
                  Cancellation.NONE)
              .run()
              .id();
      for (int round = 1; round <= 2; round++) {
        lines.add(measure(workbench, runId, round == 1 ? "warm-up" : "measured"));
      }
    }
    lines.add(
        "JVM: "
            + Runtime.version()
            + ", max heap "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MiB, "
            + Runtime.getRuntime().availableProcessors()
            + " cores, prism "
            + System.getProperty("prism.order")
            + ", glass "
            + System.getProperty("glass.platform"));
    lines.forEach(System.out::println);
    Files.write(work.resolve("fairness-frames-results.txt"), lines);
    Platform.exit();
  }

  private static String measure(Workbench workbench, long runId, String label) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<MainWindow> window = new AtomicReference<>();
    AtomicReference<Stage> stage = new AtomicReference<>();
    startFx(
        () -> {
          Stage s = new Stage();
          stage.set(s);
          window.set(new DesktopApp(workbench, null).show(s, (owner, folder) -> List.of()));
          window.get().show(ScreenKind.FAIRNESS);
          started.countDown();
        });
    started.await();
    FairnessViewModel vm = window.get().fairnessViewModel();
    waitFor(() -> vm.runs().stream().anyMatch(r -> r.id() == runId));
    // the form is filled first, as by a user, then "Create report" is clicked
    onFx(
        () -> {
          vm.runProperty().set(vm.runs().stream().filter(r -> r.id() == runId).findFirst().get());
          return null;
        });
    waitFor(() -> vm.columns().contains("afam") && !vm.classes().isEmpty());
    onFx(
        () -> {
          ListView<?> sensitive = (ListView<?>) lookup(stage, "#fairness-sensitive");
          sensitive.getSelectionModel().select(vm.columns().indexOf("afam"));
          vm.favorableProperty().set("0");
          return null;
        });
    Thread.sleep(500);
    Button create = onFx(() -> (Button) lookup(stage, "#create-fairness-report"));
    PulseProbe pulses = new PulseProbe();
    RunnableProbe runnables = new RunnableProbe();
    ThreadCpu cpu = new ThreadCpu();
    cpu.start();
    Thread.sleep(50);
    long t0 = System.nanoTime();
    onFx(
        () -> {
          pulses.start();
          create.fire();
          return null;
        });
    runnables.start();
    waitFor(() -> vm.reportProperty().get() != null);
    long shown = System.nanoTime();
    System.err.printf(
        Locale.ROOT,
        "%s: report shown at %d ms since JVM start%n",
        label,
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    Thread.sleep(1000);
    runnables.stop();
    onFx(
        () -> {
          pulses.stop();
          return null;
        });
    long end = System.nanoTime();
    Thread.sleep(50);
    cpu.stop();
    pulses.dump("fairness-" + label + "-run");
    // the largest gap once the report is in: where the two cores went meanwhile
    long[] worst = pulses.largestAfter(shown);
    String shownGap =
        worst == null
            ? "none"
            : String.format(
                Locale.ROOT,
                "%.1f ms, %.2f s after shown; in it (ms, +w: waiting for a core) %s",
                pulses.gapEndingAt(worst[1]),
                (worst[1] - shown) / 1e9,
                cpu.between(worst[0], worst[1]));
    StoredFairnessReport stored = onFx(() -> vm.reportProperty().get());

    // then the user opens the other result tabs and views
    PulseProbe viewPulses = new PulseProbe();
    RunnableProbe viewRunnables = new RunnableProbe();
    TabPane tabs = onFx(() -> (TabPane) lookup(stage, "#fairness-tabs"));
    ChoiceBox<?> curve = onFx(() -> (ChoiceBox<?>) lookup(stage, "#fairness-curve"));
    ChoiceBox<?> figure = onFx(() -> (ChoiceBox<?>) lookup(stage, "#fairness-metric"));
    onFx(
        () -> {
          viewPulses.start();
          return null;
        });
    viewRunnables.start();
    int views = 0;
    for (int tab = 1; tab < tabs.getTabs().size(); tab++) {
      select(tabs, tab);
      views++;
    }
    select(tabs, 2); // Threshold: each curve
    for (int i = 1; i < onFx(() -> curve.getItems().size()); i++) {
      int index = i;
      onFx(
          () -> {
            curve.getSelectionModel().select(index);
            return null;
          });
      Thread.sleep(300);
      views++;
    }
    select(tabs, 0); // Groups: each figure
    int figures = onFx(() -> figure.getItems().size());
    for (int i = 0; i < figures; i++) {
      int index = i;
      onFx(
          () -> {
            figure.getSelectionModel().select(index);
            return null;
          });
      Thread.sleep(300);
      views++;
    }
    viewRunnables.stop();
    onFx(
        () -> {
          viewPulses.stop();
          return null;
        });
    viewPulses.dump("fairness-" + label + "-views");

    // showing the report again (as when reopening it)
    PulseProbe again = new PulseProbe();
    RunnableProbe againRunnables = new RunnableProbe();
    onFx(
        () -> {
          vm.reportProperty().set(null);
          again.start();
          vm.reportProperty().set(stored);
          return null;
        });
    againRunnables.start();
    Thread.sleep(1000);
    againRunnables.stop();
    onFx(
        () -> {
          again.stop();
          return null;
        });
    again.dump("fairness-" + label + "-again");
    onFx(
        () -> {
          stage.get().close();
          return null;
        });
    return String.format(
        Locale.ROOT,
        "%-8s %,d rows, sensitive afam, %d resamples: click to report shown %.2f s;"
            + " FX pulses %d, max pulse gap %.1f ms, p99 %.1f ms; FX runnables probed %d, max"
            + " wait %.1f ms, p99 %.1f ms; FX-thread CPU time between two pulses max %.1f ms,"
            + " p99 %.1f ms; render thread CPU time between two pulses max %.1f ms; longest GC"
            + " pause %.1f ms, max pulse gap without a GC pause in it %.1f ms; largest gaps:%s;"
            + " then opening %d other tabs and views: max pulse gap %.1f ms, max wait %.1f ms,"
            + " FX-thread CPU time between two pulses max %.1f ms, render thread max %.1f ms;"
            + " showing the report again: max pulse gap %.1f ms, max wait %.1f ms, FX-thread CPU"
            + " time between two pulses max %.1f ms; load average %.1f; largest pulse gap after the"
            + " report was shown: %s; from shown to 1 s later (ms): %s",
        label,
        stored.report().rows(),
        stored.report().settings().resamples(),
        (shown - t0) / 1e9,
        pulses.count(),
        pulses.max(),
        pulses.p99(),
        runnables.count(),
        runnables.max(),
        runnables.p99(),
        pulses.maxBusy(),
        pulses.p99Busy(),
        pulses.maxRenderBusy(),
        pulses.maxPause(),
        pulses.maxWithoutGc(),
        pulses.largest(),
        views,
        viewPulses.max(),
        viewRunnables.max(),
        viewPulses.maxBusy(),
        viewPulses.maxRenderBusy(),
        again.max(),
        againRunnables.max(),
        again.maxBusy(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        shownGap,
        cpu.between(shown, end));
  }

  private static Node lookup(AtomicReference<Stage> stage, String selector) {
    return stage.get().getScene().getRoot().lookup(selector);
  }

  private static void select(TabPane tabs, int index) throws Exception {
    onFx(
        () -> {
          tabs.getSelectionModel().select(index);
          return null;
        });
    Thread.sleep(300);
  }
}
