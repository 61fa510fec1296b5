package dev.assay.core.eval;

import dev.assay.core.AssayException;
import java.time.Instant;

/**
 * A stored evaluation run as listed.
 *
 * @param target the target column, or null for a run scored without one ({@code assay eval
 *     --no-target}: predictions and output statistics, no label metrics)
 * @param resultJson the run's result document (metrics, timings, warnings) as JSON, or null while
 *     running
 */
public record RunSummary(
    long id,
    long modelVersionId,
    String model,
    long datasetId,
    String dataset,
    String target,
    String providerRequested,
    String providerUsed,
    int batchSize,
    RunStatus status,
    Instant startedAt,
    Instant endedAt,
    String startedBy,
    Long rows,
    String error,
    String resultJson) {

  /** Whether the run read a target column (false: scored without labels). */
  public boolean labelled() {
    return target != null;
  }

  /**
   * This run, or a one-line refusal when it was scored without a target.
   *
   * @param analysis what needs the labels, as the refusal names it ("a fairness report")
   */
  public RunSummary requireLabels(String analysis) {
    if (!labelled()) {
      throw new AssayException(
          "run "
              + id
              + " was scored without a target (assay eval --no-target): "
              + analysis
              + " needs labels; evaluate with --target COL");
    }
    return this;
  }
}
