package dev.assay.core.fairness;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bins of a numeric sensitive column: edges {@code e1 < e2 < ... < ek} give the groups {@code <
 * e1}, {@code [e1, e2)}, ..., {@code >= ek}.
 */
final class NumericBins {
  private final double[] edges;

  NumericBins(double[] edges) {
    this.edges = edges.clone();
    for (int i = 1; i < edges.length; i++) {
      if (!(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException("bin edges must increase: " + Arrays.toString(edges));
      }
    }
  }

  /**
   * Quantile edges ({@code bins - 1} of them, numpy's linear interpolation) of the non-missing
   * values, rounded to three significant digits so that groups read well, without duplicates and
   * without an edge at or below the smallest value (which would leave its first bin empty).
   */
  static NumericBins quantiles(double[] numbers, int bins) {
    double[] values = Arrays.stream(numbers).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (values.length == 0) {
      return new NumericBins(new double[0]);
    }
    List<Double> edges = new ArrayList<>();
    for (int k = 1; k < bins; k++) {
      double position = (values.length - 1) * (double) k / bins;
      int lo = (int) Math.floor(position);
      int hi = Math.min(lo + 1, values.length - 1);
      double q = values[lo] + (values[hi] - values[lo]) * (position - lo);
      double rounded = round(q);
      if (rounded > values[0]
          && rounded <= values[values.length - 1]
          && (edges.isEmpty() || rounded > edges.getLast())) {
        edges.add(rounded);
      }
    }
    return new NumericBins(edges.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * {@link #quantiles(double[], int)} of a column given as values with counts: each {@code
   * numbers[i]} stands for {@code weights[i]} rows (the same edges as the rows spelled out).
   */
  static NumericBins quantiles(double[] numbers, long[] weights, int bins) {
    int n = 0;
    for (double v : numbers) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    double[] values = new double[n];
    long[] counts = new long[n];
    Integer[] order = new Integer[numbers.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(numbers[a], numbers[b]));
    int m = 0;
    long total = 0;
    for (int i : order) {
      if (!Double.isNaN(numbers[i]) && weights[i] > 0) {
        values[m] = numbers[i];
        counts[m++] = weights[i];
        total += weights[i];
      }
    }
    if (total == 0) {
      return new NumericBins(new double[0]);
    }
    long[] ends = new long[m];
    long sum = 0;
    for (int i = 0; i < m; i++) {
      sum += counts[i];
      ends[i] = sum;
    }
    List<Double> edges = new ArrayList<>();
    for (int k = 1; k < bins; k++) {
      double position = (total - 1) * (double) k / bins;
      long lo = (long) Math.floor(position);
      long hi = Math.min(lo + 1, total - 1);
      double low = at(values, ends, m, lo);
      double q = low + (at(values, ends, m, hi) - low) * (position - lo);
      double rounded = round(q);
      if (rounded > values[0]
          && rounded <= values[m - 1]
          && (edges.isEmpty() || rounded > edges.getLast())) {
        edges.add(rounded);
      }
    }
    return new NumericBins(edges.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The {@code index}-th (0-based) of the sorted rows spelled out. */
  private static double at(double[] values, long[] ends, int m, long index) {
    int lo = 0;
    int hi = m - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ends[mid] > index) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return values[lo];
  }

  /** The bin of {@code value} (NaN values must be handled by the caller). */
  int bin(double value) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (value < edges[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  int count() {
    return edges.length + 1;
  }

  /** The label of bin {@code i}. */
  String label(int i) {
    if (edges.length == 0) {
      return "all";
    }
    if (i == 0) {
      return "< " + text(edges[0]);
    }
    if (i == edges.length) {
      return ">= " + text(edges[edges.length - 1]);
    }
    return "[" + text(edges[i - 1]) + ", " + text(edges[i]) + ")";
  }

  double[] edges() {
    return edges.clone();
  }

  static String text(double value) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static double round(double value) {
    if (value == 0 || Double.isInfinite(value)) {
      return value;
    }
    return new BigDecimal(value).round(new MathContext(3)).doubleValue();
  }
}
