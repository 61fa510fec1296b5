package dev.assay.core.explain;

import java.util.Arrays;

/**
 * First-order accumulated local effects (ALE, Apley and Zhu 2020) of one numeric feature over a set
 * of rows, with alibi's grid ({@code alibi.explainers.ale.ale_num} defaults):
 *
 * <ul>
 *   <li>the grid is the feature's distinct values when there are at most {@value
 *       #LOW_RESOLUTION_THRESHOLD}; else the distinct values of {@code numpy.percentile} (linear)
 *       at K+1 evenly spaced percentiles from 0 to 100, K found by alibi's bisection for the most
 *       intervals that each hold more than {@value #MIN_BIN_POINTS} rows;
 *   <li>a row whose value lies in {@code (z_{k−1}, z_k]} (the lowest value in the first interval)
 *       contributes {@code f(x with z_k) − f(x with z_{k−1})}; an interval's local effect is the
 *       mean over its rows, accumulated from 0 at {@code z_0};
 *   <li>centred so that the effect's mean over the rows is 0: each row's effect is interpolated
 *       linearly within its interval (Apley and Zhu's definition; alibi and R's ALEPlot approximate
 *       this mean with interval midpoints). For a model linear in the feature with slope w the
 *       centred ALE is exactly {@code w (z − mean x_j)}.
 * </ul>
 *
 * A constant feature is given the interval {@code [z − δ, z + δ]}, δ = max(z/10, 0.1), as alibi.
 */
public final class AccumulatedLocalEffects {
  /** alibi's {@code min_bin_points}: every interval holds more rows than this. */
  public static final int MIN_BIN_POINTS = 4;

  /** alibi's {@code low_resolution_threshold}: up to this many distinct values are the grid. */
  public static final int LOW_RESOLUTION_THRESHOLD = 10;

  /**
   * One feature's centred ALE.
   *
   * @param grid the interval edges z_0 < z_1 < ... (K + 1 values)
   * @param values the centred effect at each edge
   * @param counts rows in each of the K intervals
   * @param offset the mean of the uncentred effect over the rows (subtracted)
   */
  public record Curve(String feature, double[] grid, double[] values, int[] counts, double offset) {
    /** The number of intervals K. */
    public int bins() {
      return grid.length - 1;
    }
  }

  private AccumulatedLocalEffects() {}

  /** alibi's grid for one column. */
  public static double[] grid(double[] column) {
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    double[] distinct = Arrays.stream(sorted).distinct().toArray();
    double[] q;
    if (distinct.length <= LOW_RESOLUTION_THRESHOLD) {
      q = distinct;
    } else {
      // bisect_fun(minimum_not_satisfied, 0.5, lo=0, hi=n) - 1
      int lo = 0;
      int hi = sorted.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (satisfied(sorted, mid)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      q = quantiles(sorted, lo - 1);
    }
    if (q.length == 1) {
      double delta = Math.max(q[0] * 10 / 100, 0.1);
      q = new double[] {q[0] - delta, q[0] + delta};
    }
    return q;
  }

  /** Whether every interval of the grid of {@code count} quantiles holds more than the minimum. */
  static boolean satisfied(double[] sorted, int count) {
    int[] counts = counts(quantiles(sorted, count), sorted);
    for (int c : counts) {
      if (c <= MIN_BIN_POINTS) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code numpy.unique(numpy.percentile(values, numpy.linspace(0, 100, count)))} of sorted values
   * (linear interpolation).
   */
  static double[] quantiles(double[] sorted, int count) {
    int n = sorted.length;
    double[] q = new double[Math.max(0, count)];
    for (int k = 0; k < count; k++) {
      double percent = count == 1 ? 0 : k == count - 1 ? 100 : k * (100.0 / (count - 1));
      double index = percent / 100 * (n - 1);
      int below = (int) Math.floor(index);
      int above = Math.min(below + 1, n - 1);
      double t = index - below;
      double a = sorted[below];
      double b = sorted[above];
      // numpy's _lerp
      q[k] = t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }
    return Arrays.stream(q).sorted().distinct().toArray();
  }

  /** {@code searchsorted(q, v, side="left")}, 0 moved to 1: the 1-based interval of v. */
  static int interval(double[] q, double v) {
    int lo = 0;
    int hi = q.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (q[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return Math.max(lo, 1);
  }

  /** Rows per interval 1..K ({@code bincount(indices)[1:]}, up to the largest index used). */
  private static int[] counts(double[] q, double[] values) {
    int[] counts = new int[Math.max(2, q.length)];
    int top = 1;
    for (double v : values) {
      int k = interval(q, v);
      counts[Math.min(k, counts.length - 1)]++;
      top = Math.max(top, Math.min(k, counts.length - 1));
    }
    return Arrays.copyOfRange(counts, 1, top + 1);
  }

  /**
   * The centred ALE of feature {@code feature} of {@code model} over {@code rows} (row-major), in
   * two model calls of n rows each.
   */
  public static Curve compute(ModelFunction model, double[] rows, int feature, String name) {
    int m = model.features();
    int n = rows.length / m;
    double[] column = PartialDependence.column(rows, m, feature);
    double[] q = grid(column);
    int bins = q.length - 1;
    int[] index = new int[n];
    double[] low = rows.clone();
    double[] high = rows.clone();
    for (int r = 0; r < n; r++) {
      index[r] = Math.min(interval(q, column[r]), bins);
      low[r * m + feature] = q[index[r] - 1];
      high[r * m + feature] = q[index[r]];
    }
    double[] fLow = new double[n];
    double[] fHigh = new double[n];
    model.evaluate(low, n, fLow);
    model.evaluate(high, n, fHigh);
    double[] delta = new double[bins + 1];
    int[] counts = new int[bins];
    for (int r = 0; r < n; r++) {
      delta[index[r]] += fHigh[r] - fLow[r];
      counts[index[r] - 1]++;
    }
    double[] accumulated = new double[bins + 1];
    for (int k = 1; k <= bins; k++) {
      accumulated[k] = accumulated[k - 1] + (counts[k - 1] == 0 ? 0 : delta[k] / counts[k - 1]);
    }
    double offset = 0;
    for (int r = 0; r < n; r++) {
      int k = index[r];
      double t = (column[r] - q[k - 1]) / (q[k] - q[k - 1]);
      t = Math.min(1, Math.max(0, t));
      offset += accumulated[k - 1] + t * (accumulated[k] - accumulated[k - 1]);
    }
    offset /= n;
    double[] values = new double[bins + 1];
    for (int k = 0; k <= bins; k++) {
      values[k] = accumulated[k] - offset;
    }
    return new Curve(name, q, values, counts, offset);
  }
}
