package dev.assay.core.drift;

import java.util.Arrays;

/**
 * A non-decreasing step-then-linear map from a model's score to a probability, fitted by isotonic
 * regression (pool adjacent violators) of 1/0 labels on scores, as scikit-learn's {@code
 * IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1)}: equal scores are merged into one
 * point (mean label, weight = count), the fitted values are interpolated linearly between the
 * distinct scores and held constant outside them.
 */
public final class IsotonicCalibrator {
  private final double[] x;
  private final double[] y;

  private IsotonicCalibrator(double[] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  /**
   * Fits the calibrator.
   *
   * @param score the model's scores (finite)
   * @param label 1 for the positive class, 0 otherwise
   * @throws IllegalArgumentException on no rows, different lengths or a non-finite score
   */
  public static IsotonicCalibrator fit(double[] score, int[] label) {
    int n = score.length;
    if (n == 0 || label.length != n) {
      throw new IllegalArgumentException("calibration needs scores and labels of the same length");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(score[i])) {
        throw new IllegalArgumentException("a calibration score is not finite");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    // distinct scores with their weight and label sum
    double[] xs = new double[n];
    double[] sum = new double[n];
    double[] weight = new double[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (m > 0 && xs[m - 1] == score[i]) {
        sum[m - 1] += label[i] != 0 ? 1 : 0;
        weight[m - 1] += 1;
      } else {
        xs[m] = score[i];
        sum[m] = label[i] != 0 ? 1 : 0;
        weight[m] = 1;
        m++;
      }
    }
    // pool adjacent violators over blocks of points
    double[] blockMean = new double[m];
    double[] blockWeight = new double[m];
    int[] blockEnd = new int[m];
    int blocks = 0;
    for (int i = 0; i < m; i++) {
      double mean = sum[i] / weight[i];
      double w = weight[i];
      int end = i;
      while (blocks > 0 && blockMean[blocks - 1] >= mean) {
        blocks--;
        mean = (blockMean[blocks] * blockWeight[blocks] + mean * w) / (blockWeight[blocks] + w);
        w += blockWeight[blocks];
      }
      blockMean[blocks] = mean;
      blockWeight[blocks] = w;
      blockEnd[blocks] = end;
      blocks++;
    }
    double[] ys = new double[m];
    int start = 0;
    for (int b = 0; b < blocks; b++) {
      double v = Math.min(1.0, Math.max(0.0, blockMean[b]));
      for (int i = start; i <= blockEnd[b]; i++) {
        ys[i] = v;
      }
      start = blockEnd[b] + 1;
    }
    return new IsotonicCalibrator(Arrays.copyOf(xs, m), ys);
  }

  /** The calibrated probability of {@code score}. */
  public double apply(double score) {
    int m = x.length;
    if (m == 1 || score <= x[0]) {
      return y[0];
    }
    if (score >= x[m - 1]) {
      return y[m - 1];
    }
    int i = Arrays.binarySearch(x, score);
    if (i >= 0) {
      return y[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (score - x[lo]) / (x[hi] - x[lo]);
    return y[lo] + t * (y[hi] - y[lo]);
  }

  /** Each score calibrated. */
  public double[] apply(double[] score) {
    double[] out = new double[score.length];
    for (int i = 0; i < score.length; i++) {
      out[i] = apply(score[i]);
    }
    return out;
  }

  /** How many distinct scores the calibrator was fitted on. */
  public int points() {
    return x.length;
  }
}
