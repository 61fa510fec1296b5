package dev.assay.core.eval;

import dev.assay.core.AssayVersion;
import dev.assay.core.metrics.LatencySummary;
import java.time.Instant;
import java.util.List;

/**
 * The last step of an evaluation ({@link EvaluationRunner}), once every row is scored: the warnings
 * the row counts give and the stored run's record (timings, latency, environment).
 */
final class ScoredRun {
  private ScoredRun() {}

  /**
   * Adds what the scored rows' counts say (skipped targets, missing and infinite cells, agreement).
   */
  static void addCountWarnings(RunState state, long nonFinite, List<String> warnings) {
    if (state.missingTargets > 0) {
      warnings.add(state.missingTargets + " rows without a target value were skipped");
    }
    if (state.missingCells > 0) {
      warnings.add(
          state.missingCells
              + " missing feature cells were passed to the model as NaN (0 for integer inputs)");
    }
    if (nonFinite > 0) {
      warnings.add(
          nonFinite + " infinite feature cells were passed to the model (--allow-nonfinite)");
    }
    if (state.agreement != null && state.agreement.disagreements > 0) {
      warnings.addFirst(
          "the label output and the probabilities disagree on "
              + state.agreement.disagreements
              + " of "
              + state.agreement.compared
              + " rows (see agreement)");
    }
  }

  /** The completed run's record. */
  static EvaluationResult.Run record(
      long runId,
      EvaluationRequest request,
      String sessionProvider,
      int batchSize,
      Instant started,
      Instant finished,
      long wallNanos,
      RunState state,
      String runtimeVersion) {
    LatencySummary latency = state.latency.snapshot(wallNanos);
    return new EvaluationResult.Run(
        runId,
        RunStatus.COMPLETED.id(),
        request.model().ref(),
        request.dataset().ref(),
        request.target(),
        request.provider().id(),
        sessionProvider,
        batchSize,
        request.threads(),
        started,
        finished,
        wallNanos / 1e9,
        state.rows / (wallNanos / 1e9),
        latency.p50Millis(),
        latency.p95Millis(),
        latency.p99Millis(),
        state.peakHeap,
        AssayVersion.version(),
        runtimeVersion,
        Runtime.version().toString(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
  }
}
