package dev.assay.core.eval;

import dev.assay.core.inference.Binding;
import dev.assay.core.inference.OutputsUsed;
import dev.assay.core.inference.ProbabilityCheck;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.RegressionMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation run, as stored with the run and printed by {@code assay eval
 * --json}.
 *
 * @param metrics the flat metric map (keys as in {@code assay eval --json})
 * @param classification full classification metrics with curves, or null for regression
 * @param regression regression metrics, or null for classification
 * @param agreement label output versus probabilities, or null when the model lacks one of them
 * @param reading which outputs were read and why, the target map, and the check of every row read
 *     as probabilities; null in runs stored before it was recorded
 */
public record EvaluationResult(
    Run run,
    String task,
    List<String> classOrder,
    String positiveLabel,
    String labelSource,
    Binding binding,
    String bindingSource,
    long rows,
    long skippedRows,
    long missingFeatureCells,
    Map<String, Object> metrics,
    ClassificationMetrics classification,
    RegressionMetrics regression,
    Agreement agreement,
    List<String> warnings,
    Reading reading) {

  /**
   * Whether the run read a target: false for a run scored without one ({@code assay eval
   * --no-target}), whose {@code metrics} map is empty and whose run's {@code target} is null.
   */
  public boolean labelled() {
    return run.target() != null;
  }

  /**
   * How the run read the model and the target.
   *
   * @param outputs the outputs read and why
   * @param outputsSource {@code option}, {@code remembered} or {@code automatic}
   * @param targetMap target values mapped onto classes (empty when none)
   * @param targetMapSource {@code option}, {@code remembered}, {@code model metadata} or {@code
   *     none}
   * @param probabilityCheck rows read as probabilities that are not distributions, or null
   */
  public record Reading(
      OutputsUsed outputs,
      String outputsSource,
      Map<String, String> targetMap,
      String targetMapSource,
      ProbabilityCheck.Summary probabilityCheck) {}

  /** Identity, provider and timings of the run. */
  public record Run(
      long id,
      String status,
      String model,
      String dataset,
      String target,
      String providerRequested,
      String provider,
      int batchSize,
      int threads,
      Instant startedAt,
      Instant endedAt,
      double wallSeconds,
      double rowsPerSecond,
      double latencyP50Ms,
      double latencyP95Ms,
      double latencyP99Ms,
      long peakHeapBytes,
      String assayVersion,
      String onnxRuntimeVersion,
      String jdk,
      String os) {}

  /**
   * Whether the label output and the labels derived from the probabilities agree.
   *
   * @param examples up to ten disagreeing rows
   */
  public record Agreement(long compared, long disagreements, List<Disagreement> examples) {
    public double rate() {
      return compared == 0 ? 0 : (double) disagreements / compared;
    }
  }

  /** One row where the label output and the probabilities disagree. */
  public record Disagreement(
      long row, String labelOutput, String fromProbabilities, List<Float> probabilities) {}
}
