package dev.assay.spark;

import dev.assay.testing.TestModels;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Spark benchmark (README "Scale-out on Spark"): N rows (default 10,000,000) of HMDA-like data
 * (the real rows resampled with 5 % jitter on the continuous columns, seed 42, plus a score column)
 * written once as CSV; then on {@code local[1]} and {@code local[2]}: Assay's whole job (read,
 * bind, score with the hmda-deny v2 model, exact metrics) against MLlib's {@code
 * BinaryClassificationEvaluator} (areaUnderROC) on the same CSV's label and score. Run with
 *
 * <pre>
 * ./mvnw -o test -pl src/spark -am -Dtest=SparkBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dassay.bench.spark=true [-Dassay.bench.rows=10000000] [-Dassay.bench.predictions=true] \
 *   [-Dassay.bench.masters=local[2],local[1]] [-Dassay.bench.mllib=true]
 * </pre>
 *
 * With {@code assay.bench.predictions}, the job runs once more writing the per-row predictions file
 * on the driver (what {@code assay eval --engine spark} stores), and its time and size are added.
 *
 * <p>Results go to {@code src/spark/target/bench/spark-results.txt}.
 */
@EnabledIfSystemProperty(named = "assay.bench.spark", matches = "true")
class SparkBenchmark {
  @Test
  void run() throws Exception {
    long rows = Long.getLong("assay.bench.rows", 10_000_000L);
    Path out = TestModels.repoRoot().resolve("src/spark/target/bench");
    Files.createDirectories(out);
    Path csv = out.resolve("hmda-" + rows + ".csv");
    if (!Files.exists(csv)) {
      generate(TestModels.repoRoot().resolve("models/data/hmda_train.csv"), csv, rows);
    }
    List<String> lines = new ArrayList<>();
    lines.add("rows " + rows + ", csv " + Files.size(csv) + " bytes");
    for (String master :
        System.getProperty("assay.bench.masters", "local[2],local[1]").split(",")) {
      SparkSession spark =
          SparkSession.builder()
              .master(master)
              .appName("assay-bench")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .getOrCreate();
      try {
        long t0 = System.nanoTime();
        var outcome =
            EvalJob.run(
                spark,
                SparkEvalLocalTest.spec(
                    TestModels.sample("hmda-deny-v2.onnx").toString(),
                    List.of(csv.toString()),
                    null,
                    "deny"));
        double assay = (System.nanoTime() - t0) / 1e9;
        lines.add(
            String.format(
                Locale.ROOT,
                "%s assay job (read, bind, score, exact metrics): %.1f s, roc_auc %s, rows %d",
                master,
                assay,
                outcome.result().metrics().get("roc_auc"),
                outcome.result().rows()));
        long tw = System.nanoTime();
        EvalJob.run(
            spark,
            SparkEvalLocalTest.spec(
                TestModels.sample("hmda-deny-v2.onnx").toString(),
                List.of(csv.toString()),
                null,
                "deny"));
        lines.add(
            String.format(
                Locale.ROOT,
                "%s assay job again (warm): %.1f s",
                master,
                (System.nanoTime() - tw) / 1e9));
        // the pass the job ran before it numbered rows within partitions: zipWithIndex counts the
        // rows of every partition but the last, reading the input once more
        long tc = System.nanoTime();
        spark
            .read()
            .option("header", "true")
            .csv(csv.toString())
            .drop("score")
            .javaRDD()
            .zipWithIndex();
        lines.add(
            String.format(
                Locale.ROOT,
                "%s zipWithIndex's row-count pass (no longer run by the job): %.1f s",
                master,
                (System.nanoTime() - tc) / 1e9));
        if (Boolean.getBoolean("assay.bench.predictions")) {
          Path predictions = out.resolve("predictions.pred");
          long tp = System.nanoTime();
          var withRows =
              EvalJob.run(
                  spark,
                  SparkEvalLocalTest.spec(
                      TestModels.sample("hmda-deny-v2.onnx").toString(),
                      List.of(csv.toString()),
                      null,
                      "deny",
                      predictions.toString()));
          double seconds = (System.nanoTime() - tp) / 1e9;
          lines.add(
              String.format(
                  Locale.ROOT,
                  "%s assay job with per-row predictions: %.1f s (%+.1f s), %d rows, file %d bytes",
                  master,
                  seconds,
                  seconds - assay,
                  withRows.provenance().get("prediction_rows"),
                  Files.size(predictions)));
          Files.delete(predictions);
        }
        if (!Boolean.parseBoolean(System.getProperty("assay.bench.mllib", "true"))) {
          continue;
        }
        long t1 = System.nanoTime();
        Dataset<Row> frame =
            spark
                .read()
                .option("header", "true")
                .csv(csv.toString())
                .select(
                    functions.col("deny").cast("double").alias("label"),
                    functions.col("score").cast("double").alias("rawPrediction"));
        double auc =
            new BinaryClassificationEvaluator().setMetricName("areaUnderROC").evaluate(frame);
        double mllib = (System.nanoTime() - t1) / 1e9;
        lines.add(
            String.format(
                Locale.ROOT,
                "%s mllib BinaryClassificationEvaluator areaUnderROC: %.1f s (auc %.6f); ratio %.2fx",
                master,
                mllib,
                auc,
                mllib / assay));
      } finally {
        spark.stop();
      }
      System.out.println(String.join("\n", lines));
    }
    Files.write(out.resolve("spark-results.txt"), lines);
  }

  /** Resamples the real rows with 5 % jitter on the continuous columns; adds a score column. */
  static void generate(Path source, Path target, long rows) throws IOException {
    List<String> lines = Files.readAllLines(source);
    String header = lines.getFirst();
    List<String[]> data = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      data.add(line.split(","));
    }
    Random random = new Random(42);
    try (BufferedWriter w = Files.newBufferedWriter(target)) {
      w.write(header + ",score\n");
      StringBuilder b = new StringBuilder();
      for (long r = 0; r < rows; r++) {
        String[] row = data.get(random.nextInt(data.size()));
        b.setLength(0);
        double z = 0;
        for (int c = 0; c < row.length; c++) {
          String cell = row[c];
          if (c < 3 || c == 6) {
            double v = Double.parseDouble(cell) * (1 + 0.05 * random.nextGaussian());
            cell = Float.toString((float) v);
            z += v;
          }
          b.append(cell).append(',');
        }
        b.append(Float.toString((float) (1 / (1 + Math.exp(-(z - 5) + random.nextGaussian())))));
        w.write(b.append('\n').toString());
      }
    }
  }
}
