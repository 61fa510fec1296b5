package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
  static Path sparkHome =
      Path.of(System.getProperty("assay.spark.home", "src/spark/target/spark-home"));
  static Path jobJar =
      Path.of(System.getProperty("assay.spark.jobJar", "src/spark/target/assay-spark-job.jar"));
  static final List<Process> started = new ArrayList<>();
  static String masterUrl;

  @BeforeAll
  static void startCluster() throws Exception {
    assertThat(sparkHome.resolve("jars")).isDirectory();
    assertThat(jobJar).isRegularFile();
    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    Path masterLog = dir.resolve("master.log");
    start(
        masterLog,
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        String.valueOf(port),
        "--webui-port",
        String.valueOf(freePort()));
    waitFor(masterLog, "I have been elected leader", Duration.ofSeconds(120));
    Path workerLog = dir.resolve("worker.log");
    start(
        workerLog,
        "org.apache.spark.deploy.worker.Worker",
        "--host",
        "127.0.0.1",
        "--cores",
        "2",
        "--memory",
        "1g",
        "--webui-port",
        String.valueOf(freePort()),
        "--work-dir",
        dir.resolve("work").toString(),
        masterUrl);
    waitFor(workerLog, "Successfully registered with master", Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopCluster() {
    for (Process p : started.reversed()) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
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
    Process driver =
        start(
            driverLog, "dev.assay.spark.SparkEval", spec.toString(), result.toString(), masterUrl);
    boolean done = driver.waitFor(240, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(done).as("driver finished; log: " + Files.readString(driverLog)).isTrue();
    assertThat(driver.exitValue()).as(Files.readString(driverLog)).isZero();

    JsonNode doc = json.readTree(result.toFile());
    assertThat(doc.get("engine").asText()).isEqualTo("spark");
    assertThat(doc.get("spark").get("master").asText()).isEqualTo(masterUrl);
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

  static Process start(Path log, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(dev.assay.core.SparkJvmOptions.LAUNCHER);
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(
        sparkHome.resolve("jars").toAbsolutePath()
            + "/*"
            + java.io.File.pathSeparator
            + jobJar.toAbsolutePath());
    command.add("-Dassay.spark.jobJar=" + jobJar.toAbsolutePath());
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toAbsolutePath().toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = builder.start();
    started.add(p);
    return p;
  }

  static void waitFor(Path log, String text, Duration limit) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no '" + text + "' within " + limit + ":\n" + Files.readString(log));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
