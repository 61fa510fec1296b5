package dev.assay.bench;

import dev.assay.testing.MonitorEvents;
import dev.assay.testing.TestModels;
import java.io.BufferedWriter;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The monitoring throughput benchmark of issue 20, run by hand: {@code ./mvnw -Pbench-monitor
 * -DskipTests process-test-classes} (writes target/bench/monitor-results.txt; optional argument
 * after the repository root: predictions, default 300,000).
 *
 * <p>Setup (not counted): a fresh workbench imports the HMDA sample model (13 features) and
 * evaluates it on {@code hmda_train} (the reference, and the run that prediction drift compares
 * with). The events file holds N predictions of the HMDA test rows (JSON lines, as {@link
 * MonitorEvents} writes them, {@code pirat} shifted by 0.2 in the second half) each followed, three
 * predictions later, by its label (every ninth wrong in the first half, every second in the
 * second), so 2N events. Then it times, once to warm the disk cache and five times measured, the
 * whole process {@code assay monitor --until-end --quiet --window 1000} (JVM start, workbench open,
 * reference built, every window's drift and storage included) on a fresh name of the file (a new
 * stream each time), and the same on a file of the first 1,000 predictions (the fixed cost). It
 * reports the median and min wall time, events per second of the whole process, and events per
 * second over the fixed cost, with the load average before and after.
 */
public final class MonitorBenchmark {
  private static final int RUNS = 5;

