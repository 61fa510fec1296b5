package dev.assay.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the cores went during a frame (Linux only; elsewhere it records nothing): the run time and
 * the time waiting for a core of each thread of this JVM, from {@code
 * /proc/self/task/TID/schedstat} (nanoseconds, from the scheduler), summed by kind of thread: the
 * FX thread, the render thread, the JIT compilers, the collector's threads, the benchmark's own
 * probes and everything else (the report's workers, H2, ...). A sampler thread reads them every 10
 * ms while it runs; {@link #between} gives the sums over a window, rounded out to the samples
 * around it.
 */
final class ThreadCpu {
  static final String[] GROUPS = {"FX", "render", "JIT", "GC", "probes", "other"};
  private static final Path TASKS = Path.of("/proc/self/task");

  /** One look: the time, then per group the run ns and the wait ns. */
  private record Sample(long nanos, long[] run, long[] waited) {}

  private final List<Sample> samples = new ArrayList<>();

  /** Per thread: its group, and its run and wait ns at the last look. */
  private final Map<String, long[]> tasks = new HashMap<>();

  /** Per group: run and wait ns summed over the looks (a thread that ends keeps what it had). */
  private final long[] totalRun = new long[GROUPS.length];

  private final long[] totalWait = new long[GROUPS.length];
  private volatile boolean running;
  private Thread thread;
  private String selfTid = "";

  void start() {
    running = true;
    thread =
        new Thread(
            () -> {
              try {
                selfTid = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
              } catch (IOException | RuntimeException e) {
                return;
              }
              while (running) {
                Sample sample = sample();
                synchronized (samples) {
                  samples.add(sample);
                }
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "cpu-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }

  private Sample sample() {
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(TASKS)) {
      for (Path task : listing) {
        String tid = task.getFileName().toString();
        try {
          long[] known = tasks.get(tid);
          if (known == null) {
            int group =
                tid.equals(selfTid) ? 4 : group(Files.readString(task.resolve("comm")).trim());
            known = new long[] {group, 0, 0};
            tasks.put(tid, known);
          }
          String[] stat = Files.readString(task.resolve("schedstat")).trim().split(" ");
          long run = Long.parseLong(stat[0]);
          long wait = Long.parseLong(stat[1]);
          totalRun[(int) known[0]] += run - known[1];
          totalWait[(int) known[0]] += wait - known[2];
          known[1] = run;
          known[2] = wait;
        } catch (IOException | RuntimeException gone) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException | RuntimeException notLinux) {
      // no /proc: nothing recorded
    }
    return new Sample(System.nanoTime(), totalRun.clone(), totalWait.clone());
  }

  private static int group(String name) {
    if (name.startsWith("JavaFX Applicat")) {
      return 0;
    } else if (name.startsWith("QuantumRenderer")) {
      return 1;
    } else if (name.contains("CompilerThre")) {
      return 2;
    } else if (name.startsWith("Z")
        || name.startsWith("GC Thread")
        || name.startsWith("G1 ")
        || name.startsWith("VM Thread")) {
      return 3;
    } else if (name.startsWith("fx-probe") || name.startsWith("cpu-sampler")) {
      return 4;
    }
    return 5;
  }

  /**
   * Run (and, for FX and render, wait-for-a-core) ms per group between the samples around [from,
   * to] (System.nanoTime()), e.g. "FX 30+12w render 18+9w JIT 45 GC 20 probes 1 other 3 (window 104
   * ms)".
   */
  String between(long from, long to) {
    Sample first = null;
    Sample last = null;
    synchronized (samples) {
      for (Sample s : samples) {
        if (s.nanos() <= from) {
          first = s;
        }
        if (s.nanos() >= to && last == null) {
          last = s;
        }
      }
    }
    if (first == null || last == null) {
      return "no samples";
    }
    StringBuilder text = new StringBuilder();
    for (int g = 0; g < GROUPS.length; g++) {
      text.append(
          String.format(
              Locale.ROOT, "%s%s %.0f", g == 0 ? "" : " ", GROUPS[g], ms(first, last, g, true)));
      if (g < 2) {
        text.append(String.format(Locale.ROOT, "+%.0fw", ms(first, last, g, false)));
      }
    }
    text.append(
        String.format(Locale.ROOT, " (window %.0f ms)", (last.nanos() - first.nanos()) / 1e6));
    return text.toString();
  }

  /** Run ms of one group between from and to (nanoTime), rounded out to the samples around. */
  double runMs(long from, long to, String group) {
    Sample first = null;
    Sample last = null;
    synchronized (samples) {
      for (Sample s : samples) {
        if (s.nanos() <= from) {
          first = s;
        }
        if (s.nanos() >= to && last == null) {
          last = s;
        }
      }
    }
    if (first == null || last == null) {
      return Double.NaN;
    }
    return ms(first, last, List.of(GROUPS).indexOf(group), true);
  }

  private static double ms(Sample first, Sample last, int group, boolean run) {
    long[] a = run ? first.run() : first.waited();
    long[] b = run ? last.run() : last.waited();
    return (b[group] - a[group]) / 1e6;
  }
}
