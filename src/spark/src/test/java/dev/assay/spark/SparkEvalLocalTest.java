package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Spark job on {@code local[2]} in this JVM gives the same result as a local run through the
 * workbench's {@code EvaluationRunner} on the repository's sample models and data: every metric to
 * 1e-12 (ROC AUC and average precision included), rows, classes, label source, agreement. The CSV
 * is split into many small partitions, so the merge of partial accumulators is what is checked.
 */
class SparkEvalLocalTest {
  static final double TOLERANCE = 1e-12;

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
    "hmda-deny-v2.onnx, hmda_train.csv, deny",
    "hmda-deny-v3.onnx, hmda_test.csv, deny",
    "breast-cancer-v1.onnx, breast_cancer_test.csv, target"
  })
  void sameMetricsAsTheLocalRun(String model, String data, String target) throws IOException {
    Path csv = TestModels.repoRoot().resolve("models/data").resolve(data);
    EvaluationResult local = local(model, csv, target);
    EvaluationResult distributed = spark(model, List.of(csv.toString()), null, target);

    assertSame(distributed, local);
  }

  @Test
  void gzipCsvAndParquetGiveTheSameMetrics() throws IOException {
    Path csv = TestModels.repoRoot().resolve("models/data/hmda_train.csv");
    Path gz = dir.resolve("hmda_train.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(csv, out);
    }
    Path parquet = dir.resolve("hmda_train.parquet");
    var frame = spark.read().option("header", "true").csv(csv.toString());
    for (String column : frame.columns()) {
      if (!column.equals("deny")) {
        frame = frame.withColumn(column, frame.col(column).cast("double"));
      }
    }
    frame.repartition(3).write().parquet(parquet.toString());
    EvaluationResult local = local("hmda-deny-v1.onnx", csv, "deny");

    // (the local runs before remembered the outputs: the reading's source differs, nothing else)
    EvaluationResult fromGzip = spark("hmda-deny-v1.onnx", List.of(gz.toString()), null, "deny");
    assertMetrics(fromGzip.metrics(), local.metrics());
    assertThat(fromGzip.rows()).isEqualTo(local.rows());
    assertThat(fromGzip.agreement()).isEqualTo(local.agreement());
    EvaluationResult fromParquet =
        spark("hmda-deny-v1.onnx", List.of(parquet.toString()), "parquet", "deny");
    assertMetrics(fromParquet.metrics(), local.metrics());
    assertThat(fromParquet.rows()).isEqualTo(local.rows());
  }

  @Test
  void aBadCellNamesRowAndColumnAsLocally() throws IOException {
    List<String> lines =
        new java.util.ArrayList<>(
            Files.readAllLines(TestModels.repoRoot().resolve("models/data/hmda_test.csv")));
    String[] cells = lines.get(200).split(",");
    cells[0] = "abc";
    lines.set(200, String.join(",", cells));
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, lines);

    assertThatThrownBy(() -> spark("hmda-deny-v1.onnx", List.of(bad.toString()), null, "deny"))
        .isInstanceOf(AssayException.class)
        .hasMessageStartingWith("row 200, column 'pirat': 'abc' is not a number");
  }

  @Test
  void aBadCellInALaterPartitionNamesTheDataRowNotThePartitionsRow() throws IOException {
    // 16 KB partitions of ~70-byte rows: row 600 is in the third partition, where rows are
    // numbered from 1 while scoring; the job counts the rows before it and names the data row
    List<String> lines =
        new java.util.ArrayList<>(
            Files.readAllLines(TestModels.repoRoot().resolve("models/data/hmda_test.csv")));
    String[] cells = lines.get(600).split(",");
    cells[0] = "x1";
    lines.set(600, String.join(",", cells));
    Path bad = dir.resolve("bad-late.csv");
    Files.write(bad, lines);

    assertThatThrownBy(() -> spark("hmda-deny-v1.onnx", List.of(bad.toString()), null, "deny"))
        .isInstanceOf(AssayException.class)
        .hasMessageStartingWith("row 600, column 'pirat': 'x1' is not a number")
        .hasMessageNotContaining("assay partition");
  }

  @Test
  void aRegressionModelGivesTheLocalRunsMetrics() throws IOException {
    // y_hat = 1.5 a - 0.75 b + 0.25 on float [N, 2]; targets noisy, one missing, in many partitions
    Path model = TestModels.write(dir.resolve("linear-regression.onnx"), linearRegression());
    Path csv = dir.resolve("regression.csv");
    java.util.Random random = new java.util.Random(7);
    List<String> lines = new java.util.ArrayList<>(List.of("a,b,y"));
    for (int i = 0; i < 9000; i++) {
      double a = random.nextGaussian() * 3 + 100;
      double b = random.nextDouble() * 10;
      double y = 1.5 * a - 0.75 * b + 0.25 + random.nextGaussian();
      lines.add(
          String.format(
              java.util.Locale.ROOT, "%.6f,%.6f,%s", a, b, i == 17 ? "" : String.valueOf(y)));
    }
    Files.write(csv, lines);
    ModelVersion version = bench.importModel(model, "linear-regression");
    EvaluationResult local =
        bench.run(TestWorkbench.request(version, bench.importCsv(csv), "y", null));

    EvaluationResult distributed =
        EvalJob.run(spark, spec(model.toString(), List.of(csv.toString()), null, "y")).result();

    assertThat(local.task()).isEqualTo("regression");
    assertThat(distributed.task()).isEqualTo("regression");
    assertThat(local.metrics()).containsKeys("mae", "rmse", "r2", "median_absolute_error");
    assertThat(distributed.metrics().keySet()).isEqualTo(local.metrics().keySet());
    var json = dev.assay.core.Json.newMapper();
    for (var entry : local.metrics().entrySet()) {
      assertClose(
          entry.getKey(),
          json.valueToTree(distributed.metrics().get(entry.getKey())),
          json.valueToTree(entry.getValue()));
    }
    assertThat(distributed.regression().rows()).isEqualTo(8999);
    assertThat(distributed.rows()).isEqualTo(local.rows());
    assertThat(distributed.skippedRows()).isEqualTo(local.skippedRows()).isEqualTo(1);
    assertThat(distributed.binding()).isEqualTo(local.binding());
    assertThat(distributed.warnings()).isEqualTo(local.warnings());
  }

  /** A linear regression {@code y_hat = x . [1.5, -0.75] + 0.25}, declared a regression model. */
  static ai.onnx.proto.OnnxMl.ModelProto linearRegression() {
    var w =
        ai.onnx.proto.OnnxMl.TensorProto.newBuilder()
            .setName("w")
            .setDataType(TestModels.FLOAT)
            .addDims(2)
            .addDims(1)
            .setRawData(com.google.protobuf.ByteString.copyFrom(TestModels.floats(1.5f, -0.75f)))
            .build();
    var b =
        ai.onnx.proto.OnnxMl.TensorProto.newBuilder()
            .setName("b")
            .setDataType(TestModels.FLOAT)
            .setRawData(com.google.protobuf.ByteString.copyFrom(TestModels.floats(0.25f)))
            .build();
    var graph =
        ai.onnx.proto.OnnxMl.GraphProto.newBuilder()
            .setName("linear")
            .addInput(TestModels.tensor("x", TestModels.FLOAT, "N", 2))
            .addOutput(TestModels.tensor("y_hat", TestModels.FLOAT, "N", 1))
            .addInitializer(w)
            .addInitializer(b)
            .addNode(
                ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                    .setOpType("MatMul")
                    .addInput("x")
                    .addInput("w")
                    .addOutput("xw"))
            .addNode(
                ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                    .setOpType("Add")
                    .addInput("xw")
                    .addInput("b")
                    .addOutput("y_hat"))
            .build();
    return ai.onnx.proto.OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("assay-tests")
        .addOpsetImport(TestModels.opset("", 13))
        .addMetadataProps(
            ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder()
                .setKey("assay.task")
                .setValue("regression"))
        .setGraph(graph)
        .build();
  }

  static EvaluationResult local(String model, Path csv, String target) {
    ModelVersion version = bench.importModel(TestModels.sample(model), null);
    DatasetVersion data = bench.importCsv(csv);
    return bench.run(TestWorkbench.request(version, data, target, null));
  }

  static EvaluationResult spark(String model, List<String> data, String format, String target)
      throws IOException {
    EvalJob.Spec spec = spec(TestModels.sample(model).toString(), data, format, target);
    return EvalJob.run(spark, spec).result();
  }

  static EvalJob.Spec spec(String model, List<String> data, String format, String target) {
    return spec(model, data, format, target, null);
  }

  /** The spec, the job writing per-row predictions to {@code predictions} when not null. */
  static EvalJob.Spec spec(
      String model, List<String> data, String format, String target, String predictions) {
    return spec(model, data, format, target, predictions, null);
  }

  /** The spec, the job also writing them as Parquet to {@code parquet} when not null. */
  static EvalJob.Spec spec(
      String model,
      List<String> data,
      String format,
      String target,
      String predictions,
      String parquet) {
    return new EvalJob.Spec(
        model,
        data,
        format,
        null,
        target,
        null,
        List.of(),
        null,
        null,
        "label_output",
        false,
        null,
        null,
        "automatic",
        Map.of(),
        "none",
        1024,
        false,
        "m",
        "d",
        List.of(),
        predictions,
        parquet);
  }

  static void assertSame(EvaluationResult spark, EvaluationResult local) {
    assertMetrics(spark.metrics(), local.metrics());
    assertThat(spark.rows()).isEqualTo(local.rows());
    assertThat(spark.skippedRows()).isEqualTo(local.skippedRows());
    assertThat(spark.classOrder()).isEqualTo(local.classOrder());
    assertThat(spark.positiveLabel()).isEqualTo(local.positiveLabel());
    assertThat(spark.labelSource()).isEqualTo(local.labelSource());
    assertThat(spark.binding()).isEqualTo(local.binding());
    assertThat(spark.bindingSource()).isEqualTo(local.bindingSource());
    assertThat(spark.agreement()).isEqualTo(local.agreement());
    assertThat(spark.reading()).isEqualTo(local.reading());
    assertThat(spark.warnings()).isEqualTo(local.warnings());
  }

  /**
   * Every metric of the local run: numbers (also inside matrices and curves) to 1e-12, the rest
   * equal; compared as JSON, so a result read back from the job's JSON compares like one in memory.
   */
  static void assertMetrics(Map<String, Object> spark, Map<String, Object> local) {
    assertThat(spark.keySet()).isEqualTo(local.keySet());
    assertThat(local).containsKeys("roc_auc", "average_precision", "log_loss");
    var json = dev.assay.core.Json.newMapper();
    for (var entry : local.entrySet()) {
      assertClose(
          entry.getKey(),
          json.valueToTree(spark.get(entry.getKey())),
          json.valueToTree(entry.getValue()));
    }
  }

  static void assertClose(
      String where,
      com.fasterxml.jackson.databind.JsonNode mine,
      com.fasterxml.jackson.databind.JsonNode theirs) {
    if (theirs.isNumber()) {
      assertThat(mine.isNumber()).as(where).isTrue();
      assertThat(mine.asDouble())
          .as(where)
          .isCloseTo(theirs.asDouble(), org.assertj.core.api.Assertions.within(TOLERANCE));
    } else if (theirs.isContainerNode()) {
      assertThat(mine.size()).as(where).isEqualTo(theirs.size());
      if (theirs.isArray()) {
        for (int i = 0; i < theirs.size(); i++) {
          assertClose(where + "[" + i + "]", mine.get(i), theirs.get(i));
        }
      } else {
        theirs
            .fieldNames()
            .forEachRemaining(f -> assertClose(where + "." + f, mine.get(f), theirs.get(f)));
      }
    } else {
      assertThat(mine).as(where).isEqualTo(theirs);
    }
  }
}
