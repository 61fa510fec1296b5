package dev.assay.core.metrics;

import java.util.Arrays;

/**
 * Points of a threshold curve, ready to plot as (x[i], y[i]).
 *
 * <ul>
 *   <li>ROC ({@link ClassificationMetrics#roc()}): {@code x} = false-positive rate, {@code y} =
 *       true-positive rate, {@code thresholds} decreasing, all three the same length, exactly as
 *       scikit-learn 1.2 {@code roc_curve(drop_intermediate=True)} returns them (the first point is
 *       (0, 0) with threshold max score + 1). Rates are NaN when the class they divide by is
 *       absent.
 *   <li>Precision-recall ({@link ClassificationMetrics#precisionRecall()}): {@code x} = recall,
 *       {@code y} = precision, as {@code precision_recall_curve}: recall decreasing, ending at
 *       (recall 0, precision 1); {@code thresholds} increasing and one shorter than x and y.
 * </ul>
 *
 * The arrays are the record's own: do not modify them.
 */
public record Curve(double[] x, double[] y, double[] thresholds) {

  /** Number of points. */
  public int size() {
    return x.length;
  }

  /**
   * At most {@code max} points for storing and drawing: evenly spaced indices, always keeping the
   * first and last point. The curve itself (and the AUC computed from all points) is unchanged.
   */
  public Curve thinned(int max) {
    int n = x.length;
    if (n <= max || max < 2) {
      return this;
    }
    int[] keep = new int[max];
    for (int i = 0; i < max; i++) {
      keep[i] = (int) Math.round((double) i * (n - 1) / (max - 1));
    }
    double[] tx = new double[max];
    double[] ty = new double[max];
    int thresholdCount = 0;
    for (int index : keep) {
      if (index < thresholds.length) {
        thresholdCount++;
      }
    }
    double[] tt = new double[thresholdCount];
    int t = 0;
    for (int i = 0; i < max; i++) {
      tx[i] = x[keep[i]];
      ty[i] = y[keep[i]];
      if (keep[i] < thresholds.length) {
        tt[t++] = thresholds[keep[i]];
      }
    }
    return new Curve(tx, ty, tt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Curve c
        && Arrays.equals(x, c.x)
        && Arrays.equals(y, c.y)
        && Arrays.equals(thresholds, c.thresholds);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(x) + Arrays.hashCode(y)) + Arrays.hashCode(thresholds);
  }

  @Override
  public String toString() {
    return "Curve[" + x.length + " points]";
  }
}
