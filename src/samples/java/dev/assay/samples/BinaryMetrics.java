package dev.assay.samples;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Accuracy and exact ROC AUC for a binary problem, following scikit-learn's {@code accuracy_score}
 * and {@code roc_auc_score} (ties in the score count one half).
 *
 * @param accuracy fraction of rows whose predicted class equals the true class
 * @param rocAuc area under the ROC curve of the positive-class probability
 */
record BinaryMetrics(double accuracy, double rocAuc) {

  /**
   * Computes the metrics.
   *
   * @param positive {@code true} where the true class is the positive class
   * @param scores the predicted probability of the positive class
   * @param predictedPositive {@code true} where the predicted class is the positive class
   */
  static BinaryMetrics of(boolean[] positive, double[] scores, boolean[] predictedPositive) {
    int n = positive.length;
    int correct = 0;
    for (int i = 0; i < n; i++) {
      if (positive[i] == predictedPositive[i]) {
        correct++;
      }
    }
    return new BinaryMetrics((double) correct / n, rocAuc(positive, scores));
  }

  /** Mann-Whitney form of the AUC with average ranks for ties. */
  static double rocAuc(boolean[] positive, double[] scores) {
    int n = scores.length;
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1.0;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "accuracy %.4f, ROC AUC %.4f", accuracy, rocAuc);
  }
}
