package dev.assay.core.compare;

import java.util.List;

/**
 * Two versions' per-row outputs on the same rows, the input of the paired statistics.
 *
 * @param classLabels class labels shared by both versions, in output order
 * @param positiveIndex index of the positive class (binary), or -1
 * @param rows number of rows
 * @param truth true class index of each row
 * @param a the baseline
 * @param b the challenger
 */
public record PairedSample(
    List<String> classLabels, int positiveIndex, int rows, int[] truth, Side a, Side b) {

  /**
   * One version's outputs.
   *
   * @param predicted predicted class index of each row
   * @param positiveScore positive-class probability of each row (binary with probabilities), else
   *     null
   * @param logLoss each row's log loss (probabilities clipped as scikit-learn), or null without
   *     probabilities
   * @param brier each row's Brier loss (binary: positive class; multiclass: summed over classes),
   *     or null without probabilities
   */
  public record Side(int[] predicted, float[] positiveScore, double[] logLoss, double[] brier) {}

  /** Whether the binary ranking metrics (ROC AUC, average precision) apply. */
  public boolean hasScores() {
    return a.positiveScore != null && b.positiveScore != null && positiveIndex >= 0;
  }

  /** Whether the probability losses apply. */
  public boolean hasLosses() {
    return a.logLoss != null && b.logLoss != null;
  }
}
