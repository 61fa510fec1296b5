package dev.assay.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.AssayVersion;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The evaluation as a Spark job, run on the driver: reads the dataset with Spark (CSV, gzip'd or
 * not, or Parquet), binds its columns to the model's inputs with the engine's {@link
 * BindingResolver} as a local run does, broadcasts the model's bytes, scores every partition in the
 * executors ({@link PartitionEvaluator}) and merges the partitions' exact accumulators with {@code
 * mapPartitions} + {@code treeReduce}. The result is the engine's {@link EvaluationResult}, the
 * same metrics a local run computes.
 */
public final class EvalJob {
  /** Rows per batch when the spec gives none (as {@code assay eval --batch}). */
  static final int DEFAULT_BATCH = 4096;

  private EvalJob() {}

  /**
   * What to evaluate. Null fields are left to Assay as locally.
   *
   * @param data input paths (local, {@code hdfs://}, {@code s3a://}); one dataset
   * @param format {@code csv}, {@code parquet}, or null to go by the first path's extension
   * @param labelSource {@code label_output} or {@code probabilities}
   * @param extraWarnings warnings the caller found before (put after the binding's own)
   * @param predictions where the driver writes the per-row predictions (the engine's {@code
   *     PredictionsFile}, a local path), or null for none
   * @param predictionsParquet where the executors write the per-row predictions as Parquet (a path
   *     Spark writes: local, {@code hdfs://}, {@code s3a://}; {@value
   *     PredictionsParquet#NEXT_TO_INPUT} for next to the first input), or null for none
   */
  public record Spec(
      String model,
      List<String> data,
      String format,
      String delimiter,
      String target,
      List<String> features,
      List<String> sensitive,
      Binding rememberedBinding,
      String positiveLabel,
      String labelSource,
      boolean softmax,
      String probabilitiesOutput,
      String labelOutput,
      String outputsSource,
      Map<String, String> targetMap,
      String targetMapSource,
      int batchSize,
      boolean allowNonFinite,
      String modelRef,
      String datasetRef,
      List<String> extraWarnings,
      String predictions,
      String predictionsParquet) {}

  /** The result and where it came from (Spark version, master, executors, inputs, job ids). */
  public record Outcome(EvaluationResult result, Map<String, Object> provenance) {}

  public static Outcome run(SparkSession spark, Spec spec) throws IOException {
    return run(spark, spec, Progress.NONE, Cancellation.NONE);
  }

  /**
   * Runs the job, reporting the status tracker's stages and tasks to {@code progress} and
   * cancelling its jobs when {@code cancellation} says so.
   *
   * @throws Cancellation.CancelledException when cancelled
   */
  public static Outcome run(
      SparkSession spark, Spec spec, Progress progress, Cancellation cancellation)
      throws IOException {
    return run(spark, spec, progress, cancellation, null);
  }

  /** More work on the scored partitions (their per-row predictions) before they are dropped. */
  interface AfterScoring {
    /**
     * @param frame the dataset as read
     * @param scored the partitions' results, cached, with their predictions (rows numbered within
     *     the partition)
     * @param offsets per partition, the data rows before it
     */
    void run(Dataset<Row> frame, JavaRDD<Partial> scored, Partial merged, long[] offsets)
        throws Exception;
  }

