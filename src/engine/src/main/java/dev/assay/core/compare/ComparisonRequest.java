package dev.assay.core.compare;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import java.util.List;

/**
 * What to compare: two or more contenders (the first is the baseline) on one dataset and target;
 * each model uses its remembered binding.
 *
 * @param positiveLabel the positive class for binary metrics, or null for the second class
 * @param batchSize rows per ONNX Runtime call (0 for the default)
 * @param threads ONNX Runtime intra-op threads per session; 0 for its default
 * @param tolerance largest absolute output difference for versions to count as numerically
 *     equivalent
 * @param resamples bootstrap resamples (reduced on large datasets, see {@link
 *     PairedBootstrap#budgeted})
 * @param seed bootstrap seed
 * @param snapshotMillis least time between two live snapshots
 */
public record ComparisonRequest(
    List<Contender> contenders,
    DatasetVersion dataset,
    String target,
    String positiveLabel,
    int batchSize,
    int threads,
    double tolerance,
    int resamples,
    long seed,
    long snapshotMillis) {
  public static final double DEFAULT_TOLERANCE = 1e-5;
  public static final int DEFAULT_RESAMPLES = 1000;
  public static final long DEFAULT_SEED = 20_260_101L;
  public static final long DEFAULT_SNAPSHOT_MILLIS = 200;

  public ComparisonRequest {
    contenders = List.copyOf(contenders);
    if (contenders.size() < 2) {
      throw new IllegalArgumentException("a comparison needs at least two models");
    }
    if (batchSize <= 0) {
      batchSize = EvaluationRequest.DEFAULT_BATCH;
    }
    if (tolerance <= 0 || Double.isNaN(tolerance)) {
      tolerance = DEFAULT_TOLERANCE;
    }
    if (resamples <= 0) {
      resamples = DEFAULT_RESAMPLES;
    }
    if (snapshotMillis < 0) {
      snapshotMillis = DEFAULT_SNAPSHOT_MILLIS;
    }
  }

  /** A request with the defaults. */
  public static ComparisonRequest of(
      List<Contender> contenders, DatasetVersion dataset, String target, String positiveLabel) {
    return new ComparisonRequest(
        contenders,
        dataset,
        target,
        positiveLabel,
        0,
        0,
        DEFAULT_TOLERANCE,
        DEFAULT_RESAMPLES,
        DEFAULT_SEED,
        DEFAULT_SNAPSHOT_MILLIS);
  }
}
