package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.AssayException;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.ImportedRuns;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --engine spark --master ...} (issue 21): the evaluation as a Spark job. Spark is not on
 * Assay's class path (it would triple the distribution): the job runs in a child JVM whose class
 * path is a Spark installation's {@code jars/} folder plus Assay's job jar ({@code
 * src/spark/target/assay-spark-job.jar}), with the driver in that JVM and the executors where the
 * master puts them ({@code local[*]} in the child, or a standalone cluster's workers, which get the
 * job jar from the driver). The result comes back as the engine's own result and is stored as an
 * ordinary run with the job's provenance and its per-row predictions. The child's progress lines
 * (Spark's status tracker: stages and tasks) are shown as the local run's progress; Ctrl-C ends the
 * child, whose shutdown hook cancels its Spark jobs.
 */
final class SparkOptions {
  @Option(
      names = "--engine",
      paramLabel = "local|spark",
      defaultValue = "local",
      description = "where the evaluation runs (default: ${DEFAULT-VALUE}); spark: as a Spark job")
  String engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      defaultValue = "local[*]",
      description = "with --engine spark: local[*], local[N] or spark://HOST:PORT")
  String master;

  @Option(
      names = "--spark-home",
      paramLabel = "DIR",
      description =
          "with --engine spark: a Spark 4.2 installation (its jars/); default $SPARK_HOME")
  Path sparkHome;

  @Option(
      names = "--spark-job-jar",
      paramLabel = "JAR",
      description = "with --engine spark: Assay's job jar; default $ASSAY_SPARK_JOB_JAR")
  Path jobJar;

  @Option(
      names = "--write-spec",
      paramLabel = "SPEC.json",
      description =
          "with --engine spark: write the job's spec for your own spark-submit and stop (the"
              + " command to run it is printed; import its result with assay runs import)")
  Path writeSpec;

  @Option(
      names = "--predictions-parquet",
      paramLabel = "PATH",
      description =
          "with --engine spark: the executors also write the per-row predictions as Parquet to"
              + " PATH (a folder Spark writes: local, hdfs://, s3a://; refused if it exists)")
  String predictionsParquet;

  /** Refuses {@code --predictions-parquet} without {@code --engine spark}. */
  void checkParquet() {
    if (predictionsParquet != null && !spark()) {
      throw new AssayCommand.ExitException(2, "--predictions-parquet needs --engine spark");
    }
  }

  /** {@link #predictionsParquet} as the job reads it: a local path made absolute. */
  String parquetTarget() {
    if (predictionsParquet == null || predictionsParquet.contains("://")) {
      return predictionsParquet;
    }
    return Path.of(predictionsParquet).toAbsolutePath().toString();
  }

  boolean spark() {
    return switch (engine.toLowerCase(Locale.ROOT)) {
      case "local" -> false;
      case "spark" -> true;
      default ->
          throw new AssayCommand.ExitException(2, "--engine must be local or spark, not " + engine);
    };
  }

  /** Adds the engine to a {@code --json} document of a Spark run. */
  void annotate(Map<String, Object> doc) {
    if (spark()) {
      doc.put("engine", "spark");
    }
  }

  /** Runs {@code request} as a Spark job and stores the run. */
  EvaluationResult run(
      Workbench workbench, EvaluationRequest request, PrintWriter err, boolean quiet)
      throws IOException, InterruptedException {
    return run(workbench, request, Progress.NONE, err, quiet);
  }

  /**
   * Runs {@code request} as a Spark job, showing its stages and tasks on {@code progress}, and
   * stores the run with its predictions.
   */
  EvaluationResult run(
      Workbench workbench,
      EvaluationRequest request,
      Progress progress,
      PrintWriter err,
      boolean quiet)
      throws IOException, InterruptedException {
    return run(workbench, request, progress, err, quiet, spec -> spec).result();
  }

  /** A job's stored run and the document the job wrote. */
  record Stored(EvaluationResult result, JsonNode doc) {}

  /**
   * {@link #run(Workbench, EvaluationRequest, Progress, PrintWriter, boolean)} with the job's spec
   * made by {@code job} from the evaluation's (a fairness job wraps it).
   */
  Stored run(
      Workbench workbench,
      EvaluationRequest request,
      Progress progress,
      PrintWriter err,
      boolean quiet,
      java.util.function.UnaryOperator<Map<String, Object>> job)
      throws IOException, InterruptedException {
    Setup setup = setup();
    ObjectMapper json = Json.newMapper();
    ImportedRuns imported =
        new ImportedRuns(
            workbench.runs(),
            workbench.models(),
            workbench.datasets(),
            json,
            workbench.scratch().folder());
    ImportedRuns.Prepared prepared = imported.prepare(request);
    Path folder = Files.createTempDirectory(workbench.scratch().folder(), "spark-");
    Path spec = folder.resolve("spec.json");
    Path result = folder.resolve("result.json");
    Path log = folder.resolve("spark.log");
    Path predictions = folder.resolve("predictions.pred");
    Map<String, Object> specDoc = spec(request, prepared);
    specDoc.put("predictions", predictions.toAbsolutePath().toString());
    specDoc.put("predictions_parquet", parquetTarget());
    Files.writeString(spec, json.writeValueAsString(job.apply(specDoc)));
    if (!quiet) {
      err.println("eval: Spark job on " + master + " (log: " + log + ")");
      err.flush();
    }
    int code = launch(setup, spec, result, log, progress);
    if (code != 0 || !Files.isRegularFile(result)) {
      String reason = failure(log, code);
      Files.deleteIfExists(predictions);
      imported.storeFailure(request, prepared, "spark", Map.of("master", master), reason);
      throw new AssayException(reason);
    }
    JsonNode doc = json.readTree(result.toFile());
    EvaluationResult computed = json.treeToValue(doc.get("result"), EvaluationResult.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> provenance = json.treeToValue(doc.get("spark"), Map.class);
    try {
      return new Stored(
          imported.store(
              request,
              prepared,
              computed,
              "spark",
              provenance,
              Files.isRegularFile(predictions) ? predictions : null),
          doc);
    } finally {
      Files.deleteIfExists(predictions);
    }
  }

  /**
   * Writes the job's spec for {@code request} to {@link #writeSpec} (model and data as the
   * workbench's copies, absolute paths; no predictions path: the job given a result folder writes
   * them there) and prints the {@code spark-submit} and {@code assay runs import} lines to run it.
   */
  void writeSpec(Workbench workbench, EvaluationRequest request, PrintWriter out)
      throws IOException {
    ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ImportedRuns imported =
        new ImportedRuns(
            workbench.runs(),
            workbench.models(),
            workbench.datasets(),
            json,
            workbench.scratch().folder());
    Map<String, Object> spec = spec(request, imported.prepare(request));
    if (predictionsParquet != null) {
      spec.put("predictions_parquet", parquetTarget());
    }
    Path file = writeSpec.toAbsolutePath();
    try {
      Files.writeString(file, json.writeValueAsString(spec) + "\n");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AssayException("cannot write " + writeSpec + ": no such folder");
    }
    out.println("wrote " + file + "; run it with:");
    out.println("  mkdir -p result");
    out.println(
        "  spark-submit --master "
            + master
            + " --class dev.assay.spark.SparkEval assay-spark-job.jar "
            + file
            + " result");
    out.println("  assay runs import result");
  }

  /** A Spark installation (its {@code jars/}) and Assay's job jar. */
  record Setup(Path home, Path jar) {}

  /** The installation and job jar the options or the environment name, checked. */
  Setup setup() {
    Path home = sparkHome != null ? sparkHome : env("SPARK_HOME");
    Path jar = jobJar != null ? jobJar : env("ASSAY_SPARK_JOB_JAR");
    if (home == null || !Files.isDirectory(home.resolve("jars"))) {
      throw new AssayException(
          "--engine spark needs a Spark 4.2 installation: --spark-home DIR or $SPARK_HOME (with a"
              + " jars/ folder)");
    }
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new AssayException(
          "--engine spark needs Assay's job jar: --spark-job-jar JAR or $ASSAY_SPARK_JOB_JAR");
    }
    return new Setup(home, jar);
  }

  /**
   * Runs the job jar's main ({@code SparkEval SPEC RESULT MASTER}) in a child JVM, Spark's log to
   * {@code log}, its progress lines to {@code progress}.
   *
   * @return the child's exit code
   */
  int launch(Setup setup, Path spec, Path result, Path log, Progress progress)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(java().toString());
    // the JVM options of Spark's launcher (one list, shared with the cluster test and surefire;
    // read only when a job starts)
    command.addAll(dev.assay.core.SparkJvmOptions.LAUNCHER);
    command.add("-Dassay.spark.jobJar=" + setup.jar().toAbsolutePath());
    command.add("-cp");
    command.add(
        setup.home().resolve("jars").toAbsolutePath()
            + "/*"
            + java.io.File.pathSeparator
            + setup.jar().toAbsolutePath());
    command.add("dev.assay.spark.SparkEval");
    command.add(spec.toString());
    command.add(result.toString());
    command.add(master);
    Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
    // Ctrl-C reaches the child too (same process group); a TERM to this JVM alone ends it here
    Thread stop =
        new Thread(
            () -> {
              child.destroy();
              try {
                child.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "assay-spark-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    int code;
    try {
      SparkProgress.follow(child.getInputStream(), progress);
      code = child.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs
      }
    }
    return code;
  }

  /** Why a job failed: its last {@code assay: } line, else its exit code and log. */
  static String failure(Path log, int code) throws IOException {
    return Files.readAllLines(log).stream()
        .filter(line -> line.startsWith("assay: "))
        .map(line -> line.substring("assay: ".length()))
        .reduce((first, second) -> second)
        .orElse("the Spark job failed (exit " + code + "); see " + log);
  }

  /** The job's spec, in the engine's JSON conventions (snake_case, as the job reads it). */
  static Map<String, Object> spec(EvaluationRequest request, ImportedRuns.Prepared p)
      throws IOException {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("model", p.modelFile().toAbsolutePath().toString());
    spec.put("data", List.of(p.dataFile().toAbsolutePath().toString()));
    spec.put("format", "csv");
    spec.put("delimiter", String.valueOf(separator(p.dataFile())));
    spec.put("target", request.target());
    spec.put("features", request.features());
    spec.put("sensitive", request.sensitive());
    spec.put("remembered_binding", p.rememberedBinding());
    spec.put("positive_label", request.positiveLabel());
    spec.put("label_source", request.labelSource().id());
    spec.put("softmax", request.softmax());
    spec.put("probabilities_output", p.reading().outputs().probabilities());
    spec.put("label_output", p.reading().outputs().label());
    spec.put("outputs_source", p.reading().outputsSource());
    spec.put("target_map", p.reading().targetMap().values());
    spec.put("target_map_source", p.reading().targetMapSource());
    spec.put("batch_size", request.batchSize());
    spec.put("allow_non_finite", request.allowNonFinite());
    spec.put("model_ref", request.model().ref());
    spec.put("dataset_ref", request.dataset().ref());
    spec.put("extra_warnings", p.inputFindings());
    return spec;
  }

  /** The separator of the header line: the most frequent of comma, semicolon and tab. */
  static char separator(Path csv) throws IOException {
    try (var in = Files.newInputStream(csv);
        var raw =
            csv.getFileName().toString().endsWith(".gz")
                ? new java.util.zip.GZIPInputStream(in)
                : in;
        var reader =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(raw, java.nio.charset.StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      char best = ',';
      long most = 0;
      for (char c : new char[] {',', ';', '\t'}) {
        long n = header == null ? 0 : header.chars().filter(x -> x == c).count();
        if (n > most) {
          most = n;
          best = c;
        }
      }
      return best;
    }
  }

  private static Path env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  /** The java of $JAVA_HOME when set (the distribution's own runtime is trimmed), else this one. */
  private static Path java() {
    Path home = env("JAVA_HOME");
    Path java = home != null ? home.resolve("bin/java") : null;
    return java != null && Files.isExecutable(java)
        ? java
        : Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
