package dev.assay.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The label-based metrics, all derived from the confusion matrix (rows = true class):
 * scikit-learn's {@code accuracy_score}, {@code balanced_accuracy_score} and {@code
 * precision_recall_fscore_support(labels=all classes, zero_division=0)}.
 */
public record CountMetrics(
    double accuracy,
    double balancedAccuracy,
    double precisionMacro,
    double recallMacro,
    double f1Macro,
    double f1Micro,
    double f1Weighted,
    List<PerClass> perClass) {

  /** The metrics of a confusion matrix (rows = true class) over {@code labels}. */
  public static CountMetrics of(long[][] confusion, List<String> labels) {
    int c = confusion.length;
    long total = 0;
    long correct = 0;
    long[] predicted = new long[c];
    long[] support = new long[c];
    for (int t = 0; t < c; t++) {
      for (int p = 0; p < c; p++) {
        total += confusion[t][p];
        predicted[p] += confusion[t][p];
        support[t] += confusion[t][p];
      }
      correct += confusion[t][t];
    }
    List<PerClass> perClass = new ArrayList<>(c);
    double recallSumPresent = 0;
    int present = 0;
    double precisionSum = 0;
    double recallSum = 0;
    double f1Sum = 0;
    double f1Weighted = 0;
    for (int k = 0; k < c; k++) {
      long tp = confusion[k][k];
      long fp = predicted[k] - tp;
      long fn = support[k] - tp;
      double precision = divide(tp, tp + fp);
      double recall = divide(tp, tp + fn);
      double f1 = divide(2 * tp, 2 * tp + fp + fn);
      perClass.add(new PerClass(labels.get(k), precision, recall, f1, support[k]));
      precisionSum += precision;
      recallSum += recall;
      f1Sum += f1;
      f1Weighted += f1 * support[k];
      if (support[k] > 0) {
        recallSumPresent += recall;
        present++;
      }
    }
    long wrong = total - correct; // every wrong row is one fp (of its prediction) and one fn
    return new CountMetrics(
        total == 0 ? Double.NaN : (double) correct / total,
        present == 0 ? Double.NaN : recallSumPresent / present,
        precisionSum / c,
        recallSum / c,
        f1Sum / c,
        divide(2 * correct, 2 * correct + 2 * wrong),
        total == 0 ? 0.0 : f1Weighted / total,
        List.copyOf(perClass));
  }

  /** a / b, or 0 when b is 0 ({@code zero_division=0}). */
  private static double divide(long a, long b) {
    return b == 0 ? 0.0 : (double) a / b;
  }
}
