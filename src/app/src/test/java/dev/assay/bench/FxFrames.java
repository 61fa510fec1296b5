package dev.assay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * What the FX-frame benchmarks ({@link CompareBenchmark}, {@link FairnessFramesBenchmark}) record
 * in the real window: the gap between consecutive pulses with the FX and render threads' CPU time
 * in each ({@link PulseProbe}), the wait of a no-op runnable posted every 5 ms ({@link
 * RunnableProbe}), and stop-the-world GC pauses from the collectors' notifications; and the small
 * helpers to drive the FX thread from the benchmark's main thread.
 */
final class FxFrames {
  private FxFrames() {}

  /**
   * Stop-the-world GC pauses: [start, end) in ms since JVM start, from GC notifications (listened
   * to from the first {@link #startFx}, before any probe starts).
   */
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

  static void startFx(Runnable work) {
    try {
      Platform.startup(work);
    } catch (IllegalStateException alreadyRunning) {
      Platform.runLater(work);
    }
    Platform.setImplicitExit(false);
  }

  static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
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

  static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!onFx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(50);
    }
  }

  /** Gaps between consecutive FX pulses, in milliseconds. */
  static final class PulseProbe extends AnimationTimer {
    private final double[] gaps = new double[1 << 15];
    private final double[] at = new double[1 << 15];
    private final double[] busy = new double[1 << 15];
    private final long[] wallMicros = new long[1 << 15];
    private final double[] renderBusy = new double[1 << 15];
    private final double[] uptime = new double[1 << 15];
    private final long[] handled = new long[1 << 15];
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
        handled[count] = System.nanoTime();
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

    /**
     * The largest gap that ends at or after {@code after} (System.nanoTime()): {its start, its end}
     * as the handler's System.nanoTime() at the pulse before and at its own pulse (the clock {@link
     * ThreadCpu} uses), or null.
     */
    long[] largestAfter(long after) {
      int best = -1;
      for (int i = 1; i < count; i++) {
        if (handled[i] >= after && (best < 0 || gaps[i] > gaps[best])) {
          best = i;
        }
      }
      return best < 0 ? null : new long[] {handled[best - 1], handled[best]};
    }

    /** The gap (ms) that ends at handler time {@code end}. */
    double gapEndingAt(long end) {
      for (int i = 0; i < count; i++) {
        if (handled[i] == end) {
          return gaps[i];
        }
      }
      return Double.NaN;
    }

    double max() {
      return Arrays.stream(gaps, 0, count).max().orElse(Double.NaN);
    }

    double p99() {
      return percentile(gaps, count, 99);
    }
  }

  /** How long runnables posted to the FX thread every 5 ms wait before they run. */
  static final class RunnableProbe {
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
