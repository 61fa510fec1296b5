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
 * second over the fixed cost, with the load average before and after. Each process runs with the
 * launcher's options for {@code assay monitor} ({@link #JVM}).
 */
public final class MonitorBenchmark {
  private static final int RUNS = 5;

  /** The JVM options bin/assay gives {@code assay monitor}. */
  private static final String LAUNCHER =
      "-XX:+UseSerialGC -XX:MaxRAMPercentage=25 -XX:MaxRAM=1g -XX:TieredStopAtLevel=1";

  /**
   * The JVM options of each timed process: by default (property {@code assay.bench.jvm} absent or
   * {@code launcher}) the launcher's for {@code assay monitor} (serial collector, its heap cap,
   * client compiler only), so that the benchmark times what bin/assay runs; {@code
   * -Dassay.bench.jvm="-Xmx1g"} (space-separated options) times others.
   */
  static final List<String> JVM = options(System.getProperty("assay.bench.jvm", "launcher"));

  private static List<String> options(String configured) {
    String o = configured.isBlank() || configured.equals("launcher") ? LAUNCHER : configured;
    return List.of(o.trim().split("\\s+"));
  }

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
      String line = MonitorLatency.run(home, work, events, predictions);
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
    out.add(MonitorLatency.run(home, work, events, predictions));
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

  static void write(Path file, int predictions) throws Exception {
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
    command.addAll(JVM);
    command.addAll(
        List.of(
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
