package dev.assay.core.compare;

/**
 * Cheap running metrics of one contender for live snapshots: correct-prediction counts, score
 * histograms of the positive class for an approximate AUC, batch latencies. Snapshots cost O(bins),
 * never O(rows). Not thread-safe: written and read on the comparison's thread.
 */
final class RunningMetrics {
  private static final int BINS = 1000;
  private final long[] positives = new long[BINS];
  private final long[] negatives = new long[BINS];
  private final LatencyHistogram latency = new LatencyHistogram();
  private long rows;
  private long correct;
  private long positiveRows;
  private long negativeRows;
  private long inferenceNanos;

  void addBatch(long nanos) {
    inferenceNanos += nanos;
    latency.add(nanos);
  }

  /**
   * Adds {@code n} rows; {@code probs} is row-major with {@code c} columns, or null; the score
   * histogram is kept for binary problems ({@code positiveIndex >= 0}).
   */
  void add(int[] truth, int[] predicted, float[] probs, int c, int positiveIndex, int n) {
    for (int i = 0; i < n; i++) {
      if (truth[i] == predicted[i]) {
        correct++;
      }
    }
    rows += n;
    if (probs == null || positiveIndex < 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      float p = probs[i * c + positiveIndex];
      int bin = (int) Math.min(BINS - 1, Math.max(0, Math.floor(p * BINS)));
      if (truth[i] == positiveIndex) {
        positives[bin]++;
        positiveRows++;
      } else {
        negatives[bin]++;
        negativeRows++;
      }
    }
  }

  LiveSnapshot.ModelLive snapshot(String label) {
    double accuracy = rows == 0 ? Double.NaN : (double) correct / rows;
    double[] acc = Intervals.wilson(correct, rows);
    double auc = approximateAuc();
    double[] aucCi = Intervals.hanleyMcNeil(auc, positiveRows, negativeRows);
    return new LiveSnapshot.ModelLive(
        label,
        rows,
        accuracy,
        acc[0],
        acc[1],
        auc,
        aucCi[0],
        aucCi[1],
        inferenceNanos == 0 ? Double.NaN : rows / (inferenceNanos / 1e9),
        latency.counts());
  }

  /** AUC of the binned scores: pairs in the same bin count one half. */
  private double approximateAuc() {
    if (positiveRows == 0 || negativeRows == 0) {
      return Double.NaN;
    }
    double pairs = 0;
    long negativesBelow = 0;
    for (int b = 0; b < BINS; b++) {
      pairs += positives[b] * (negativesBelow + 0.5 * negatives[b]);
      negativesBelow += negatives[b];
    }
    return pairs / ((double) positiveRows * negativeRows);
  }

  long inferenceNanos() {
    return inferenceNanos;
  }

  long[] latencyCounts() {
    return latency.counts();
  }
}
