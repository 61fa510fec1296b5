package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.ImportedRuns;
import dev.assay.core.eval.PredictionsExport;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's per-row predictions written as Parquet by the executors ({@link PredictionsParquet}),
 * read back with Spark, equal the local run's {@code assay eval --predictions} CSV row for row
 * (data rows, labels, probabilities; a regression model's actual and predicted values) and the
 * local run's stored predictions to 1e-12; a regression run's stored predictions from the job are
 * the local run's byte for byte.
 */
class SparkParquetPredictionsLocalTest {
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
  void classificationParquetNextToTheInputEqualsTheLocalCsv() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in")).resolve("hmda_test.csv");
    Files.copy(TestModels.repoRoot().resolve("models/data/hmda_test.csv"), input);
    ModelVersion version = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), null);
    EvaluationResult local =
        bench.run(TestWorkbench.request(version, bench.importCsv(input), "deny", null));
    List<String[]> csv = localCsv(local.run().id());
    List<PredictionsFile.Row> stored = stored(local.run().id());

    EvalJob.Outcome outcome =
        EvalJob.run(
            spark,
            SparkEvalLocalTest.spec(
                TestModels.sample("hmda-deny-v1.onnx").toString(),
                List.of(input.toString()),
                null,
                "deny",
                null,
                PredictionsParquet.NEXT_TO_INPUT));

    Path parquet = dir.resolve("in/hmda_test.predictions.parquet");
    assertThat(outcome.provenance()).containsEntry("predictions_parquet", parquet.toString());
    try (Stream<Path> files = Files.list(parquet)) {
      // one part file per scored partition, written where the partitions were
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count())
          .isGreaterThan(1);
    }
    List<Row> rows = spark.read().parquet(parquet.toString()).orderBy("row").collectAsList();
    List<String> labels = local.classOrder();
    assertThat(spark.read().parquet(parquet.toString()).columns())
        .containsExactly("row", "actual", "predicted", "p_" + labels.get(0), "p_" + labels.get(1));
    assertThat(csv.getFirst())
        .containsExactly("row", "actual", "predicted", "p_" + labels.get(0), "p_" + labels.get(1));
    assertThat(rows).hasSize(csv.size() - 1).hasSize(stored.size()).hasSize((int) local.rows());
    for (int i = 0; i < rows.size(); i++) {
      Row mine = rows.get(i);
      String[] theirs = csv.get(i + 1);
      PredictionsFile.Row exact = stored.get(i);
      String where = "row " + theirs[0];
      assertThat(mine.getLong(0)).as(where).isEqualTo(Long.parseLong(theirs[0]));
      assertThat(mine.getString(1)).as(where).isEqualTo(theirs[1]);
      assertThat(mine.getString(2)).as(where).isEqualTo(theirs[2]);
      for (int c = 0; c < labels.size(); c++) {
        float p = mine.getFloat(3 + c);
        assertThat(String.format(Locale.ROOT, "%.7g", p)).as(where).isEqualTo(theirs[3 + c]);
        assertThat((double) p).as(where).isCloseTo(exact.probabilities()[c], within(1e-12));
      }
    }
  }

  @Test
  void aRegressionRunsPredictionsEqualTheLocalRunsAsFileAndParquet() throws IOException {
    Path model =
        TestModels.write(
            dir.resolve("linear-regression.onnx"), SparkEvalLocalTest.linearRegression());
    Path input = dir.resolve("regression.csv");
    java.util.Random random = new java.util.Random(11);
    List<String> lines = new ArrayList<>(List.of("a,b,y"));
    for (int i = 0; i < 6000; i++) {
      double a = random.nextGaussian() * 3 + 100;
      double b = random.nextDouble() * 10;
      double y = 1.5 * a - 0.75 * b + 0.25 + random.nextGaussian();
      lines.add(
          String.format(Locale.ROOT, "%.6f,%.6f,%s", a, b, i == 1234 ? "" : String.valueOf(y)));
    }
    Files.write(input, lines);
    ModelVersion version = bench.importModel(model, "linear-regression");
    EvaluationRequest request = TestWorkbench.request(version, bench.importCsv(input), "y", null);
    EvaluationResult local = bench.run(request);
    assertThat(local.task()).isEqualTo("regression");

    Workbench workbench = bench.workbench();
    ImportedRuns imported =
        new ImportedRuns(
            workbench.runs(),
            workbench.models(),
            workbench.datasets(),
            Json.newMapper(),
            dir.resolve("tmp"));
    ImportedRuns.Prepared prepared = imported.prepare(request);
    Path predictions = dir.resolve("regression.pred");
    Path parquet = dir.resolve("out/regression-predictions.parquet");
    EvalJob.Outcome outcome =
        EvalJob.run(
            spark,
            SparkEvalLocalTest.spec(
                model.toString(),
                List.of(input.toString()),
                null,
                "y",
                predictions.toString(),
                parquet.toString()),
            Progress.NONE,
            Cancellation.NONE);
    assertThat(outcome.provenance())
        .containsEntry("prediction_rows", 5999L)
        .containsEntry("predictions_parquet", parquet.toString());
    long distributed =
        imported
            .store(request, prepared, outcome.result(), "spark", outcome.provenance(), predictions)
            .run()
            .id();

    // the stored file, as a local run writes it (row, actual, predicted as doubles)
    assertThat(bytes(distributed)).isEqualTo(bytes(local.run().id()));
    List<String[]> csv = localCsv(local.run().id());
    assertThat(csv.getFirst()).containsExactly("row", "actual", "predicted");
    assertThat(localCsv(distributed)).hasSameSizeAs(csv);
    List<Row> rows = spark.read().parquet(parquet.toString()).orderBy("row").collectAsList();
    assertThat(rows).hasSize(csv.size() - 1).hasSize(5999);
    for (int i = 0; i < rows.size(); i++) {
      Row mine = rows.get(i);
      String[] theirs = csv.get(i + 1);
      String where = "row " + theirs[0];
      assertThat(mine.getLong(0)).as(where).isEqualTo(Long.parseLong(theirs[0]));
      assertThat(mine.getDouble(1))
          .as(where)
          .isCloseTo(Double.parseDouble(theirs[1]), within(1e-12));
      assertThat(mine.getDouble(2))
          .as(where)
          .isCloseTo(Double.parseDouble(theirs[2]), within(1e-12));
    }
    // the row without a target is left out, as locally
    assertThat(rows.get(1233).getLong(0)).isEqualTo(1234);
    assertThat(rows.get(1234).getLong(0)).isEqualTo(1236);
  }

  @Test
  void anExistingOutputIsRefusedAndLeftAsItWas() throws IOException {
    Path taken = Files.createDirectories(dir.resolve("taken.parquet"));
    Files.writeString(taken.resolve("keep.txt"), "mine");
    Path csv = TestModels.repoRoot().resolve("models/data/hmda_test.csv");
    EvalJob.Spec spec =
        SparkEvalLocalTest.spec(
            TestModels.sample("hmda-deny-v1.onnx").toString(),
            List.of(csv.toString()),
            null,
            "deny",
            null,
            taken.toString());

    assertThatThrownBy(() -> EvalJob.run(spark, spec))
        .isInstanceOf(AssayException.class)
        .hasMessage(
            "the predictions' Parquet output "
                + taken
                + " already exists: remove it or name another");
    assertThat(Files.readString(taken.resolve("keep.txt"))).isEqualTo("mine");
  }

  @Test
  void theDefaultPathIsNextToTheFirstInput() {
    assertThat(PredictionsParquet.nextTo("s3a://bucket/scored/big.csv.gz"))
        .isEqualTo("s3a://bucket/scored/big.predictions.parquet");
    assertThat(PredictionsParquet.nextTo("hdfs://nn/data/apps.parquet/"))
        .isEqualTo("hdfs://nn/data/apps.predictions.parquet");
    assertThat(PredictionsParquet.nextTo("/data/part-*.csv"))
        .isEqualTo("/data/predictions.parquet");
    assertThat(PredictionsParquet.nextTo("data/applications"))
        .isEqualTo("data/applications.predictions.parquet");
    assertThat(PredictionsParquet.nextTo("/data/.csv")).isEqualTo("/data/.csv.predictions.parquet");
    assertThat(PredictionsParquet.target("/x/p.parquet", List.of("/in/a.csv")))
        .isEqualTo("/x/p.parquet");
  }

  /** The local run's {@code assay eval --predictions} CSV, split (labels here hold no commas). */
  private static List<String[]> localCsv(long run) throws IOException {
    Path csv = dir.resolve("export-" + run + ".csv");
    new PredictionsExport(bench.workbench().runs(), bench.workbench().scratch().folder())
        .toCsv(run, csv);
    return Files.readAllLines(csv).stream().map(line -> line.split(",", -1)).toList();
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
