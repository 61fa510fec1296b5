package dev.assay.core.drift;

import java.util.Arrays;

/**
 * Bins for a numeric feature cut at the reference's quantiles (deciles by default), computed as
 * {@code numpy.quantile(reference, [1/k, ..., (k-1)/k])} (linear interpolation) with repeated edges
 * dropped. Bin i holds the values v with edge[i-1] &le; v &lt; edge[i]; the first and last bins are
 * open-ended, so every finite value falls in a bin.
 *
 * @param edges strictly increasing inner edges; {@code edges.length + 1} bins
 */
public record QuantileBins(double[] edges) {
  public QuantileBins {
    edges = edges.clone();
  }

  /**
   * Quantile bins of a sorted reference sample.
   *
   * @param sorted the reference's finite values, ascending; the first {@code n} are used
   * @param bins how many bins to aim for (fewer when quantiles coincide)
   * @throws IllegalArgumentException when {@code n} is 0 or {@code bins} &lt; 1
   */
  public static QuantileBins ofReference(double[] sorted, int n, int bins) {
    if (n == 0 || bins < 1) {
      throw new IllegalArgumentException("no reference values or no bins");
    }
    double[] edges = new double[bins - 1];
    int count = 0;
    for (int k = 1; k < bins; k++) {
      double edge = quantile(sorted, n, (double) k / bins);
      if (count == 0 || edge > edges[count - 1]) {
        edges[count++] = edge;
      }
    }
    return new QuantileBins(Arrays.copyOf(edges, count));
  }

  /** numpy's default ("linear") quantile of a sorted sample, with its rounding. */
  static double quantile(double[] sorted, int n, double q) {
    double virtual = n * q + (1 + q * (1 - 1 - 1)) - 1;
    double previous = Math.floor(virtual);
    double gamma = virtual - previous;
    int lo = (int) Math.max(0, Math.min(n - 1, previous));
    int hi = (int) Math.max(0, Math.min(n - 1, previous + 1));
    double a = sorted[lo];
    double b = sorted[hi];
    double diff = b - a;
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }

  /** Number of bins. */
  public int count() {
    return edges.length + 1;
  }

  /** Counts per bin of the first {@code n} values of a sorted sample. */
  public long[] countSorted(double[] sorted, int n) {
    long[] counts = new long[count()];
    int from = 0;
    for (int i = 0; i < edges.length; i++) {
      int to = upperBound(sorted, from, n, edges[i]);
      counts[i] = to - from;
      from = to;
    }
    counts[edges.length] = n - from;
    return counts;
  }

  /** The first index in [from, to) whose value is at least {@code edge}. */
  private static int upperBound(double[] sorted, int from, int to, double edge) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < edge) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QuantileBins o && Arrays.equals(edges, o.edges);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(edges);
  }

  @Override
  public String toString() {
    return "QuantileBins" + Arrays.toString(edges);
  }
}
