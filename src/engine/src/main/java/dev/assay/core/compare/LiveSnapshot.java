package dev.assay.core.compare;

import java.util.List;

/**
 * The state of a running comparison: rows processed so far and each contender's running metrics.
 *
 * @param rows rows processed by every contender
 * @param bytesRead bytes of the dataset read so far
 * @param totalBytes size of the dataset file
 * @param elapsedSeconds time since the pass started
 * @param rowsPerSecond rows / elapsed seconds (the whole pipeline: parse and all models)
 * @param finished true for the last snapshot of the pass
 */
public record LiveSnapshot(
    long rows,
    long bytesRead,
    long totalBytes,
    double elapsedSeconds,
    double rowsPerSecond,
    List<ModelLive> models,
    boolean finished) {

  /**
   * One contender's running metrics. Accuracy has a 95% Wilson interval. ROC AUC is approximated
   * from 1,000-bin score histograms while running (exact at the end of the run), with the 95%
   * Hanley-McNeil interval; NaN until both classes were seen or without probabilities.
   *
   * @param inferenceRowsPerSecond rows / time spent in this model's ONNX Runtime calls
   * @param latencyCounts batches per bin of {@link LatencyHistogram#edgesMillis()}
   */
  public record ModelLive(
      String label,
      long rows,
      double accuracy,
      double accuracyLow,
      double accuracyHigh,
      double rocAuc,
      double rocAucLow,
      double rocAucHigh,
      double inferenceRowsPerSecond,
      long[] latencyCounts) {}
}