  /** {@link #run(SparkSession, Spec, Progress, Cancellation)}, then {@code after} (or null). */
  static Outcome run(
      SparkSession spark,
      Spec spec,
      Progress progress,
      Cancellation cancellation,
      AfterScoring after)
      throws IOException {
    Instant started = Instant.now();
    long wallStart = System.nanoTime();
    ObjectMapper json = Json.newMapper();
    Path modelFile = Path.of(spec.model());
    byte[] modelBytes = Files.readAllBytes(modelFile);
    OnnxRuntime runtime = new OnnxRuntime();
    ModelInspection inspection = new OnnxInspector(runtime).inspect(modelFile).inspection();
    boolean regression = ModelMetadata.isRegression(inspection);
    if (after != null && regression) {
      throw new AssayException(
          "--engine spark computes the fairness of classification models, not regression");
    }
    String parquet =
        spec.predictionsParquet() == null
            ? null
            : PredictionsParquet.target(spec.predictionsParquet(), spec.data());
    if (parquet != null) {
      PredictionsParquet.checkAbsent(spark, parquet);
    }
    boolean keepPredictions = spec.predictions() != null || parquet != null || after != null;
    Dataset<Row> frame = read(spark, spec);
    List<String> header = List.of(frame.columns());
    if (!header.contains(spec.target())) {
      throw new AssayException(
          "the dataset has no target column '"
              + spec.target()
              + "'; columns: "
              + String.join(", ", header));
    }
    Set<String> excluded = new HashSet<>(spec.sensitive() == null ? List.of() : spec.sensitive());
    excluded.add(spec.target());
    BindingResolver.Resolved resolved =
        new BindingResolver(json)
            .resolve(inspection, header, spec.features(), spec.rememberedBinding(), excluded);
    Binding binding = resolved.binding();
    if (binding.columns().contains(spec.target())) {
      throw new AssayException(
          "the target column '" + spec.target() + "' is also bound as a model input");
    }
    List<String> warnings = new ArrayList<>(resolved.warnings());
    if (spec.extraWarnings() != null) {
      warnings.addAll(spec.extraWarnings());
    }
    int requested = spec.batchSize() > 0 ? spec.batchSize() : DEFAULT_BATCH;
    int batchSize = binding.fixedBatch() > 0 ? binding.fixedBatch() : requested;
    if (binding.fixedBatch() > 0 && binding.fixedBatch() != requested) {
      warnings.add(
          "the model's batch dimension is fixed at " + batchSize + "; batches of " + batchSize);
    }

    // the target first, then each bound column once
    List<String> selected = new ArrayList<>(List.of(spec.target()));
    binding.columns().stream().filter(c -> !selected.contains(c)).forEach(selected::add);
    int[][] columnIndex = new int[binding.inputs().size()][];
    for (int i = 0; i < columnIndex.length; i++) {
      columnIndex[i] =
          binding.inputs().get(i).columns().stream().mapToInt(selected::indexOf).toArray();
    }
    Column[] columns = selected.stream().map(EvalJob::column).toArray(Column[]::new);
    JavaRDD<Row> rows = frame.select(columns).javaRDD();

    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String sha = Sha256.ofBytes(modelBytes);
    Broadcast<byte[]> model = context.broadcast(modelBytes);
    PartitionEvaluator.Settings settings =
        new PartitionEvaluator.Settings(
            sha,
            json.writeValueAsString(binding),
            columnIndex,
            spec.target(),
            selected,
            metadataLabels(json, inspection),
            spec.softmax(),
            spec.probabilitiesOutput(),
            spec.labelOutput(),
            new HashMap<>(spec.targetMap() == null ? Map.of() : spec.targetMap()),
            spec.positiveLabel(),
            !"probabilities".equals(spec.labelSource()),
            batchSize,
            spec.allowNonFinite(),
            keepPredictions,
            regression);
    String group = "assay-eval-" + sha.substring(0, 12) + "-" + System.nanoTime();
    context.setJobGroup(group, "Assay evaluation of " + modelFile.getFileName(), false);
    Partial merged;
    long predictionRows = -1;
    // rows numbered within partitions: no pass over the input beforehand to count them
    PartitionEvaluator evaluator = new PartitionEvaluator(model, settings);
    JavaRDD<Partial> scored = rows.mapPartitionsWithIndex(evaluator, false);
    if (keepPredictions) {
      // kept serialized: each read is a fresh copy, so treeReduce's in-place merge changes no block
      scored.persist(StorageLevel.MEMORY_AND_DISK_SER());
    }
    try (JobProgress watcher = new JobProgress(context, group, progress, cancellation)) {
      try {
        try {
          merged = scored.map(Partial::forMerge).treeReduce(Partial::merge, 2);
        } catch (Exception e) {
          throw RowErrors.numbered(e, rows, evaluator, watcher);
        }
        if (merged.accumulator == null && merged.regression == null) {
          throw new AssayException("the dataset has no rows with a target value to evaluate");
        }
        long[] offsets = merged.rowOffsets(rows.getNumPartitions());
        merged.numberRows(offsets);
        if (parquet != null) {
          watcher.phase("Parquet predictions");
          PredictionsParquet.write(spark, scored, merged.classLabels, offsets, parquet);
        }
        if (spec.predictions() != null && keepPredictions) {
          watcher.phase("predictions");
          predictionRows =
              writePredictions(scored, merged, offsets, Path.of(spec.predictions()), watcher);
        }
        if (after != null) {
          watcher.phase("fairness");
          after.run(frame, scored, merged, offsets);
        }
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        if (watcher.cancelled()) {
          throw new Cancellation.CancelledException();
        }
        // Spark rethrows a task's failure as a (checked) SparkException
        throw RowErrors.userError(e);
      }
    } finally {
      scored.unpersist(false);
      model.destroy();
    }
    long wallNanos = System.nanoTime() - wallStart;
    if (predictionRows >= 0 && predictionRows != merged.rows) {
      throw new IllegalStateException(
          "the job scored " + merged.rows + " rows but wrote " + predictionRows + " predictions");
    }
    EvaluationResult result =
        Results.assemble(
            merged,
            spec,
            resolved,
            warnings,
            started,
            wallNanos,
            batchSize,
            AssayVersion.version(),
            runtime.version());
    Map<String, Object> extra = new LinkedHashMap<>();
    // what the job was asked for (assay runs import records it as the run's --softmax)
    extra.put("softmax", spec.softmax());
    if (predictionRows >= 0) {
      extra.put("prediction_rows", predictionRows);
    }
    if (parquet != null) {
      extra.put("predictions_parquet", parquet);
    }
    Map<String, Object> provenance =
        Provenance.of(spark, context, rows.getNumPartitions(), group, spec.data(), extra);
    provenance.put("model_sha256", sha);
    return new Outcome(result, provenance);
  }

