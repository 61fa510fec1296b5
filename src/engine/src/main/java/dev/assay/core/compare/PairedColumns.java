package dev.assay.core.compare;

import java.util.Arrays;
import java.util.List;

/**
 * Every contender's per-row outputs kept during the pass for the paired statistics: true class
 * once, and per contender the predicted class, the positive-class probability and the row losses
 * (25 bytes a row and contender). Grows by half when full.
 */
final class PairedColumns {
  private final int contenders;
  private int size;
  private int[] truth;
  private final int[][] predicted;
  private final float[][] scores;
  private final double[][] logLoss;
  private final double[][] brier;
  private final boolean[] hasProbabilities;

  /**
   * @param expectedRows rows the dataset is known to have (sizes the columns once; they still grow
   *     if there are more)
   */
  PairedColumns(int contenders, long expectedRows) {
    this.contenders = contenders;
    this.truth = new int[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(4096, expectedRows))];
    this.predicted = new int[contenders][truth.length];
    this.scores = new float[contenders][truth.length];
    this.logLoss = new double[contenders][truth.length];
    this.brier = new double[contenders][truth.length];
    this.hasProbabilities = new boolean[contenders];
    Arrays.fill(hasProbabilities, true);
  }

  void append(List<ModelLane> lanes, int n) {
    ensure(size + n);
    System.arraycopy(lanes.getFirst().truth, 0, truth, size, n);
    for (int k = 0; k < contenders; k++) {
      ModelLane lane = lanes.get(k);
      System.arraycopy(lane.predicted, 0, predicted[k], size, n);
      if (lane.probabilities == null) {
        hasProbabilities[k] = false;
        continue;
      }
      System.arraycopy(lane.logLoss, 0, logLoss[k], size, n);
      System.arraycopy(lane.brier, 0, brier[k], size, n);
      if (lane.positiveIndex >= 0) {
        int c = lane.labels.size();
        for (int i = 0; i < n; i++) {
          scores[k][size + i] = lane.probabilities[i * c + lane.positiveIndex];
        }
      }
    }
    size += n;
  }

  int size() {
    return size;
  }

  /** The rows of contender {@code a} (baseline) and {@code b}, without copying. */
  PairedSample sample(List<String> labels, int positiveIndex, int a, int b) {
    return new PairedSample(
        labels, positiveIndex, size, truth, side(a, positiveIndex), side(b, positiveIndex));
  }

  private PairedSample.Side side(int k, int positiveIndex) {
    if (!hasProbabilities[k]) {
      return new PairedSample.Side(predicted[k], null, null, null);
    }
    return new PairedSample.Side(
        predicted[k], positiveIndex >= 0 ? scores[k] : null, logLoss[k], brier[k]);
  }

  private void ensure(int capacity) {
    if (capacity <= truth.length) {
      return;
    }
    int grown = Math.max(capacity, truth.length + (truth.length >> 1));
    truth = Arrays.copyOf(truth, grown);
    for (int k = 0; k < contenders; k++) {
      predicted[k] = Arrays.copyOf(predicted[k], grown);
      scores[k] = Arrays.copyOf(scores[k], grown);
      logLoss[k] = Arrays.copyOf(logLoss[k], grown);
      brier[k] = Arrays.copyOf(brier[k], grown);
    }
  }
}
