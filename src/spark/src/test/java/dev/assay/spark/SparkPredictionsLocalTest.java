package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.ImportedRuns;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Spark run stored in the workbench ({@link ImportedRuns}, as {@code assay eval --engine spark}
 * stores it) holds the same per-row predictions as a local run of the same data, row for row and
 * byte for byte, over many small partitions; its fairness report, computed by the workbench from
 * those stored predictions, has the same disparities as the local run's (to 1e-12). The job shows
 * the status tracker's stages and tasks and stops when cancelled.
 */
class SparkPredictionsLocalTest {
  @TempDir static Path dir;
  static TestWorkbench bench;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    bench = TestWorkbench.open(dir);
    spark = LocalSpark.start("local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    bench.close();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "hmda-deny-v1.onnx, hmda_test.csv, deny",
    "breast-cancer-v1.onnx, breast_cancer_test.csv, target"
  })
  void storedPredictionsEqualTheLocalRunsRowForRow(String model, String data, String target)
      throws IOException {
    Path csv = TestModels.repoRoot().resolve("models/data").resolve(data);
    EvaluationRequest request = request(model, csv, target);
    long local = bench.run(request).run().id();
    AtomicInteger updates = new AtomicInteger();
    long distributed =
        sparkRun(model, request, csv, (done, total, message) -> updates.incrementAndGet());

    List<PredictionsFile.Row> mine = stored(distributed);
    List<PredictionsFile.Row> theirs = stored(local);
    assertThat(mine).hasSize(theirs.size()).hasSize((int) bench.run(request).rows());
    for (int i = 0; i < theirs.size(); i++) {
      PredictionsFile.Row a = mine.get(i);
      PredictionsFile.Row b = theirs.get(i);
      assertThat(a.row()).as("row %d", i).isEqualTo(b.row());
      assertThat(a.trueClass()).as("row %d", b.row()).isEqualTo(b.trueClass());
      assertThat(a.predictedClass()).as("row %d", b.row()).isEqualTo(b.predictedClass());
      assertThat(a.probabilities()).as("row %d", b.row()).containsExactly(b.probabilities());
    }
    assertThat(bytes(distributed)).isEqualTo(bytes(local));
    assertThat(updates.get()).as("progress updates").isPositive();
  }

  @Test
  void fairnessOfASparkRunEqualsTheLocalRunsFromItsStoredPredictions() throws IOException {
    Path csv = TestModels.repoRoot().resolve("models/data/hmda_train.csv");
    EvaluationRequest request = request("hmda-deny-v2.onnx", csv, "deny");
    long local = bench.run(request).run().id();
    long distributed = sparkRun("hmda-deny-v2.onnx", request, csv, Progress.NONE);

    Workbench workbench = bench.workbench();
    FairnessSettings settings =
        FairnessSettings.of(List.of("afam", "single")).withBootstrap(200, 7);
    FairnessReport l =
        workbench.fairness().report(local, settings, Progress.NONE, Cancellation.NONE).report();
    FairnessReport s =
        workbench
            .fairness()
            .report(distributed, settings, Progress.NONE, Cancellation.NONE)
            .report();

    assertThat(s.rows()).isEqualTo(l.rows()).isPositive();
    assertThat(s.verdict()).isEqualTo(l.verdict());
    assertThat(s.warnings()).isEqualTo(l.warnings());
    assertThat(s.attributes()).hasSameSizeAs(l.attributes()).hasSizeGreaterThan(2);
    ObjectMapper json = Json.newMapper();
    JsonNode mine = json.valueToTree(s.attributes());
    JsonNode theirs = json.valueToTree(l.attributes());
    assertThat(theirs.toString()).contains("disparities");
    SparkEvalLocalTest.assertClose("attributes", mine, theirs);
  }

  @Test
  void aCancelledJobStopsAndTheSessionStaysUsable() throws IOException {
    // 40 copies of the training set in many small partitions: seconds of work
    Path csv = TestModels.repoRoot().resolve("models/data/hmda_train.csv");
    List<String> lines = Files.readAllLines(csv);
    List<String> big = new ArrayList<>(lines);
    for (int i = 1; i < 40; i++) {
      big.addAll(lines.subList(1, lines.size()));
    }
    Path data = dir.resolve("hmda_big.csv");
    Files.write(data, big);
    AtomicBoolean cancel = new AtomicBoolean();
    List<String> seen = new ArrayList<>();
    Progress progress =
        (done, total, message) -> {
          synchronized (seen) {
            seen.add(message);
          }
          cancel.set(true);
        };
    EvalJob.Spec spec =
        SparkEvalLocalTest.spec(
            TestModels.sample("hmda-deny-v1.onnx").toString(),
            List.of(data.toString()),
            null,
            "deny",
            dir.resolve("cancelled.pred").toString());

    assertThatThrownBy(() -> EvalJob.run(spark, spec, progress, cancel::get))
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(seen).isNotEmpty();
    assertThat(seen.getFirst()).startsWith("Spark scoring: stages ").contains(" tasks ");
    // Spark's scheduler ends a cancelled job on its own event thread, a moment after the call
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (spark.sparkContext().statusTracker().getActiveJobIds().length > 0
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
    assertThat(spark.sparkContext().statusTracker().getActiveJobIds()).isEmpty();
    // the session still runs a job
    assertThat(spark.range(10).count()).isEqualTo(10);
  }

  private static EvaluationRequest request(String model, Path csv, String target) {
    ModelVersion version = bench.importModel(TestModels.sample(model), null);
    DatasetVersion data = bench.importCsv(csv);
    return TestWorkbench.request(version, data, target, null);
  }

  /** Runs the job with predictions and stores it as {@code assay eval --engine spark} does. */
  private static long sparkRun(String model, EvaluationRequest request, Path csv, Progress progress)
      throws IOException {
    Workbench workbench = bench.workbench();
    ObjectMapper json = Json.newMapper();
    ImportedRuns imported =
        new ImportedRuns(
            workbench.runs(), workbench.models(), workbench.datasets(), json, dir.resolve("tmp"));
    ImportedRuns.Prepared prepared = imported.prepare(request);
    Path predictions = Files.createTempFile(dir, "spark-", ".pred");
    EvalJob.Spec spec =
        SparkEvalLocalTest.spec(
            TestModels.sample(model).toString(),
            List.of(csv.toString()),
            null,
            request.target(),
            predictions.toString());
    EvalJob.Outcome outcome = EvalJob.run(spark, spec, progress, Cancellation.NONE);
    assertThat(outcome.provenance()).containsEntry("prediction_rows", outcome.result().rows());
    EvaluationResult stored =
        imported.store(
            request, prepared, outcome.result(), "spark", outcome.provenance(), predictions);
    return stored.run().id();
  }

  private static List<PredictionsFile.Row> stored(long run) {
    Path file = dir.resolve("copy-" + run + ".pred");
    bench.workbench().runs().copyPredictions(run, file);
    List<PredictionsFile.Row> rows = new ArrayList<>();
    PredictionsFile.read(file, rows::add);
    return rows;
  }

  private static byte[] bytes(long run) throws IOException {
    Path file = dir.resolve("bytes-" + run + ".pred");
    bench.workbench().runs().copyPredictions(run, file);
    return Files.readAllBytes(file);
  }
}
