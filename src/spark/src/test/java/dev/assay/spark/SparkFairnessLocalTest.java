package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay fairness --engine spark}'s job ({@link FairnessJob}) on Spark {@code local[2]} with
 * many small partitions: its report, computed from the partitions' merged tallies, equals the local
 * report of the same model and data (computed from the stored run's predictions and the dataset) in
 * every figure to 1e-12, and in every group, label, reference, binning, verdict and warning
 * exactly; an unknown sensitive column is refused with the local report's message.
 */
class SparkFairnessLocalTest {
  private static final double TOLERANCE = 1e-12;

  /** The largest difference seen by {@link #assertSame}. */
  private static final double[] largest = {0};

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

  @Test
  void hmdaByAfamEqualsTheLocalReport() throws Exception {
    // defaults of assay fairness (1,000 resamples, quartiles, groups of 20)
    // and the per-row predictions as Parquet, written by the fairness job's evaluation
    Path parquet = dir.resolve("fairness-predictions.parquet");
    compare(FairnessSettings.of(List.of("afam")), parquet);
    var rows = spark.read().parquet(parquet.toString());
    assertThat(rows.count()).isEqualTo(1666);
    var range = rows.agg(functions.min("row"), functions.max("row")).first();
    assertThat(List.of(range.getLong(0), range.getLong(1))).containsExactly(1L, 1666L);
  }

  @Test
  void afamSingleAndQuantileBinnedLoanToValueWithADenialModelsFavourableOutcome() throws Exception {
    // lvrat: a numeric column of many values, in quantile bins; favourable = not denied
    compare(
        FairnessSettings.of(List.of("afam", "single", "lvrat"))
            .withFavorable("0")
            .withBootstrap(300, 11),
        null);
  }

  @Test
  void anUnknownSensitiveColumnIsRefusedAsLocally() {
    Path csv = TestModels.repoRoot().resolve("models/data/hmda_train.csv");
    EvaluationRequest request = request(csv);
    long local = bench.run(request).run().id();
    FairnessSettings settings = FairnessSettings.of(List.of("race"));
    String expected = null;
    try {
      bench.workbench().fairness().report(local, settings, Progress.NONE, Cancellation.NONE);
    } catch (AssayException e) {
      expected = e.getMessage();
    }
    assertThat(expected).contains("has no column 'race'");
    assertThatThrownBy(() -> FairnessJob.run(spark, spec(request, csv, settings, null)))
        .isInstanceOf(AssayException.class)
        .hasMessage(expected);
  }

  private static void compare(FairnessSettings settings, Path parquet) throws Exception {
    Path csv = TestModels.repoRoot().resolve("models/data/hmda_train.csv");
    EvaluationRequest request = request(csv);
    long started = System.nanoTime();
    long run = bench.run(request).run().id();
    FairnessReport local =
        bench
            .workbench()
            .fairness()
            .report(run, settings, Progress.NONE, Cancellation.NONE)
            .report();
    long localNanos = System.nanoTime() - started;
    started = System.nanoTime();
    // the spec and the report through JSON, as assay fairness --engine spark hands them over
    ObjectMapper json = Json.newMapper();
    FairnessJob.Spec spec = spec(request, csv, settings, parquet);
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("job", FairnessJob.JOB);
    wrapped.put("eval", spec.eval());
    wrapped.put("settings", settings);
    FairnessJob.Spec read =
        json.readValue(json.writeValueAsString(wrapped), FairnessJob.Spec.class);
    assertThat(read).isEqualTo(spec);
    FairnessJob.Outcome outcome = FairnessJob.run(spark, read);
    long sparkNanos = System.nanoTime() - started;
    System.out.printf(
        "fairness %s: local (eval + report) %.2f s, Spark local[2] %d partitions %.2f s%n",
        settings.sensitive(),
        localNanos / 1e9,
        outcome.eval().provenance().get("partitions"),
        sparkNanos / 1e9);
    FairnessReport distributed =
        json.readValue(json.writeValueAsString(outcome.report()), FairnessReport.class);

    assertThat(outcome.eval().result().rows()).isEqualTo(local.rows());
    assertThat(distributed.rows()).isEqualTo(local.rows()).isPositive();
    assertThat(distributed.warnings()).isEqualTo(local.warnings());
    assertThat(distributed.verdict()).isEqualTo(local.verdict());
    ObjectNode mine = json.valueToTree(distributed);
    ObjectNode theirs = json.valueToTree(local);
    for (String f : List.of("run_id", "created_at", "created_by")) {
      mine.remove(f);
      theirs.remove(f);
    }
    assertThat(theirs.toString()).contains("disparities", "roc_auc", "threshold");
    AtomicInteger figures = new AtomicInteger();
    assertSame("report", mine, theirs, figures);
    assertThat(figures.get()).as("figures compared").isGreaterThan(100);
    System.out.printf(
        "fairness %s: %d figures, largest difference %s%n",
        settings.sensitive(), figures.get(), largest[0]);
    assertThat(((Number) outcome.eval().provenance().get("partitions")).intValue())
        .as("partitions merged")
        .isGreaterThan(1);
  }

  /** Every number within 1e-12 (NaN only against NaN), everything else equal. */
  static void assertSame(String where, JsonNode mine, JsonNode theirs, AtomicInteger figures) {
    if (theirs.isNumber()) {
      assertThat(mine.isNumber()).as(where).isTrue();
      double a = mine.asDouble();
      double b = theirs.asDouble();
      if (Double.isNaN(b)) {
        assertThat(a).as(where).isNaN();
      } else {
        assertThat(Math.abs(a - b))
            .as(where + ": " + a + " vs " + b)
            .isLessThanOrEqualTo(TOLERANCE);
      }
      figures.incrementAndGet();
    } else if (theirs.isContainerNode()) {
      assertThat(mine.size()).as(where).isEqualTo(theirs.size());
      if (theirs.isArray()) {
        for (int i = 0; i < theirs.size(); i++) {
          assertSame(where + "[" + i + "]", mine.get(i), theirs.get(i), figures);
        }
      } else {
        assertThat(iterable(mine)).as(where).containsExactlyElementsOf(iterable(theirs));
        theirs
            .fieldNames()
            .forEachRemaining(
                f -> assertSame(where + "." + f, mine.get(f), theirs.get(f), figures));
      }
    } else {
      assertThat(mine).as(where).isEqualTo(theirs);
    }
  }

  private static List<String> iterable(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static EvaluationRequest request(Path csv) {
    ModelVersion version = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), null);
    DatasetVersion data = bench.importCsv(csv);
    return TestWorkbench.request(version, data, "deny", null);
  }

  private static FairnessJob.Spec spec(
      EvaluationRequest request, Path csv, FairnessSettings settings, Path parquet) {
    EvalJob.Spec eval =
        SparkEvalLocalTest.spec(
            TestModels.sample("hmda-deny-v2.onnx").toString(),
            List.of(csv.toString()),
            null,
            "deny");
    eval =
        new EvalJob.Spec(
            eval.model(),
            eval.data(),
            eval.format(),
            eval.delimiter(),
            eval.target(),
            eval.features(),
            settings.sensitive(),
            eval.rememberedBinding(),
            eval.positiveLabel(),
            eval.labelSource(),
            eval.softmax(),
            eval.probabilitiesOutput(),
            eval.labelOutput(),
            eval.outputsSource(),
            eval.targetMap(),
            eval.targetMapSource(),
            eval.batchSize(),
            eval.allowNonFinite(),
            request.model().ref(),
            request.dataset().ref(),
            eval.extraWarnings(),
            null,
            parquet == null ? null : parquet.toString());
    return new FairnessJob.Spec(FairnessJob.JOB, eval, settings);
  }
}
