package dev.assay.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.drift.DriftReportJson;
import dev.assay.core.eval.JobResultFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The job's entry point: {@code SparkEval SPEC.json RESULT.json|FOLDER [MASTER]}. Reads an {@link
 * EvalJob.Spec} as JSON, runs it on the session's master ({@code spark-submit --master ...}, or the
 * third argument), and writes {@code {"engine": "spark", "spark": {provenance}, "result": {the
 * engine's EvaluationResult}}}, which {@code assay runs import} and {@code assay eval --engine
 * spark} store as a run, and the per-row predictions where the spec's {@code predictions} says. A
 * refused input exits 1 with one line on stderr. Given an existing folder instead of RESULT.json (a
 * site's own {@code spark-submit}), the job writes the per-row predictions and then the result into
 * it ({@link JobResultFolder}: the result moved into place last), for {@code assay runs import
 * FOLDER}. While it runs, the status tracker's stages and tasks go to stdout as lines {@value
 * #PROGRESS} {@code DONE TOTAL MESSAGE} (Spark logs on stderr). On SIGINT or SIGTERM (Ctrl-C) a
 * shutdown hook cancels the running jobs ({@code cancelAllJobs}), so a cluster stops working for
 * it, and the job exits 130.
 *
 * <p>A spec with {@code "job": "drift"} is a {@link DriftJob.Spec} instead: the job compares the
 * current data with a stored reference profile and writes {@code {"engine": "spark", "spark":
 * {provenance}, "report": {the engine's DriftReport}}} ({@code DriftReportJson}; into {@code
 * result.json} when given a folder), which {@code assay drift --engine spark} reads back. A spec
 * with {@code "job": "fairness"} is a {@link FairnessJob.Spec}: the evaluation and then its
 * fairness report, written as {@code {"engine", "spark", "result", "report": {the engine's
 * FairnessReport}}}, which {@code assay fairness --engine spark} stores.
 */
public final class SparkEval {
  /** The start of a progress line on stdout. */
  public static final String PROGRESS = "assay-progress:";

  /** The exit code of a cancelled job (as a shell reports SIGINT). */
  public static final int CANCELLED = 130;

  private SparkEval() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SparkEval SPEC.json RESULT.json [MASTER]");
      System.exit(2);
    }
    ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    com.fasterxml.jackson.databind.JsonNode tree = json.readTree(Path.of(args[0]).toFile());
    boolean fairness = FairnessJob.JOB.equals(tree.path("job").asText(null));
    FairnessJob.Spec fairnessSpec =
        fairness ? json.treeToValue(tree, FairnessJob.Spec.class) : null;
    // a fairness spec holds an evaluation spec: the job writes its predictions and result as one
    boolean drift = DriftJob.JOB.equals(tree.path("job").asText(null));
    EvalJob.Spec spec =
        drift ? null : fairness ? fairnessSpec.eval() : json.treeToValue(tree, EvalJob.Spec.class);
    DriftJob.Spec driftSpec = drift ? json.treeToValue(tree, DriftJob.Spec.class) : null;
    Path out = Path.of(args[1]);
    boolean folder = Files.isDirectory(out);
    if (folder && (drift || fairness)) {
      Files.deleteIfExists(out.resolve(JobResultFolder.RESULT));
      out = out.resolve(JobResultFolder.RESULT);
      folder = false;
    } else if (folder) {
      Files.deleteIfExists(out.resolve(JobResultFolder.RESULT));
      if (spec.predictions() == null) {
        spec = withPredictions(spec, out.resolve(JobResultFolder.PREDICTIONS).toString());
      }
    }
    SparkConf conf = new SparkConf().setAppName("assay-eval");
    if (args.length > 2) {
      conf.setMaster(args[2]);
    }
    // nothing of Spark SQL's warehouse in the working folder
    conf.setIfMissing(
        "spark.sql.warehouse.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "assay-spark-warehouse").toUri().toString());
    // s3a:// input: the endpoint, region and profile of the environment, as datasets import reads
    ObjectStoreConf.fromEnvironment(System.getenv()).forEach(conf::setIfMissing);
    String jobJar = System.getProperty("assay.spark.jobJar");
    if (jobJar != null && !jobJar.isBlank()) {
      conf.set("spark.jars", jobJar);
    }
    int code = 0;
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    AtomicBoolean shuttingDown = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              shuttingDown.set(true);
              try {
                spark.sparkContext().cancelAllJobs();
              } catch (IllegalStateException stopped) {
                // Spark's own shutdown hook stopped the context first: its jobs ended with it
              }
              try {
                done.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "assay-spark-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("engine", "spark");
      if (drift) {
        DriftJob.Outcome outcome =
            DriftJob.run(spark, driftSpec, SparkEval::progress, shuttingDown::get);
        doc.put("spark", outcome.provenance());
        doc.put("report", DriftReportJson.toTree(outcome.report()));
        Files.writeString(out, json.writeValueAsString(doc) + "\n");
      } else if (fairness) {
        FairnessJob.Outcome outcome =
            FairnessJob.run(spark, fairnessSpec, SparkEval::progress, shuttingDown::get);
        doc.put("spark", outcome.eval().provenance());
        doc.put("result", outcome.eval().result());
        doc.put("report", outcome.report());
        Files.writeString(out, json.writeValueAsString(doc) + "\n");
      } else {
        EvalJob.Outcome outcome = EvalJob.run(spark, spec, SparkEval::progress, shuttingDown::get);
        if (folder) {
          JobResultFolder.writeResult(out, "spark", outcome.provenance(), outcome.result(), json);
        } else {
          doc.put("spark", outcome.provenance());
          doc.put("result", outcome.result());
          Files.writeString(out, json.writeValueAsString(doc) + "\n");
        }
      }
    } catch (Cancellation.CancelledException e) {
      System.err.println("assay: the Spark job was cancelled");
      code = CANCELLED;
    } catch (AssayException e) {
      System.err.println("assay: " + e.getMessage());
      code = shuttingDown.get() ? CANCELLED : 1;
    } finally {
      if (!shuttingDown.get()) {
        spark.stop();
      }
      done.countDown();
    }
    if (!shuttingDown.get()) {
      // (System.exit during the shutdown sequence would wait for it forever)
      Runtime.getRuntime().removeShutdownHook(hook);
      System.exit(code);
    }
  }

  private static EvalJob.Spec withPredictions(EvalJob.Spec s, String predictions) {
    return new EvalJob.Spec(
        s.model(),
        s.data(),
        s.format(),
        s.delimiter(),
        s.target(),
        s.features(),
        s.sensitive(),
        s.rememberedBinding(),
        s.positiveLabel(),
        s.labelSource(),
        s.softmax(),
        s.probabilitiesOutput(),
        s.labelOutput(),
        s.outputsSource(),
        s.targetMap(),
        s.targetMapSource(),
        s.batchSize(),
        s.allowNonFinite(),
        s.modelRef(),
        s.datasetRef(),
        s.extraWarnings(),
        predictions,
        s.predictionsParquet());
  }

  private static void progress(long done, long total, String message) {
    System.out.println(PROGRESS + " " + done + " " + total + " " + message);
    System.out.flush();
  }
}
