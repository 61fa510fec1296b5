package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor killed with SIGKILL in the middle of a job on a real standalone cluster: Spark starts
 * another executor, runs the lost tasks again and recomputes the lost cached partitions, and the
 * result is still the local run's (every metric to 1e-12, the same row count, the predictions file
 * byte for byte). The partitions' accumulators are merged from task results ({@code mapPartitions}
 * + {@code treeReduce}), so a task run twice is counted once; an {@code AccumulatorV2} would be
 * applied again by a retried task.
 */
class ExecutorLossIT {
  /** Part files of the input, each the 1,666 HMDA training rows {@link #COPIES} times. */
  static final int PARTS = 48;

  static final int COPIES = 6;

  /** Kept after a failure, with the driver's log in it. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aKilledExecutorLosesNoRowAndCountsNoneTwice() throws Exception {
    List<String> lines =
        Files.readAllLines(TestModels.repoRoot().resolve("models/data/hmda_train.csv"));
    String header = lines.getFirst();
    List<String> rows = lines.subList(1, lines.size());
    List<String> parts = new ArrayList<>();
    Path whole = dir.resolve("whole.csv");
    try (BufferedWriter all = Files.newBufferedWriter(whole)) {
      all.write(header + "\n");
      for (int p = 0; p < PARTS; p++) {
        Path part = dir.resolve(String.format("part-%02d.csv", p));
        try (BufferedWriter out = Files.newBufferedWriter(part)) {
          out.write(header + "\n");
          for (int c = 0; c < COPIES; c++) {
            for (String row : rows) {
              out.write(row + "\n");
              all.write(row + "\n");
            }
          }
        }
        parts.add(part.toAbsolutePath().toString());
      }
    }

    EvaluationResult local;
    Path localPredictions = dir.resolve("local.pred");
    try (TestWorkbench bench = TestWorkbench.open(dir.resolve("bench"))) {
      local =
          bench.run(
              TestWorkbench.request(
                  bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), null),
                  bench.importCsv(whole),
                  "deny",
                  null));
      bench.workbench().runs().copyPredictions(local.run().id(), localPredictions);
    }
    assertThat(local.rows()).isEqualTo((long) PARTS * COPIES * rows.size());

    Path predictions = dir.resolve("spark.pred");
    ObjectMapper json = Json.newMapper();
    Path spec = dir.resolve("spec.json");
    json.writeValue(
        spec.toFile(),
        SparkEvalLocalTest.spec(
            TestModels.sample("hmda-deny-v2.onnx").toAbsolutePath().toString(),
            parts,
            null,
            "deny",
            predictions.toAbsolutePath().toString()));
    Path result = dir.resolve("result.json");
    Path driverLog = dir.resolve("driver.log");
    try (SparkCluster cluster = SparkCluster.start(dir.resolve("cluster"))) {
      Process driver = cluster.driver(driverLog, spec, result);
      String killedAt = killAnExecutorMidJob(cluster, driver, driverLog);
      System.out.println("executors killed at: " + killedAt);

      boolean done = driver.waitFor(300, TimeUnit.SECONDS);
      String log = Files.readString(driverLog);
      assertThat(done).as("driver finished; log: " + log).isTrue();
      assertThat(driver.exitValue()).as(log).isZero();
      // the loss happened and Spark saw it: not a job that ended before the kill
      assertThat(log).as("killed at " + killedAt).containsPattern("Lost executor \\d+");
      assertThat(Pattern.compile("Granted executor ID").matcher(log).results().count())
          .as("a second executor was started for the lost one")
          .isGreaterThanOrEqualTo(2);
    }

    JsonNode doc = json.readTree(result.toFile());
    EvaluationResult spark = json.treeToValue(doc.get("result"), EvaluationResult.class);
    SparkEvalLocalTest.assertMetrics(spark.metrics(), local.metrics());
    assertThat(spark.rows()).isEqualTo(local.rows());
    assertThat(spark.agreement()).isEqualTo(local.agreement());
    assertThat(doc.get("spark").get("partitions").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(Files.readAllBytes(predictions)).isEqualTo(Files.readAllBytes(localPredictions));
  }

  /**
   * Waits until a task of the scoring stage has started and the stage has not finished, then kills
   * every executor with SIGKILL; returns the log line it killed at. The stage is the one Spark
   * submits for {@code treeReduce} in {@code EvalJob}; its task starts are read from the driver's
   * own log lines, written when each task is launched (the progress line, sampled every 250 ms, can
   * miss a stage that takes only a second or two on an idle machine).
   */
  private static String killAnExecutorMidJob(SparkCluster cluster, Process driver, Path log)
      throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(600).toNanos();
    List<String> attempts = new ArrayList<>();
    while (System.nanoTime() < end && driver.isAlive()) {
      ScoringStage stage = ScoringStage.read(Files.readAllLines(log));
      if (stage.finished != null) {
        throw new AssertionError(
            "the scoring ended before an executor was killed: "
                + stage.finished
                + "\nattempts: "
                + attempts
                + "\n"
                + tail(log));
      }
      if (stage.started != null) {
        List<ProcessHandle> executors = cluster.executors();
        if (!executors.isEmpty()) {
          executors.forEach(ProcessHandle::destroyForcibly);
          return stage.started;
        }
        attempts.add("task started, no executor process found");
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no executor was killed mid-job (driver alive: "
            + driver.isAlive()
            + ", attempts: "
            + attempts
            + ")\n"
            + tail(log));
  }

  /** What the driver's log says of the scoring stage so far. */
  record ScoringStage(String started, String finished) {
    private static final Pattern SUBMITTED =
        Pattern.compile("Submitting \\w+ (\\d+) \\(.* at treeReduce at EvalJob\\.java.*");
    private static final Pattern STARTING =
        Pattern.compile(".*Starting task \\S+ in stage (\\d+)\\.\\d+ .*");
    private static final Pattern DONE =
        Pattern.compile(".*(?:ShuffleMap|Result)Stage (\\d+) \\(.*\\) finished in .*");

    static ScoringStage read(List<String> lines) {
      String id = null;
      String started = null;
      String finished = null;
      for (String line : lines) {
        Matcher m = SUBMITTED.matcher(line);
        if (id == null && m.find()) {
          id = m.group(1);
          continue;
        }
        if (id == null) {
          continue;
        }
        m = STARTING.matcher(line);
        if (started == null && m.matches() && m.group(1).equals(id)) {
          started = line;
        }
        m = DONE.matcher(line);
        if (m.matches() && m.group(1).equals(id)) {
          finished = line;
        }
      }
      return new ScoringStage(started, finished);
    }
  }

  /** The driver log's progress lines and its last 60 lines, for a failure message. */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      StringBuilder out = new StringBuilder("progress lines:\n");
      lines.stream()
          .filter(l -> l.startsWith(SparkEval.PROGRESS) || l.contains("Submitting"))
          .forEach(l -> out.append(l).append('\n'));
      out.append("last lines:\n");
      lines
          .subList(Math.max(0, lines.size() - 60), lines.size())
          .forEach(l -> out.append(l).append('\n'));
      return out.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
