package dev.assay.bench;

import static dev.assay.bench.FxFrames.onFx;
import static dev.assay.bench.FxFrames.startFx;
import static dev.assay.bench.FxFrames.waitFor;

import dev.assay.bench.FxFrames.PulseProbe;
import dev.assay.bench.FxFrames.RunnableProbe;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.compare.Comparison;
import dev.assay.core.compare.ComparisonReport;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.DesktopApp;
import dev.assay.ui.MainWindow;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.compare.CompareViewModel;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * FX-thread responsiveness during a 1,000,000-row comparison (issue 4), run by hand: {@code ./mvnw
 * -Pbench-compare -DskipTests process-test-classes} (headless: Monocle, software rendering).
 *
 * <p>The real main window shows the Compare screen with its live charts while {@code hmda-deny} v1
 * and v2 are compared on the 1M-row CSV of {@link EvalBenchmark}. Two probes run on the FX thread
 * from the click on "run" until one second after the result is shown: an {@link AnimationTimer}
 * records the gap between consecutive pulses, and a background thread posts a no-op runnable every
 * 5 ms and records how long each waited. The largest wait is the longest the FX thread was blocked
 * (target: 50 ms); the largest pulse gap is the longest frame, which includes the render thread's
 * drawing (the FX thread waits for it only at the start of the next pulse): the stricter figure.
 * The first comparison after start (JVM cold) is the "warm-up" round. Writes
 * target/bench/compare-results.txt.
 */
public final class CompareBenchmark {
  private CompareBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Path csv = work.resolve("hmda-1m.csv");
    if (!Files.exists(csv)) {
      EvalBenchmark.generate(repo.resolve("models/data/hmda_train.csv"), csv);
    }
    Path home = Files.createTempDirectory(work, "compare-home-");
    List<String> lines = new ArrayList<>();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "bench")) {
      List<ModelVersion> models = new ArrayList<>();
      for (String file : List.of("hmda-deny-v1.onnx", "hmda-deny-v2.onnx")) {
        models.add(
            workbench
                .models()
                .importModel(
                    new ImportRequest(
                        repo.resolve("models").resolve(file), "hmda-deny", null, null, List.of()),
                    Progress.NONE,
                    Cancellation.NONE)
                .model());
      }
      DatasetVersion data =
          workbench
              .datasets()
              .importDataset(csv, "hmda-1m", Progress.NONE, Cancellation.NONE)
              .dataset();
      for (int round = 1; round <= 2; round++) {
        lines.add(measure(workbench, models, data, round == 1 ? "warm-up" : "measured"));
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
    Files.write(work.resolve("compare-results.txt"), lines);
    Platform.exit();
  }

  private static String measure(
      Workbench workbench, List<ModelVersion> models, DatasetVersion data, String label)
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<MainWindow> window = new AtomicReference<>();
    AtomicReference<Stage> stage = new AtomicReference<>();
    startFx(
        () -> {
          Stage s = new Stage();
          stage.set(s);
          window.set(new DesktopApp(workbench, null).show(s, (owner, folder) -> List.of()));
          window.get().show(ScreenKind.COMPARE);
          started.countDown();
        });
    started.await();
    CompareViewModel vm = window.get().compareViewModel();
    waitFor(() -> vm.models().size() == 2 && !vm.datasets().isEmpty());

    PulseProbe pulses = new PulseProbe();
    RunnableProbe runnables = new RunnableProbe();
    // the form is filled first, as by a user, then "run" is clicked: the probes cover the run
    onFx(
        () -> {
          for (ModelVersion m : models) {
            vm.modelProperty()
                .set(vm.models().stream().filter(x -> x.id() == m.id()).findFirst().get());
            vm.addContender();
          }
          vm.datasetProperty().set(vm.datasets().getFirst());
          vm.targetProperty().set("deny");
          return null;
        });
    Thread.sleep(500);
    long t0 = System.nanoTime();
    onFx(
        () -> {
          pulses.start();
          vm.run();
          return null;
        });
    runnables.start();
    waitFor(() -> vm.resultProperty().get() != null);
    long shown = System.nanoTime();
    Thread.sleep(1000);
    runnables.stop();
    onFx(
        () -> {
          pulses.stop();
          return null;
        });
    pulses.dump(label + "-run");

    // then the user looks at the other result tabs, each filled when first shown
    PulseProbe tabPulses = new PulseProbe();
    RunnableProbe tabRunnables = new RunnableProbe();
    javafx.scene.control.TabPane tabs =
        onFx(
            () ->
                (javafx.scene.control.TabPane)
                    stage.get().getScene().getRoot().lookup("#compare-tabs"));
    onFx(
        () -> {
          tabPulses.start();
          return null;
        });
    tabRunnables.start();
    for (int tab = 2; tab < 7; tab++) {
      int index = tab;
      onFx(
          () -> {
            tabs.getSelectionModel().select(index);
            return null;
          });
      Thread.sleep(300);
    }
    tabRunnables.stop();
    onFx(
        () -> {
          tabPulses.stop();
          return null;
        });
    tabPulses.dump(label + "-tabs");
    Comparison comparison = onFx(() -> vm.resultProperty().get());
    ComparisonReport report = comparison.report();
    // showing the result again (as when reopening it), until its tables are filled
    PulseProbe again = new PulseProbe();
    RunnableProbe againRunnables = new RunnableProbe();
    dev.assay.ui.compare.CompareView view =
        onFx(
            () ->
                (dev.assay.ui.compare.CompareView)
                    stage.get().getScene().getRoot().lookup("#compare-view"));
    onFx(
        () -> {
          vm.resultProperty().set(null);
          again.start();
          vm.resultProperty().set(comparison);
          return null;
        });
    againRunnables.start();
    Thread.sleep(100);
    waitFor(() -> !view.filling());
    Thread.sleep(300);
    againRunnables.stop();
    onFx(
        () -> {
          again.stop();
          return null;
        });
    again.dump(label + "-again");
    onFx(
        () -> {
          stage.get().close();
          return null;
        });
    return String.format(
        Locale.ROOT,
        "%-8s %,d rows, 2 models: pass %.2f s (%,.0f rows/s), run to result shown %.2f s;"
            + " FX pulses %d, max pulse gap %.1f ms, p99 %.1f ms; FX runnables probed %d, max"
            + " wait %.1f ms, p99 %.1f ms; FX-thread CPU time between two pulses max %.1f ms,"
            + " p99 %.1f ms; render thread CPU time between two pulses max %.1f ms; longest GC"
            + " pause %.1f ms, max pulse gap without a GC pause in it %.1f ms; bootstrap"
            + " resamples %d; largest gaps:%s; then showing the other"
            + " result tabs: max pulse gap %.1f ms, max wait %.1f ms, FX-thread CPU time between"
            + " two pulses max %.1f ms; showing the result again: max pulse gap %.1f ms, max wait"
            + " %.1f ms, FX-thread CPU time between two pulses max %.1f ms; load average %.1f",
        label,
        report.rows(),
        report.wallSeconds(),
        report.rowsPerSecond(),
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
        report.resamples(),
        pulses.largest(),
        tabPulses.max(),
        tabRunnables.max(),
        tabPulses.maxBusy(),
        again.max(),
        againRunnables.max(),
        again.maxBusy(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
