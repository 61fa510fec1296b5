package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster: a Spark master and a worker, each its own JVM started from the Maven
 * jars in {@code target/spark-home/jars} (profile {@code spark-cluster}), the job jar submitted by
 * a driver JVM as {@code assay eval --engine spark} starts it ({@link SparkEval}), and its result
 * compared with a local run: the same metrics to 1e-12.
 */
class StandaloneClusterIT {
  @TempDir static Path dir;
  static SparkCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    assertThat(SparkCluster.SPARK_HOME.resolve("jars")).isDirectory();
    assertThat(SparkCluster.JOB_JAR).isRegularFile();
    cluster = SparkCluster.start(dir);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theClusterGivesTheLocalRunsMetrics() throws Exception {
    Path csv = TestModels.repoRoot().resolve("models/data/hmda_train.csv");
    EvaluationResult local;
    Path localPredictions = dir.resolve("local.pred");
    try (TestWorkbench bench = TestWorkbench.open(dir.resolve("bench"))) {
      local =
          bench.run(
              TestWorkbench.request(
                  bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), null),
                  bench.importCsv(csv),
                  "deny",
                  null));
      bench.workbench().runs().copyPredictions(local.run().id(), localPredictions);
    }
    Path predictions = dir.resolve("spark.pred");
    ObjectMapper json = Json.newMapper();
    Path spec = dir.resolve("spec.json");
    json.writeValue(
        spec.toFile(),
        SparkEvalLocalTest.spec(
            TestModels.sample("hmda-deny-v2.onnx").toAbsolutePath().toString(),
            List.of(csv.toAbsolutePath().toString()),
            null,
            "deny",
            predictions.toAbsolutePath().toString()));
    Path result = dir.resolve("result.json");
    Path driverLog = dir.resolve("driver.log");
    Process driver = cluster.driver(driverLog, spec, result);
    boolean done = driver.waitFor(240, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(done).as("driver finished; log: " + Files.readString(driverLog)).isTrue();
    assertThat(driver.exitValue()).as(Files.readString(driverLog)).isZero();

    JsonNode doc = json.readTree(result.toFile());
    assertThat(doc.get("engine").asText()).isEqualTo("spark");
    assertThat(doc.get("spark").get("master").asText()).isEqualTo(cluster.masterUrl());
    assertThat(doc.get("spark").get("executors").asInt()).isEqualTo(1);
    assertThat(doc.get("spark").get("inputs").get(0).get("size").asLong())
        .isEqualTo(Files.size(csv));
    EvaluationResult spark = json.treeToValue(doc.get("result"), EvaluationResult.class);
    SparkEvalLocalTest.assertMetrics(spark.metrics(), local.metrics());
    assertThat(spark.rows()).isEqualTo(local.rows());
    assertThat(spark.agreement()).isEqualTo(local.agreement());
    // the executors ran in the worker's JVMs, not in the driver
    assertThat(Files.readString(driverLog)).contains("Granted executor ID");
    // the rows came back from the executors: the local run's predictions file, byte for byte
    assertThat(Files.readAllBytes(predictions)).isEqualTo(Files.readAllBytes(localPredictions));
    assertThat(Files.readString(driverLog)).contains(SparkEval.PROGRESS + " ");
  }
}