  private MonitorBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    int predictions = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    if (args.length > 2 && args[2].equals("latency")) {
      // only the latency run, on a workbench prepared as below
      Path work = repo.resolve("target/bench");
      Path home = prepare(repo, work);
      Path events = work.resolve("monitor-events-" + predictions + ".jsonl");
      write(events, predictions);
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      String line = latency(home, work, events, predictions);
      line +=
          String.format(
              Locale.ROOT,
              "; load average before %.2f, after %.2f",
              load,
              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      Files.writeString(work.resolve("monitor-latency.txt"), line + "\n");
      System.out.println(line);
      return;
    }
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Files.writeString(work.resolve("classpath.txt"), System.getProperty("java.class.path"));
    Path home = prepare(repo, work);
    List<String> out = new ArrayList<>();
    Path events = work.resolve("monitor-events-" + predictions + ".jsonl");
    Path small = work.resolve("monitor-events-1000.jsonl");
    write(events, predictions);
    write(small, 1000);
    long events2 = 2L * predictions - 3;
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    double[] whole = new double[RUNS];
    double[] fixed = new double[RUNS];
    double[] wholeCpu = new double[RUNS];
    double[] fixedCpu = new double[RUNS];
    for (int r = -1; r < RUNS; r++) {
      String tag = r < 0 ? "warm" : "run" + r;
      Path a = work.resolve(home.getFileName() + "-" + tag + ".jsonl");
      Path b = work.resolve(home.getFileName() + "-" + tag + "-small.jsonl");
      Files.createLink(a, events);
      Files.createLink(b, small);
      double t = monitor(home, work, a);
      double tc = lastCpu;
      double f = monitor(home, work, b);
      double fc = lastCpu;
      if (r >= 0) {
        whole[r] = t;
        fixed[r] = f;
        wholeCpu[r] = tc;
        fixedCpu[r] = fc;
      }
      Files.delete(a);
      Files.delete(b);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    double med = median(whole);
    double fix = median(fixed);
    out.add(
        String.format(
            Locale.ROOT,
            "assay monitor --until-end, %d predictions + %d labels (%d events, %d MB JSON lines),"
                + " 13 features, windows of 1000 (%d windows): whole process median %.2f s (min %.2f s)"
                + " = %.0f events/s (%.0f predictions/s); fixed cost (1,000 predictions) median %.2f s;"
                + " over the fixed cost %.0f events/s (%.0f predictions/s)",
            predictions,
            predictions - 3,
            events2,
            Files.size(events) >> 20,
            predictions / 1000,
            med,
            min(whole),
            events2 / med,
            predictions / med,
            fix,
            events2 / (med - fix),
            predictions / (med - fix)));
    out.add(
        String.format(
            Locale.ROOT,
            "CPU (user + system) of the whole process: median %.2f s, fixed cost %.2f s; over the"
                + " fixed cost %.0f events per CPU second (%.0f predictions per CPU second)",
            median(wholeCpu),
            median(fixedCpu),
            events2 / (median(wholeCpu) - median(fixedCpu)),
            predictions / (median(wholeCpu) - median(fixedCpu))));
    out.add("runs (s): " + Arrays.toString(whole) + "; fixed (s): " + Arrays.toString(fixed));
    out.add(
        "CPU (s): " + Arrays.toString(wholeCpu) + "; fixed CPU (s): " + Arrays.toString(fixedCpu));
    out.add(
        String.format(
            Locale.ROOT,
            "load average before %.2f, after %.2f; %d cores",
            loadBefore,
            loadAfter,
            Runtime.getRuntime().availableProcessors()));
    out.add(latency(home, work, events, predictions));
    Files.write(work.resolve("monitor-results.txt"), out);
    out.forEach(System.out::println);
  }

  /**
   * A fresh workbench under {@code work} with the HMDA sample model imported and evaluated on
   * {@code hmda_train} (the reference and the run prediction drift compares with); not timed.
   */
  private static Path prepare(Path repo, Path work) throws Exception {
    Files.createDirectories(work);
    Path home = Files.createTempDirectory(work, "monitor-home-");
    run(home, work, "models", "import", TestModels.sample("hmda-deny-v1.onnx").toString());
    run(
        home,
        work,
        "eval",
        "--model",
        "hmda-deny-v1",
        "--data",
        repo.resolve("models/data/hmda_train.csv").toString(),
        "--target",
        "deny",
        "--quiet");
    return home;
  }

  /** Events appended per second in the latency run, and how many predictions it appends. */
  private static final int LATENCY_RATE = 2_000;

  private static final int LATENCY_PREDICTIONS = 30_000;

  /**
   * Latency from an event's arrival to its window being stored: {@code assay monitor} follows a new
   * file (no {@code --until-end}) while this appends the events at {@link #LATENCY_RATE} per second
   * in 10 ms batches; a window's latency is from the moment the write of its closing prediction
   * returned (the event is in the file) to the moment the monitor reported the window on stdout,
   * which it does after the window's transaction committed.
   */
  private static String latency(Path home, Path work, Path events, int predictions)
      throws Exception {
    int n = Math.min(predictions, LATENCY_PREDICTIONS);
    Path file = work.resolve(home.getFileName() + "-latency.jsonl");
    Files.deleteIfExists(file);
    Files.createFile(file);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx1g",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Djava.awt.headless=true",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.assay.Assay",
            "--home",
            home.toString(),
            "monitor",
            "--model",
            "hmda-deny-v1:1",
            "--reference",
            "hmda_train",
            "--window",
            "1000",
            "--file",
            file.toString()));
    Process p = new ProcessBuilder(command).start();
    java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
    Thread errors =
        new Thread(
            () -> {
              try (var r =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("monitor: ")) {
                    ready.countDown();
                  }
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    errors.start();
    java.util.concurrent.ConcurrentHashMap<Long, Long> reported =
        new java.util.concurrent.ConcurrentHashMap<>();
    Thread reader =
        new Thread(
            () -> {
              try (var r =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  long now = System.nanoTime();
                  if (line.startsWith("window ")) {
                    reported.put(Long.parseLong(line.substring(7, line.indexOf(' ', 7))), now);
                  }
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    reader.start();
    // the monitor's start (JVM, workbench, reference, until it says it follows the stream) and a
    // further 5 s for it to settle are not measured
    ready.await(300, java.util.concurrent.TimeUnit.SECONDS);
    Thread.sleep(5_000);
    long windows = n / 1000;
    long[] closedAt = new long[(int) windows];
    try (java.io.OutputStream o =
            Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND);
        java.io.BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
      long start = System.nanoTime();
      long sent = 0;
      int batch = LATENCY_RATE / 100;
      StringBuilder chunk = new StringBuilder();
      List<Integer> closing = new ArrayList<>();
      long predictionsSent = 0;
      String line;
      while (predictionsSent < n && (line = in.readLine()) != null) {
        chunk.append(line).append('\n');
        sent++;
        if (line.contains("\"prediction\"")) {
          predictionsSent++;
          if (predictionsSent % 1000 == 0) {
            closing.add((int) (predictionsSent / 1000 - 1));
          }
        }
        if (sent % batch == 0 || predictionsSent == n) {
          long due = start + sent * 1_000_000_000L / LATENCY_RATE;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          o.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
          o.flush();
          long now = System.nanoTime();
          for (int w : closing) {
            closedAt[w] = now;
          }
          closing.clear();
          chunk.setLength(0);
        }
      }
    }
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (reported.size() < windows && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    p.destroy();
    p.waitFor();
    reader.join(5_000);
    double[] ms = new double[(int) windows];
    int got = 0;
    for (int w = 0; w < windows; w++) {
      Long at = reported.get((long) w);
      if (at != null) {
        ms[got++] = (at - closedAt[w]) / 1e6;
      }
    }
    double[] l = Arrays.copyOf(ms, got);
    Arrays.sort(l);
    Files.deleteIfExists(file);
    return String.format(
        Locale.ROOT,
        "latency, closing event appended -> window stored and reported (%d of %d windows of 1000, events"
            + " appended at %d/s in 10 ms batches): median %.0f ms, p99 %.0f ms, max %.0f ms",
        got,
        windows,
        LATENCY_RATE,
        got == 0 ? Double.NaN : l[got / 2],
        got == 0 ? Double.NaN : l[Math.min(got - 1, (int) Math.ceil(got * 0.99) - 1)],
        got == 0 ? Double.NaN : l[got - 1]);
  }

  private static void write(Path file, int predictions) throws Exception {
    if (Files.exists(file)) {
      return;
    }
    MonitorEvents events = new MonitorEvents();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < predictions; i++) {
        w.write(events.prediction(i, i >= predictions / 2 ? 0.2 : 0));
        w.write('\n');
        if (i >= 3) {
          long j = i - 3;
          w.write(events.label(j, j < predictions / 2 ? j % 9 == 0 : j % 2 == 0));
          w.write('\n');
        }
      }
    }
  }

  private static double monitor(Path home, Path work, Path file) throws Exception {
    long t0 = System.nanoTime();
    run(
        home,
        work,
        "monitor",
        "--model",
        "hmda-deny-v1:1",
        "--reference",
        "hmda_train",
        "--window",
        "1000",
        "--until-end",
        "--quiet",
        "--file",
        file.toString());
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void run(Path home, Path work, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    Path cpu = work.resolve("monitor-cpu.txt");
    Files.deleteIfExists(cpu);
    if (Files.isExecutable(Path.of("/usr/bin/time"))) {
      command.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpu.toString()));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx1g",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Djava.awt.headless=true",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.assay.Assay",
            "--home",
            home.toString()));
    command.addAll(List.of(args));
    Path log = work.resolve("monitor-bench.log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException(
          String.join(" ", args) + " exited " + code + "; see " + log + File.separator);
    }
    lastCpu = Double.NaN;
    if (Files.exists(cpu)) {
      String[] t = Files.readString(cpu).strip().split("\\s+");
      lastCpu = Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1]);
    }
  }

  /** User + system CPU seconds of the last child process (NaN without /usr/bin/time). */
  private static double lastCpu;

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }
}
