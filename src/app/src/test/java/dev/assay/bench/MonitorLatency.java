package dev.assay.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The latency run of {@link MonitorBenchmark}. */
final class MonitorLatency {
  private MonitorLatency() {}

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
  static String run(Path home, Path work, Path events, int predictions) throws Exception {
    int n = Math.min(predictions, LATENCY_PREDICTIONS);
    Path file = work.resolve(home.getFileName() + "-latency.jsonl");
    Files.deleteIfExists(file);
    Files.createFile(file);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(MonitorBenchmark.JVM);
    command.addAll(
        List.of(
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
    CountDownLatch ready = new CountDownLatch(1);
    Thread errors =
        new Thread(
            () -> {
              try (var r =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("monitor: ")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    errors.start();
    ConcurrentHashMap<Long, Long> reported = new ConcurrentHashMap<>();
    Thread reader =
        new Thread(
            () -> {
              try (var r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  long now = System.nanoTime();
                  if (line.startsWith("window ")) {
                    reported.put(Long.parseLong(line.substring(7, line.indexOf(' ', 7))), now);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.start();
    // the monitor's start (JVM, workbench, reference, until it says it follows the stream) and a
    // further 5 s for it to settle are not measured
    ready.await(300, TimeUnit.SECONDS);
    Thread.sleep(5_000);
    long windows = n / 1000;
    long[] closedAt = new long[(int) windows];
    try (OutputStream o = Files.newOutputStream(file, StandardOpenOption.APPEND);
        BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
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
}
