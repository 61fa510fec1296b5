package dev.assay.bench;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  /** Stop-the-world GC pauses: [start, end) in ms since JVM start, from GC notifications. */
  private static final List<double[]> PAUSES = new java.util.concurrent.CopyOnWriteArrayList<>();

  static {
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc.getName().contains("Concurrent") || gc.getName().contains("Cycles")) {
        continue; // concurrent work (G1 marking, ZGC cycles) does not stop the FX thread
      }
      ((javax.management.NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                var info =
                    com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) notification.getUserData());
                PAUSES.add(
                    new double[] {
                      info.getGcInfo().getStartTime(),
                      info.getGcInfo().getStartTime() + Math.max(1, info.getGcInfo().getDuration())
                    });
              },
              notification ->
                  notification
                      .getType()
                      .equals(
                          com.sun.management.GarbageCollectionNotificationInfo
                              .GARBAGE_COLLECTION_NOTIFICATION),
              null);
    }
  }

  /** GC pause time (ms) within [from, to) ms since JVM start. */
  private static double pausedWithin(double from, double to) {
    double sum = 0;
    for (double[] p : PAUSES) {
      sum += Math.max(0, Math.min(to, p[1]) - Math.max(from, p[0]));
    }
    return sum;
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

  private static void startFx(Runnable work) {
    try {
      Platform.startup(work);
    } catch (IllegalStateException alreadyRunning) {
      Platform.runLater(work);
    }
    Platform.setImplicitExit(false);
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(work.call());
          } catch (Exception e) {
            result.completeExceptionally(e);
          }
        });
    return result.get(120, TimeUnit.SECONDS);
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!onFx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(50);
    }
  }

  /** Gaps between consecutive FX pulses, in milliseconds. */
  private static final class PulseProbe extends AnimationTimer {
    private final double[] gaps = new double[1 << 15];
    private final double[] at = new double[1 << 15];
    private final double[] busy = new double[1 << 15];
    private final long[] wallMicros = new long[1 << 15];
    private final double[] renderBusy = new double[1 << 15];
    private final double[] uptime = new double[1 << 15];
    private final long jvmStart =
        java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    private long origin = System.nanoTime();
    private final long renderer;
    private long lastRenderCpu;
    private final java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private int count;
    private long last;
    private long lastCpu;

    /** Made off the FX thread: looking up the render thread is slow, and not the app's work. */
    PulseProbe() {
      renderer =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("QuantumRenderer"))
              .mapToLong(Thread::threadId)
              .findFirst()
              .orElse(0);
    }

    @Override
    public void start() {
      origin = System.nanoTime();
      super.start();
    }

    @Override
    public void handle(long now) {
      long cpu = threads.getCurrentThreadCpuTime();
      long renderCpu = renderer > 0 ? threads.getThreadCpuTime(renderer) : 0;
      if (last != 0 && count < gaps.length) {
        renderBusy[count] = (renderCpu - lastRenderCpu) / 1e6;
        at[count] = (now - origin) / 1e9;
        busy[count] = (cpu - lastCpu) / 1e6;
        wallMicros[count] =
            java.time.temporal.ChronoUnit.MICROS.between(
                java.time.Instant.EPOCH, java.time.Instant.now());
        uptime[count] = wallMicros[count] / 1e3 - jvmStart;
        gaps[count++] = (now - last) / 1e6;
      }
      last = now;
      lastCpu = cpu;
      lastRenderCpu = renderCpu;
    }

    /**
     * With {@code -Dbench.pulses=true}, writes each pulse (wall-clock microseconds, gap ms, FX CPU
     * ms, seconds since start, render thread CPU ms) to target/bench/pulses-NAME.txt, to line up
     * with a flight recording.
     */
    void dump(String name) throws java.io.IOException {
      if (!Boolean.getBoolean("bench.pulses")) {
        return;
      }
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        rows.add(
            String.format(
                Locale.ROOT,
                "%d %.2f %.2f %.3f %.2f",
                wallMicros[i],
                gaps[i],
                busy[i],
                at[i],
                renderBusy[i]));
      }
      Files.write(Path.of("target/bench/pulses-" + name + ".txt"), rows);
    }

    /** The longest GC pause (ms) between the first and the last pulse. */
    double maxPause() {
      if (count == 0) {
        return 0;
      }
      double from = uptime[0] - gaps[0];
      double to = uptime[count - 1];
      return PAUSES.stream()
          .filter(p -> p[1] > from && p[0] < to)
          .mapToDouble(p -> p[1] - p[0])
          .max()
          .orElse(0);
    }

    /** The largest gap (ms) between pulses without a GC pause in it. */
    double maxWithoutGc() {
      double max = 0;
      for (int i = 0; i < count; i++) {
        if (pausedWithin(uptime[i] - gaps[i], uptime[i]) == 0) {
          max = Math.max(max, gaps[i]);
        }
      }
      return max;
    }

    /** The most CPU time the render thread (QuantumRenderer) spent between two pulses. */
    double maxRenderBusy() {
      return Arrays.stream(renderBusy, 0, count).max().orElse(Double.NaN);
    }

    /** The most CPU time the FX thread spent between two pulses: work that held it. */
    double maxBusy() {
      return Arrays.stream(busy, 0, count).max().orElse(Double.NaN);
    }

    double p99Busy() {
      return percentile(busy, count, 99);
    }

    /** The five largest gaps as "gap ms @ seconds since start". */
    String largest() {
      Integer[] index = new Integer[count];
      for (int i = 0; i < count; i++) {
        index[i] = i;
      }
      Arrays.sort(index, (a, b) -> Double.compare(gaps[b], gaps[a]));
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < Math.min(5, count); i++) {
        int k = index[i];
        double gc = pausedWithin(uptime[k] - gaps[k], uptime[k]);
        text.append(String.format(Locale.ROOT, " %.0f ms @%.1f s", gaps[k], at[k]));
        if (gc > 0) {
          text.append(String.format(Locale.ROOT, " (GC %.0f ms)", gc));
        }
      }
      return text.toString();
    }

    int count() {
      return count;
    }

    double max() {
      return Arrays.stream(gaps, 0, count).max().orElse(Double.NaN);
    }

    double p99() {
      return percentile(gaps, count, 99);
    }
  }

  /** How long runnables posted to the FX thread every 5 ms wait before they run. */
  private static final class RunnableProbe {
    private final double[] waits = new double[1 << 15];
    private volatile int count;
    private volatile boolean running;
    private Thread thread;

    void start() {
      running = true;
      thread =
          new Thread(
              () -> {
                while (running) {
                  long posted = System.nanoTime();
                  CountDownLatch ran = new CountDownLatch(1);
                  Platform.runLater(
                      () -> {
                        if (count < waits.length) {
                          waits[count] = (System.nanoTime() - posted) / 1e6;
                          count = count + 1;
                        }
                        ran.countDown();
                      });
                  try {
                    ran.await();
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "fx-probe");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    int count() {
      return count;
    }

    double max() {
      return Arrays.stream(waits, 0, count).max().orElse(Double.NaN);
    }

    double p99() {
      return percentile(waits, count, 99);
    }
  }

  private static double percentile(double[] values, int count, double q) {
    if (count == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return sorted[(int) Math.min(count - 1, Math.floor(q / 100 * count))];
  }
}
