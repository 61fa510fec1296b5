package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay eval --engine spark --master local[2]} against a local {@code assay eval}: the same
 * {@code --json} document, key for key, plus {@code engine}, the metrics to 1e-12, and a stored run
 * whose environment records the Spark provenance. Needs the Spark job jar and a Spark jars folder,
 * which {@code ./mvnw -Pspark-cluster package -pl src/spark -am} builds; {@code .ci/run} runs it by
 * name after that (the module's surefire set leaves it out), and it fails where they are absent.
 */
class EvalSparkCommandTest {
  @TempDir Path home;

  @Test
  void sparkEngineGivesTheLocalDocumentPlusEngine() throws Exception {
    Path root = TestModels.repoRoot();
    Path sparkHome = root.resolve("src/spark/target/spark-home");
    Path jobJar = root.resolve("src/spark/target/assay-spark-job.jar");
    assertTrue(
        Files.isDirectory(sparkHome.resolve("jars")) && Files.isRegularFile(jobJar),
        "no Spark job jar: ./mvnw -Pspark-cluster package -pl src/spark -am");
    String model = TestModels.sample("hmda-deny-v1.onnx").toString();
    String data = root.resolve("models/data/hmda_test.csv").toString();

    // a first local run remembers the binding and outputs; both runs compared read them
    CliRun.Outcome first =
        CliRun.run(
            home,
            "eval",
            "--model",
            model,
            "--data",
            data,
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(first.code()).as(first.err()).isZero();
    CliRun.Outcome spark =
        CliRun.run(
            home,
            "eval",
            "--model",
            model,
            "--data",
            data,
            "--target",
            "deny",
            "--json",
            "-",
            "--predictions",
            home.resolve("spark-predictions.csv").toString(),
            "--predictions-parquet",
            home.resolve("spark-predictions.parquet").toString(),
            "--engine",
            "spark",
            "--master",
            "local[2]",
            "--spark-home",
            sparkHome.toString(),
            "--spark-job-jar",
            jobJar.toString());
    assertThat(spark.code()).as(spark.err()).isZero();
    // the status tracker's stages and tasks, as a local run's progress line
    assertThat(spark.err()).contains("\reval: ").contains("Spark scoring: stages ");
    CliRun.Outcome local =
        CliRun.run(
            home,
            "eval",
            "--model",
            model,
            "--data",
            data,
            "--target",
            "deny",
            "--json",
            "-",
            "--predictions",
            home.resolve("local-predictions.csv").toString(),
            "--quiet");
    assertThat(local.code()).as(local.err()).isZero();

    JsonNode l = local.json();
    JsonNode s = spark.json();
    assertThat(s.get("engine").asText()).isEqualTo("spark");
    List<String> localKeys = new ArrayList<>();
    l.fieldNames().forEachRemaining(localKeys::add);
    localKeys.add("engine");
    List<String> sparkKeys = new ArrayList<>();
    s.fieldNames().forEachRemaining(sparkKeys::add);
    assertThat(sparkKeys).containsExactlyInAnyOrderElementsOf(localKeys);
    for (String key :
        List.of(
            "task",
            "class_order",
            "positive_label",
            "label_source",
            "rows",
            "skipped_rows",
            "agreement",
            "binding",
            "binding_source",
            "warnings",
            "gates")) {
      assertThat(s.get(key)).as(key).isEqualTo(l.get(key));
    }
    l.get("metrics")
        .fieldNames()
        .forEachRemaining(
            name -> {
              JsonNode a = l.get("metrics").get(name);
              JsonNode b = s.get("metrics").get(name);
              if (a.isNumber()) {
                assertThat(b.asDouble()).as(name).isCloseTo(a.asDouble(), within(1e-12));
              } else {
                assertThat(b).as(name).isEqualTo(a);
              }
            });

    // the per-row predictions stored with the Spark run are the local run's, row for row
    List<String> sparkRows = Files.readAllLines(home.resolve("spark-predictions.csv"));
    assertThat(sparkRows).hasSize(s.get("rows").asInt() + 1);
    assertThat(sparkRows).isEqualTo(Files.readAllLines(home.resolve("local-predictions.csv")));
    // ... and written as Parquet by the executors (read back in SparkParquetPredictionsLocalTest)
    try (var parts = Files.list(home.resolve("spark-predictions.parquet"))) {
      assertThat(parts.map(p -> p.getFileName().toString()))
          .contains("_SUCCESS")
          .anyMatch(name -> name.startsWith("part-") && name.endsWith(".parquet"));
    }

    // fairness from the stored predictions: the local run's disparities
    long id = s.get("run").get("id").asLong();
    JsonNode sparkFairness = fairness(id);
    JsonNode localFairness = fairness(l.get("run").get("id").asLong());
    assertThat(sparkFairness.get("rows")).isEqualTo(localFairness.get("rows"));
    assertThat(sparkFairness.get("verdict")).isEqualTo(localFairness.get("verdict"));
    for (String key : List.of("groups", "disparities")) {
      assertThat(localFairness.get(key).toString()).contains("afam");
      assertClose(key, sparkFairness.get(key), localFairness.get(key));
    }

    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      assertThat(workbench.runs().get(id).status().id()).isEqualTo("completed");
      String environment = workbench.runs().documents(id).environmentJson();
      assertThat(environment).contains("\"spark_version\"", "\"master\"", "local[2]", "hmda_test");
      assertThat(environment).contains("\"predictions_parquet\"", "spark-predictions.parquet");
      assertThat(workbench.runs().documents(id).configJson()).contains("\"engine\":\"spark\"");
    }
  }

  /**
   * The job run as a site's {@code spark-submit} runs it (its own JVM, Spark's jars and the job
   * jar, a hand-written spec) into a folder, then {@code assay runs import FOLDER}: the stored run
   * equals a local run's metrics and predictions byte for byte.
   */
  @Test
  void aSparkSubmitResultFolderImportsAsTheLocalRun() throws Exception {
    Path root = TestModels.repoRoot();
    Path sparkHome = root.resolve("src/spark/target/spark-home");
    Path jobJar = root.resolve("src/spark/target/assay-spark-job.jar");
    assertTrue(
        Files.isDirectory(sparkHome.resolve("jars")) && Files.isRegularFile(jobJar),
        "no Spark job jar: ./mvnw -Pspark-cluster package -pl src/spark -am");
    String model = TestModels.sample("hmda-deny-v1.onnx").toString();
    String data = root.resolve("models/data/hmda_test.csv").toString();
    CliRun.Outcome first =
        CliRun.run(
            home,
            "eval",
            "--model",
            model,
            "--data",
            data,
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(first.code()).as(first.err()).isZero();
    long local = first.json().get("run").get("id").asLong();
    String dataset;
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      dataset = workbench.runs().result(local).run().dataset();
    }
    // the spec as assay writes it for a site's own spark-submit (--softmax: recorded on import)
    Path spec = home.resolve("spec.json");
    CliRun.Outcome written =
        CliRun.run(
            home,
            "eval",
            "--model",
            model,
            "--data",
            data,
            "--target",
            "deny",
            "--softmax",
            "--engine",
            "spark",
            "--master",
            "spark://cluster:7077",
            "--predictions-parquet",
            home.resolve("submitted.parquet").toString(),
            "--write-spec",
            spec.toString());
    assertThat(written.code()).as(written.err()).isZero();
    assertThat(written.out())
        .contains(
            "spark-submit --master spark://cluster:7077 --class dev.assay.spark.SparkEval"
                + " assay-spark-job.jar "
                + spec.toAbsolutePath()
                + " result")
        .contains("assay runs import result");
    assertThat(dev.assay.core.Json.newMapper().readTree(spec.toFile()).get("dataset_ref").asText())
        .isEqualTo(dataset);
    Path folder = Files.createDirectories(home.resolve("job"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(dev.assay.core.SparkJvmOptions.LAUNCHER);
    command.addAll(
        List.of(
            "-cp",
            sparkHome.resolve("jars") + "/*" + java.io.File.pathSeparator + jobJar,
            "dev.assay.spark.SparkEval",
            spec.toString(),
            folder.toString(),
            "local[2]"));
    Process job =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("job.log").toFile())
            .start();
    assertThat(job.waitFor()).as(Files.readString(home.resolve("job.log"))).isZero();
    // the spec's predictions_parquet: the executors wrote the folder
    assertThat(home.resolve("submitted.parquet/_SUCCESS")).isRegularFile();

    CliRun.Outcome imported = CliRun.run(home, "runs", "import", folder.toString(), "--json");
    assertThat(imported.code()).as(imported.err()).isZero();
    long id = imported.json().get("run_id").asLong();
    assertThat(imported.json().get("predictions").asBoolean()).isTrue();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      com.fasterxml.jackson.databind.ObjectMapper json = dev.assay.core.Json.newMapper();
      assertClose(
          "metrics",
          json.valueToTree(workbench.runs().result(id).metrics()),
          json.valueToTree(workbench.runs().result(local).metrics()));
      Path mine = home.resolve("mine.pred");
      Path theirs = home.resolve("theirs.pred");
      workbench.runs().copyPredictions(id, mine);
      workbench.runs().copyPredictions(local, theirs);
      assertThat(Files.readAllBytes(mine)).isEqualTo(Files.readAllBytes(theirs));
      assertThat(workbench.runs().documents(id).environmentJson())
          .contains("\"spark_version\"", "local[2]", "imported_from");
      assertThat(
              json.readTree(workbench.runs().documents(id).configJson()).get("softmax").asBoolean())
          .isTrue();
    }
  }

  /**
   * {@code assay drift --engine spark --model M}: the job reads the version's stored reference
   * profile and the current data; the {@code --json} document equals the local command's, key for
   * key and value for value (reference under 100,000 rows: no sketch, every figure exact), plus
   * {@code engine}.
   */
  @Test
  void driftOnSparkGivesTheLocalDocumentPlusEngine() throws Exception {
    Path root = TestModels.repoRoot();
    Path sparkHome = root.resolve("src/spark/target/spark-home");
    Path jobJar = root.resolve("src/spark/target/assay-spark-job.jar");
    assertTrue(
        Files.isDirectory(sparkHome.resolve("jars")) && Files.isRegularFile(jobJar),
        "no Spark job jar: ./mvnw -Pspark-cluster package -pl src/spark -am");
    List<String> drift =
        List.of(
            "drift",
            "--model",
            TestModels.sample("hmda-deny-v1.onnx").toString(),
            "--reference",
            root.resolve("models/data/hmda_train.csv").toString(),
            "--current",
            root.resolve("models/data/hmda_test.csv").toString(),
            "--json",
            "-",
            "--quiet");
    CliRun.Outcome local = CliRun.run(home, drift.toArray(String[]::new));
    assertThat(local.code()).as(local.err()).isZero();
    List<String> onSpark = new ArrayList<>(drift);
    onSpark.addAll(
        List.of(
            "--engine",
            "spark",
            "--master",
            "local[2]",
            "--spark-home",
            sparkHome.toString(),
            "--spark-job-jar",
            jobJar.toString()));
    CliRun.Outcome spark = CliRun.run(home, onSpark.toArray(String[]::new));
    assertThat(spark.code()).as(spark.err()).isZero();

    var mine = (com.fasterxml.jackson.databind.node.ObjectNode) spark.json().deepCopy();
    var theirs = (com.fasterxml.jackson.databind.node.ObjectNode) local.json().deepCopy();
    assertThat(mine.remove("engine").asText()).isEqualTo("spark");
    assertThat(mine.remove("report_id").asLong()).isNotEqualTo(theirs.remove("report_id").asLong());
    assertThat(theirs.get("features").size()).isEqualTo(14);
    assertThat(mine).isEqualTo(theirs);

    CliRun.Outcome noModel =
        CliRun.run(
            home,
            "drift",
            "--reference",
            root.resolve("models/data/hmda_train.csv").toString(),
            "--current",
            root.resolve("models/data/hmda_test.csv").toString(),
            "--engine",
            "spark");
    assertThat(noModel.code()).isEqualTo(2);
    assertThat(noModel.err()).contains("--engine spark compares the current data with --model's");
  }

  /**
   * {@code assay fairness --engine spark --master local[2]} against a local {@code assay fairness}
   * of the same model, data and options: the same {@code --json} document, every figure to 1e-12,
   * plus {@code engine}; the report stored against the Spark run.
   */
  @Test
  void fairnessOnSparkGivesTheLocalDocumentPlusEngine() throws Exception {
    Path root = TestModels.repoRoot();
    Path sparkHome = root.resolve("src/spark/target/spark-home");
    Path jobJar = root.resolve("src/spark/target/assay-spark-job.jar");
    assertTrue(
        Files.isDirectory(sparkHome.resolve("jars")) && Files.isRegularFile(jobJar),
        "no Spark job jar: ./mvnw -Pspark-cluster package -pl src/spark -am");
    List<String> fairness =
        List.of(
            "fairness",
            "--model",
            TestModels.sample("hmda-deny-v2.onnx").toString(),
            "--data",
            root.resolve("models/data/hmda_train.csv").toString(),
            "--target",
            "deny",
            "--sensitive",
            "afam",
            "--sensitive",
            "lvrat",
            "--favorable",
            "0",
            "--json",
            "-",
            "--quiet");
    CliRun.Outcome local = CliRun.run(home, fairness.toArray(String[]::new));
    assertThat(local.code()).as(local.err()).isZero();
    List<String> onSpark = new ArrayList<>(fairness);
    onSpark.addAll(
        List.of(
            "--engine",
            "spark",
            "--master",
            "local[2]",
            "--spark-home",
            sparkHome.toString(),
            "--spark-job-jar",
            jobJar.toString()));
    CliRun.Outcome spark = CliRun.run(home, onSpark.toArray(String[]::new));
    assertThat(spark.code()).as(spark.err()).isZero();

    var mine = (com.fasterxml.jackson.databind.node.ObjectNode) spark.json().deepCopy();
    var theirs = (com.fasterxml.jackson.databind.node.ObjectNode) local.json().deepCopy();
    assertThat(mine.remove("engine").asText()).isEqualTo("spark");
    long report = mine.remove("report_id").asLong();
    assertThat(report).isNotEqualTo(theirs.remove("report_id").asLong());
    long run =
        ((com.fasterxml.jackson.databind.node.ObjectNode) mine.get("run")).remove("id").asLong();
    ((com.fasterxml.jackson.databind.node.ObjectNode) theirs.get("run")).remove("id");
    mine.remove("created_at");
    theirs.remove("created_at");
    assertThat(theirs.get("groups").get("lvrat").size()).isGreaterThan(2);
    assertClose("fairness", mine, theirs);

    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      assertThat(workbench.fairness().reports().get(report).report().runId()).isEqualTo(run);
      assertThat(workbench.runs().documents(run).configJson()).contains("\"engine\":\"spark\"");
    }

    CliRun.Outcome unknown =
        CliRun.run(
            home,
            "fairness",
            "--model",
            TestModels.sample("hmda-deny-v2.onnx").toString(),
            "--data",
            root.resolve("models/data/hmda_train.csv").toString(),
            "--target",
            "deny",
            "--sensitive",
            "race",
            "--quiet",
            "--engine",
            "spark",
            "--master",
            "local[2]",
            "--spark-home",
            sparkHome.toString(),
            "--spark-job-jar",
            jobJar.toString());
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err().strip().lines()).hasSize(1);
    assertThat(unknown.err()).contains("has no column 'race'");
  }

  private JsonNode fairness(long run) throws Exception {
    CliRun.Outcome report =
        CliRun.run(
            home,
            "fairness",
            "--run",
            String.valueOf(run),
            "--sensitive",
            "afam",
            "--resamples",
            "200",
            "--json",
            "-",
            "--quiet");
    assertThat(report.code()).as(report.err()).isZero();
    return report.json();
  }

  /** Numbers to 1e-12, everything else equal. */
  private static void assertClose(String where, JsonNode mine, JsonNode theirs) {
    if (theirs.isNumber()) {
      assertThat(mine.isNumber()).as(where).isTrue();
      assertThat(mine.asDouble()).as(where).isCloseTo(theirs.asDouble(), within(1e-12));
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
