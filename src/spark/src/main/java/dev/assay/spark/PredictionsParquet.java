package dev.assay.spark;

import dev.assay.core.AssayException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The per-row predictions as a Parquet dataset, written by Spark's Parquet writer from the
 * executors (each scored partition's cached {@link PredictionRows} becomes one part file; nothing
 * comes back to the driver). The columns are those of {@code assay eval --predictions OUT.csv}:
 * {@code row} (the data row, as locally), {@code actual} and {@code predicted} (the class labels,
 * {@code actual} null for a row without a class; for a regression model the values, as doubles),
 * and per class {@code p_LABEL} (the model's probability as the float it returned, null for a model
 * without probabilities). The spec's path {@value #NEXT_TO_INPUT} writes {@link #nextTo the dataset
 * next to the first input}.
 */
final class PredictionsParquet {
  /** The spec's value for the default path, next to the first input. */
  static final String NEXT_TO_INPUT = "next-to-input";

  private PredictionsParquet() {}

  /**
   * Where the spec's {@code predictions_parquet} writes: the path as given, or for {@value
   * #NEXT_TO_INPUT} the first input's path without its extension ({@code .csv}, {@code .csv.gz},
   * {@code .gz}, {@code .parquet}, {@code .parq}) plus {@code .predictions.parquet} ({@code
   * s3a://b/big.csv} gives {@code s3a://b/big.predictions.parquet}; a folder {@code data/} gives
   * {@code data.predictions.parquet}; a pattern {@code data/part-*.csv} gives {@code
   * data/predictions.parquet}).
   */
  static String target(String asked, List<String> data) {
    return NEXT_TO_INPUT.equals(asked) ? nextTo(data.getFirst()) : asked;
  }

  static String nextTo(String input) {
    String path = input;
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String lower = path.toLowerCase(Locale.ROOT);
    int slash = path.lastIndexOf('/');
    if (path.substring(slash + 1).chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
      return path.substring(0, slash + 1) + "predictions.parquet";
    }
    for (String extension : List.of(".csv.gz", ".csv", ".gz", ".parquet", ".parq")) {
      if (lower.endsWith(extension) && path.length() - extension.length() > slash + 1) {
        path = path.substring(0, path.length() - extension.length());
        break;
      }
    }
    return path + ".predictions.parquet";
  }

  /**
   * Refuses, before any work, a target that exists already (Spark's writer would fail at the end,
   * or overwrite what the user keeps there).
   */
  static void checkAbsent(SparkSession spark, String target) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(target);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(path)) {
      throw new AssayException(
          "the predictions' Parquet output "
              + target
              + " already exists: remove it or name another");
    }
  }

  /** The columns for {@code classLabels} (empty for a regression model). */
  static StructType schema(List<String> classLabels) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("row", DataTypes.LongType, false));
    if (classLabels.isEmpty()) {
      fields.add(DataTypes.createStructField("actual", DataTypes.DoubleType, true));
      fields.add(DataTypes.createStructField("predicted", DataTypes.DoubleType, false));
    } else {
      fields.add(DataTypes.createStructField("actual", DataTypes.StringType, true));
      fields.add(DataTypes.createStructField("predicted", DataTypes.StringType, false));
      for (String label : classLabels) {
        fields.add(DataTypes.createStructField("p_" + label, DataTypes.FloatType, true));
      }
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * Writes the scored partitions' predictions to {@code target} with Spark's Parquet writer, in the
   * executors: a partition's rows get their data-row numbers from {@code offsets}.
   */
  static void write(
      SparkSession spark,
      JavaRDD<Partial> scored,
      List<String> classLabels,
      long[] offsets,
      String target) {
    ArrayList<String> labels = new ArrayList<>(classLabels);
    JavaRDD<Row> rows =
        scored.flatMap(
            p ->
                p.predictions == null
                    ? java.util.Collections.<Row>emptyIterator()
                    : rows(p.predictions, offsets[p.partition], labels));
    spark.createDataFrame(rows, schema(labels)).write().parquet(target);
  }

  /** A partition's rows as Spark rows of {@link #schema}, {@code offset} added to their numbers. */
  static Iterator<Row> rows(PredictionRows predictions, long offset, List<String> labels) {
    int classes = labels.size();
    Iterator<byte[]> chunks = predictions.chunks();
    return new Iterator<>() {
      private ByteBuffer chunk;

      @Override
      public boolean hasNext() {
        while ((chunk == null || !chunk.hasRemaining()) && chunks.hasNext()) {
          chunk = ByteBuffer.wrap(chunks.next());
        }
        return chunk != null && chunk.hasRemaining();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        long row = chunk.getLong() + offset;
        if (classes == 0) {
          double actual = chunk.getDouble();
          double predicted = chunk.getDouble();
          return RowFactory.create(row, Double.isNaN(actual) ? null : actual, predicted);
        }
        Object[] values = new Object[3 + classes];
        values[0] = row;
        int truth = chunk.getInt();
        values[1] = truth < 0 ? null : labels.get(truth);
        values[2] = labels.get(chunk.getInt());
        for (int c = 0; c < classes; c++) {
          float p = chunk.getFloat();
          values[3 + c] = Float.isNaN(p) ? null : p;
        }
        return RowFactory.create(values);
      }
    };
  }
}
