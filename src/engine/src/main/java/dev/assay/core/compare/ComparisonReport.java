package dev.assay.core.compare;

import java.time.Instant;
import java.util.List;

/**
 * A finished comparison as stored (JSON) and printed by {@code assay compare --json}: the runs it
 * made, the metric differences with their significance, and the disagreement between versions. The
 * first model is the baseline; every difference is another model minus the baseline.
 *
 * @param id the stored comparison's id (0 before it is stored)
 * @param rows rows every model saw
 * @param deltas metric differences, per challenger in model order
 * @param disagreements one per challenger: how its predictions differ from the baseline's
 * @param resamples bootstrap resamples used
 * @param seed bootstrap seed
 * @param tolerance tolerance of the numerical-equivalence check
 * @param wallSeconds time of the shared pass over the data
 * @param rowsPerSecond rows per second of the shared pass
 */
public record ComparisonReport(
    long id,
    Instant createdAt,
    String dataset,
    String target,
    String positiveLabel,
    List<String> classOrder,
    long rows,
    List<ModelRun> models,
    List<MetricDelta> deltas,
    List<Disagreement> disagreements,
    int resamples,
    long seed,
    double tolerance,
    double wallSeconds,
    double rowsPerSecond,
    List<String> warnings) {

  /** Verdict of a difference whose p-value is below 0.05. */
  public static final String REAL = "real difference";

  /** Verdict of a difference whose p-value is 0.05 or more. */
  public static final String NOISE = "within noise";

  /** Verdict when the test could not be computed. */
  public static final String UNKNOWN = "not available";

  /** The same report with its stored id. */
  public ComparisonReport withId(long newId) {
    return new ComparisonReport(
        newId,
        createdAt,
        dataset,
        target,
        positiveLabel,
        classOrder,
        rows,
        models,
        deltas,
        disagreements,
        resamples,
        seed,
        tolerance,
        wallSeconds,
        rowsPerSecond,
        warnings);
  }

  /**
   * One model's run in the comparison (a normal evaluation run, see {@code RunStore}).
   *
   * @param inferenceSeconds time spent in this model's ONNX Runtime calls
   */
  public record ModelRun(
      String label,
      String model,
      String providerRequested,
      String provider,
      long runId,
      double inferenceSeconds,
      double inferenceRowsPerSecond,
      double latencyP50Ms,
      double latencyP95Ms,
      double latencyP99Ms,
      long[] latencyCounts) {}

  /**
   * The difference of one metric between a model and the baseline.
   *
   * @param difference model minus baseline
   * @param ciLow lower end of the 95% interval of the difference
   * @param ciHigh upper end of the 95% interval of the difference
   * @param test {@code mcnemar_exact}, {@code mcnemar_chi2}, {@code delong} or {@code
   *     paired_bootstrap}
   * @param verdict {@link #REAL}, {@link #NOISE} or {@link #UNKNOWN}
   */
  public record MetricDelta(
      String baseline,
      String model,
      String metric,
      double baselineValue,
      double value,
      double difference,
      double ciLow,
      double ciHigh,
      double pValue,
      String test,
      String verdict) {}

  /**
   * How a model's predictions differ from the baseline's.
   *
   * @param rate share of rows whose predicted labels differ
   * @param flipsToCorrect rows the baseline got wrong and the model right
   * @param flipsToWrong rows the baseline got right and the model wrong
   * @param bothWrong rows both got wrong with different labels
   * @param rowsListed up to 1,000 disagreeing rows (all of them export as CSV from the runs)
   * @param largestChanges the rows with the largest probability changes
   * @param equivalence the numerical-equivalence check of the probability outputs, or null without
   *     probabilities
   */
  public record Disagreement(
      String baseline,
      String model,
      long baselineRunId,
      long modelRunId,
      long rows,
      long disagreements,
      double rate,
      long flipsToCorrect,
      long flipsToWrong,
      long bothWrong,
      List<DisagreementRow> rowsListed,
      List<ProbabilityChange> largestChanges,
      Equivalence equivalence) {}

  /**
   * One row whose predicted labels differ.
   *
   * @param row the data-row number
   * @param change {@code to_correct}, {@code to_wrong} or {@code both_wrong}
   */
  public record DisagreementRow(
      long row, String truth, String baselinePrediction, String modelPrediction, String change) {}

  /**
   * A row whose class probabilities changed the most.
   *
   * @param label the class whose probability changed the most
   * @param change model minus baseline probability of that class
   */
  public record ProbabilityChange(
      long row,
      String truth,
      String label,
      double baselineProbability,
      double modelProbability,
      double change) {}

  /**
   * Whether two versions' probability outputs agree within a tolerance.
   *
   * @param valuesCompared rows x classes compared
   */
  public record Equivalence(
      double maxAbsDifference,
      double meanAbsDifference,
      double tolerance,
      boolean pass,
      long valuesCompared) {}
}
