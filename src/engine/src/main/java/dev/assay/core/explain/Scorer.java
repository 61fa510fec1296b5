package dev.assay.core.explain;

import java.util.Arrays;

/** A score where greater is better, as scikit-learn's scorers of the same name. */
public enum Scorer {
  /** Share of rows where (prediction ≥ 0.5) equals the target (1/0); binary classification. */
  ACCURACY("accuracy") {
    @Override
    double score(double[] target, double[] prediction) {
      long right = 0;
      for (int k = 0; k < target.length; k++) {
        if ((prediction[k] >= 0.5 ? 1 : 0) == (target[k] != 0 ? 1 : 0)) {
          right++;
        }
      }
      return (double) right / target.length;
    }
  },
  /** Area under the ROC curve of the score against the 1/0 target, ties counted half. */
  ROC_AUC("roc_auc") {
    @Override
    double score(double[] target, double[] prediction) {
      int n = target.length;
      Integer[] order = new Integer[n];
      for (int k = 0; k < n; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> Double.compare(prediction[a], prediction[b]));
      double rankSum = 0;
      long positives = 0;
      for (int start = 0; start < n; ) {
        int end = start;
        while (end + 1 < n && prediction[order[end + 1]] == prediction[order[start]]) {
          end++;
        }
        double midRank = (start + end) / 2.0 + 1;
        for (int k = start; k <= end; k++) {
          if (target[order[k]] != 0) {
            rankSum += midRank;
            positives++;
          }
        }
        start = end + 1;
      }
      long negatives = n - positives;
      return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
  },
  /** The coefficient of determination of a regression. */
  R2("r2") {
    @Override
    double score(double[] target, double[] prediction) {
      double mean = 0;
      for (double t : target) {
        mean += t;
      }
      mean /= target.length;
      double residual = 0;
      double total = 0;
      for (int k = 0; k < target.length; k++) {
        residual += (target[k] - prediction[k]) * (target[k] - prediction[k]);
        total += (target[k] - mean) * (target[k] - mean);
      }
      return 1 - residual / total;
    }
  };

  private final String id;

  Scorer(String id) {
    this.id = id;
  }

  /** scikit-learn's name of the scorer. */
  public String id() {
    return id;
  }

  abstract double score(double[] target, double[] prediction);
}
