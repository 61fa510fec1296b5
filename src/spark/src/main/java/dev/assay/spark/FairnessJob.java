package dev.assay.spark;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.fairness.FairnessAnalyzer;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.fairness.FairnessTally;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The fairness report of an evaluation as a Spark job (on the driver): the evaluation runs as
 * {@link EvalJob} does (its result and per-row predictions stored as a run), then every partition
 * joins its cached predictions with the same partition's sensitive columns ({@code zipPartitions}:
 * both are the same scan of the input) into the engine's mergeable {@link FairnessTally} (cell
 * counts and exact score counts per combination of sensitive values), the tallies are merged with
 * {@code treeReduce}, and the driver computes the engine's {@link FairnessReport} from the merged
 * tally, as a local {@code assay fairness} computes it from the stored predictions.
 */
public final class FairnessJob {
  /** The {@code job} of a fairness spec. */
  public static final String JOB = "fairness";

  private FairnessJob() {}

  /**
   * What to evaluate and report.
   *
   * @param job {@value #JOB}
   * @param eval the evaluation (its {@code sensitive} is set to the settings' columns)
   * @param settings the report's settings, as a local report's
   */
  public record Spec(String job, EvalJob.Spec eval, FairnessSettings settings) {}

  /** The evaluation and its report (run id 0: the caller stores the run and sets it). */
  public record Outcome(EvalJob.Outcome eval, FairnessReport report) {}

  public static Outcome run(SparkSession spark, Spec spec) throws IOException {
    return run(spark, spec, Progress.NONE, Cancellation.NONE);
  }

  /**
   * Runs the job.
   *
   * @throws AssayException when a sensitive column is not in the data, the model is a regression,
   *     or a class or group named in the settings does not exist
   */
  public static Outcome run(
      SparkSession spark, Spec spec, Progress progress, Cancellation cancellation)
      throws IOException {
    FairnessSettings settings = spec.settings();
    EvalJob.Spec eval = spec.eval();
    Dataset<Row> frame = EvalJob.read(spark, eval.data(), eval.format(), eval.delimiter());
    List<String> header = List.of(frame.columns());
    for (String name : settings.sensitive()) {
      if (!header.contains(name)) {
        throw new AssayException(
            "the dataset "
                + (eval.datasetRef() == null ? String.join(", ", eval.data()) : eval.datasetRef())
                + " has no column '"
                + name
                + "'; columns: "
                + String.join(", ", header));
      }
    }
    FairnessTally[] merged = new FairnessTally[1];
    EvalJob.Outcome outcome =
        EvalJob.run(
            spark,
            eval,
            progress,
            cancellation,
            (data, scored, partial, offsets) -> {
              int[] classes =
                  FairnessAnalyzer.outcomeClasses(
                      partial.classLabels, runPositive(partial), settings);
              Column[] columns =
                  settings.sensitive().stream().map(EvalJob::column).toArray(Column[]::new);
              JavaRDD<Row> sensitive = data.select(columns).javaRDD();
              merged[0] =
                  scored
                      .zipPartitions(
                          sensitive,
                          new Join(
                              settings.sensitive().size(),
                              classes[0],
                              classes[1],
                              partial.classLabels.size(),
                              offsets))
                      .treeReduce(FairnessTally::merge, 2);
            });
    EvaluationResult result = outcome.result();
    FairnessReport report =
        new FairnessAnalyzer()
            .analyse(
                new FairnessAnalyzer.RunInputs(
                    0,
                    eval.modelRef(),
                    eval.datasetRef(),
                    eval.target(),
                    result.task(),
                    result.classOrder(),
                    result.positiveLabel(),
                    result.labelSource(),
                    null,
                    null),
                merged[0],
                settings,
                Instant.now(),
                System.getProperty("user.name"));
    return new Outcome(outcome, report);
  }

  /** The positive class the run's result will name (binary: the accumulator's), else null. */
  private static String runPositive(Partial merged) {
    return merged.classLabels.size() == 2 ? merged.accumulator.snapshot().positiveLabel() : null;
  }

  /** One partition's predictions joined with its sensitive cells, into a tally. */
  private static final class Join
      implements FlatMapFunction2<Iterator<Partial>, Iterator<Row>, FairnessTally> {
    private static final long serialVersionUID = 1L;
    private final int columns;
    private final int positive;
    private final int favorable;
    private final int classes;
    private final long[] offsets;

    Join(int columns, int positive, int favorable, int classes, long[] offsets) {
      this.columns = columns;
      this.positive = positive;
      this.favorable = favorable;
      this.classes = classes;
      this.offsets = offsets;
    }

    @Override
    public Iterator<FairnessTally> call(Iterator<Partial> partials, Iterator<Row> rows) {
      FairnessTally tally = new FairnessTally(columns, positive, favorable);
      if (!partials.hasNext()) {
        return Collections.emptyIterator();
      }
      Partial partial = partials.next();
      long offset = offsets[partial.partition];
      Iterator<byte[]> chunks =
          partial.predictions == null ? Collections.emptyIterator() : partial.predictions.chunks();
      int rowBytes = 16 + 4 * classes;
      ByteBuffer chunk = null;
      long local = 0;
      String[] texts = new String[columns];
      while (rows.hasNext()) {
        Row row = rows.next();
        local++;
        for (int c = 0; c < columns; c++) {
          Object cell = row.get(c);
          texts[c] = cell == null ? null : cell.toString();
        }
        while ((chunk == null || !chunk.hasRemaining()) && chunks.hasNext()) {
          chunk = ByteBuffer.wrap(chunks.next());
        }
        if (chunk != null && chunk.hasRemaining() && chunk.getLong(chunk.position()) == local) {
          int at = chunk.position();
          int trueClass = chunk.getInt(at + 8);
          int predicted = chunk.getInt(at + 12);
          float score = chunk.getFloat(at + 16 + 4 * positive);
          chunk.position(at + rowBytes);
          tally.addPrediction(texts, offset + local, trueClass, predicted, score);
        } else {
          tally.addRow(texts, offset + local);
        }
      }
      if ((chunk != null && chunk.hasRemaining()) || chunks.hasNext()) {
        throw new IllegalStateException(
            "partition " + partial.partition + " has predictions beyond its " + local + " rows");
      }
      return List.of(tally.seal()).iterator();
    }
  }
}
