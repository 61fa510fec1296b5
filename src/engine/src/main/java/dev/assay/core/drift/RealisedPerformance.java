package dev.assay.core.drift;

import java.util.Arrays;

/**
 * A binary classifier's realised performance on labelled rows, as scikit-learn's {@code
 * accuracy_score}, {@code precision_score}, {@code recall_score}, {@code f1_score} and {@code
 * roc_auc_score} (ties in the score count half): what a CBPE estimate is checked against when the
 * labels arrive.
 */
public record RealisedPerformance(
    long rows, double accuracy, double precision, double recall, double f1, double rocAuc) {

  /**
   * @param label 1 positive, 0 negative
   * @param predicted 1 positive, 0 negative
   * @param score the positive-class score (for ROC AUC)
   * @throws IllegalArgumentException on no rows or mismatched lengths
   */
  public static RealisedPerformance of(int[] label, int[] predicted, double[] score) {
    int n = label.length;
    if (n == 0 || predicted.length != n || score.length != n) {
      throw new IllegalArgumentException("realised performance needs labels and predictions");
    }
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < n; i++) {
      boolean y = label[i] != 0;
      boolean p = predicted[i] != 0;
      if (p && y) {
        tp++;
      } else if (p) {
        fp++;
      } else if (y) {
        fn++;
      } else {
        tn++;
      }
    }
    return new RealisedPerformance(
        n,
        (double) (tp + tn) / n,
        tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp),
        tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn),
        2 * tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2 * tp + fp + fn),
        rocAuc(label, score));
  }

  /** ROC AUC by the rank sum (Mann-Whitney), ties at their mid-rank; NaN with one class. */
  public static double rocAuc(int[] label, double[] score) {
    int n = label.length;
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSum = 0;
    long positives = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      while (end + 1 < n && score[order[end + 1]] == score[order[start]]) {
        end++;
      }
      double midRank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        if (label[order[k]] != 0) {
          rankSum += midRank;
          positives++;
        }
      }
      start = end + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