  /**
   * Writes the partitions' predictions to {@code file} in partition order (row order), fetching one
   * cached partition at a time ({@code toLocalIterator}): the driver never holds more than the
   * largest partition's rows.
   *
   * @return the rows written
   */
  private static long writePredictions(
      JavaRDD<Partial> scored, Partial merged, long[] offsets, Path file, JobProgress watcher)
      throws IOException {
    int rowBytes = PredictionRows.rowBytes(merged.classLabels.size());
    java.util.Iterator<byte[]> chunks =
        scored
            .flatMap(
                p ->
                    p.predictions == null
                        ? java.util.Collections.<byte[]>emptyIterator()
                        : p.predictions.numbered(offsets[p.partition], rowBytes))
            .toLocalIterator();
    java.util.Iterator<byte[]> checked =
        new java.util.Iterator<>() {
          @Override
          public boolean hasNext() {
            if (watcher.cancelled()) {
              throw new Cancellation.CancelledException();
            }
            return chunks.hasNext();
          }

          @Override
          public byte[] next() {
            return chunks.next();
          }
        };
    long bytes = PredictionRows.write(file, merged.classLabels, checked);
    return bytes / rowBytes;
  }

  private static Dataset<Row> read(SparkSession spark, Spec spec) {
    return read(spark, spec.data(), spec.format(), spec.delimiter());
  }

  /**
   * Reads {@code data} as {@code format} ({@code csv}, {@code parquet}, or null to go by the first
   * path's extension), CSV cells as text.
   */
  static Dataset<Row> read(SparkSession spark, List<String> data, String format, String delimiter) {
    String first = data.getFirst().toLowerCase(java.util.Locale.ROOT);
    if (format == null) {
      format = first.endsWith(".parquet") || first.endsWith(".parq") ? "parquet" : "csv";
    }
    String[] paths = data.toArray(String[]::new);
    return switch (format) {
      case "parquet" -> spark.read().parquet(paths);
      case "csv" ->
          spark
              .read()
              .option("header", "true")
              .option("inferSchema", "false")
              .option("sep", delimiter == null ? "," : delimiter)
              .option("mode", "PERMISSIVE")
              .csv(paths);
      default -> throw new AssayException("--format must be csv or parquet, not " + format);
    };
  }

  /** A column by its name as it is (names may hold spaces or dots). */
  static Column column(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  private static ArrayList<String> metadataLabels(ObjectMapper json, ModelInspection inspection) {
    List<String> labels = ModelMetadata.classLabels(inspection, json);
    return labels == null ? null : new ArrayList<>(labels);
  }
}
