package dev.assay.spark;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.drift.CurrentSummary;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.ProfileCodec;
import dev.assay.core.drift.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Drift of a current dataset against a model version's stored reference profile as a Spark job (on
 * the driver): the profile is read with the engine's {@link ProfileCodec}, an empty {@link
 * CurrentSummary} of the features (with the sketches of the sketched ones) is broadcast, every
 * partition fills its own copy in the executors ({@code mapPartitions}), the copies are merged with
 * {@code treeReduce}, and the driver runs the engine's statistics ({@link CurrentSummary#report})
 * as a local {@code assay drift --model} does. Only the current data is read.
 */
public final class DriftJob {
  /** The {@code job} of a drift spec (an evaluation spec has none). */
  public static final String JOB = "drift";

  private DriftJob() {}

  /**
   * What to compare.
   *
   * @param job {@value #JOB}
   * @param profile the stored reference profile's file ({@link ProfileCodec}), readable by the
   *     driver
   * @param profileSha256 its SHA-256, checked before use (null: not checked)
   * @param data input paths of the current data (local, {@code hdfs://}, {@code s3a://})
   * @param format {@code csv}, {@code parquet}, or null to go by the first path's extension
   * @param features the columns to compare and how (as the reference dataset's column types say)
   */
  public record Spec(
      String job,
      String profile,
      String profileSha256,
      List<String> data,
      String format,
      String delimiter,
      List<FeatureReader.Feature> features,
      DriftSettings settings,
      String modelRef,
      String datasetRef) {}

  /** The report and where it came from. */
  public record Outcome(DriftReport report, Map<String, Object> provenance) {}

  public static Outcome run(SparkSession spark, Spec spec) throws IOException {
    return run(spark, spec, Progress.NONE, Cancellation.NONE);
  }

  /**
   * Runs the job, reporting the status tracker's stages and tasks to {@code progress}.
   *
   * @throws AssayException when the profile is missing or changed or a column is not in the data
   * @throws Cancellation.CancelledException when cancelled
   */
  public static Outcome run(
      SparkSession spark, Spec spec, Progress progress, Cancellation cancellation)
      throws IOException {
    if (spec.features() == null || spec.features().isEmpty()) {
      throw new AssayException("the drift job names no features");
    }
    Path file = Path.of(spec.profile());
    if (!Files.isRegularFile(file)) {
      throw new AssayException("the drift profile " + file + " is missing");
    }
    if (spec.profileSha256() != null && !spec.profileSha256().equals(Sha256.ofFile(file))) {
      throw new AssayException("the drift profile " + file + " was changed outside Assay");
    }
    List<FeatureReader.Feature> features = spec.features();
    List<String> names = features.stream().map(FeatureReader.Feature::name).toList();
    ReferenceProfile profile;
    try {
      profile = ProfileCodec.read(file, names);
    } catch (ProfileCodec.DamagedException | IllegalArgumentException e) {
      throw new AssayException(e.getMessage(), e);
    }
    DriftSettings settings = spec.settings() == null ? DriftSettings.DEFAULTS : spec.settings();
    CurrentSummary empty;
    try {
      empty = CurrentSummary.of(profile, features);
    } catch (IllegalArgumentException e) {
      throw new AssayException(e.getMessage(), e);
    }
    Dataset<Row> frame = EvalJob.read(spark, spec.data(), spec.format(), spec.delimiter());
    List<String> header = List.of(frame.columns());
    for (String name : names) {
      if (!header.contains(name)) {
        throw new AssayException(
            "column '"
                + name
                + "' is not in dataset "
                + (spec.datasetRef() == null ? String.join(", ", spec.data()) : spec.datasetRef()));
      }
    }
    Column[] columns = names.stream().map(EvalJob::column).toArray(Column[]::new);
    JavaRDD<Row> rows = frame.select(columns).javaRDD();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<byte[]> start = context.broadcast(empty.toBytes());
    String group = "assay-drift-" + System.nanoTime();
    context.setJobGroup(group, "Assay drift against " + file.getFileName(), false);
    CurrentSummary merged;
    try (JobProgress watcher = new JobProgress(context, group, progress, cancellation)) {
      try {
        merged =
            rows.mapPartitions(new Summarise(start)).treeReduce(DriftPartial::merge, 2).summary;
      } catch (Exception e) {
        if (watcher.cancelled()) {
          throw new Cancellation.CancelledException();
        }
        throw RowErrors.userError(e);
      }
    } finally {
      start.destroy();
    }
    DriftReport report;
    try {
      report = merged.report(profile, settings);
    } catch (IllegalArgumentException e) {
      throw new AssayException(e.getMessage(), e);
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("profile_sha256", Sha256.ofFile(file));
    Map<String, Object> provenance =
        Provenance.of(spark, context, rows.getNumPartitions(), group, spec.data(), extra);
    return new Outcome(report, provenance);
  }

  /** One partition's rows into a copy of the broadcast empty summary. */
  private static final class Summarise
      implements org.apache.spark.api.java.function.FlatMapFunction<
          java.util.Iterator<Row>, DriftPartial> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> start;

    Summarise(Broadcast<byte[]> start) {
      this.start = start;
    }

    @Override
    public java.util.Iterator<DriftPartial> call(java.util.Iterator<Row> rows) {
      CurrentSummary summary = CurrentSummary.fromBytes(start.value());
      int width = summary.features().size();
      while (rows.hasNext()) {
        Row row = rows.next();
        for (int i = 0; i < width; i++) {
          Object cell = row.get(i);
          if (cell instanceof Number n) {
            summary.addNumber(i, n.doubleValue());
          } else {
            summary.addText(i, cell == null ? null : cell.toString());
          }
        }
      }
      return List.of(new DriftPartial(summary)).iterator();
    }
  }

  /** A summary as Spark ships it: in the engine's exact binary form. */
  static final class DriftPartial implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    transient CurrentSummary summary;

    DriftPartial(CurrentSummary summary) {
      this.summary = summary;
    }

    DriftPartial merge(DriftPartial other) {
      summary.merge(other.summary);
      return this;
    }

    private void writeObject(java.io.ObjectOutputStream out) throws IOException {
      byte[] bytes = summary.toBytes();
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    private void readObject(java.io.ObjectInputStream in) throws IOException {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      summary = CurrentSummary.fromBytes(bytes);
    }
  }
}
