package dev.assay.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.AssayException;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The job's entry point: {@code SparkEval SPEC.json RESULT.json [MASTER]}. Reads an {@link
 * EvalJob.Spec} as JSON, runs it on the session's master ({@code spark-submit --master ...}, or the
 * third argument), and writes {@code {"engine": "spark", "spark": {provenance}, "result": {the
 * engine's EvaluationResult}}}, which {@code assay runs import} and {@code assay eval --engine
 * spark} store as a run. A refused input exits 1 with one line on stderr.
 */
public final class SparkEval {
  private SparkEval() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SparkEval SPEC.json RESULT.json [MASTER]");
      System.exit(2);
    }
    ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    EvalJob.Spec spec = json.readValue(Path.of(args[0]).toFile(), EvalJob.Spec.class);
    SparkConf conf = new SparkConf().setAppName("assay-eval");
    if (args.length > 2) {
      conf.setMaster(args[2]);
    }
    // nothing of Spark SQL's warehouse in the working folder
    conf.setIfMissing(
        "spark.sql.warehouse.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "assay-spark-warehouse").toUri().toString());
    String jobJar = System.getProperty("assay.spark.jobJar");
    if (jobJar != null && !jobJar.isBlank()) {
      conf.set("spark.jars", jobJar);
    }
    int code = 0;
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      EvalJob.Outcome outcome = EvalJob.run(spark, spec);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("engine", "spark");
      doc.put("spark", outcome.provenance());
      doc.put("result", outcome.result());
      Files.writeString(Path.of(args[1]), json.writeValueAsString(doc) + "\n");
    } catch (AssayException e) {
      System.err.println("assay: " + e.getMessage());
      code = 1;
    } finally {
      spark.stop();
    }
    System.exit(code);
  }
}
