package dev.assay.core.compare;

import java.util.Arrays;

/**
 * Batch latencies counted in log-spaced bins: 5 bins per decade from 0.01 ms to 10 s, plus one bin
 * below and one above. Not thread-safe; {@link #counts()} returns a copy.
 */
public final class LatencyHistogram {
  private static final double[] EDGES = edges();
  private final long[] counts = new long[EDGES.length + 1];

  private static double[] edges() {
    double[] edges = new double[31];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = Math.pow(10, -2 + i / 5.0);
    }
    return edges;
  }

  /**
   * Bin edges in milliseconds; bin 0 is below the first edge, bin i holds [edge i-1, edge i), the
   * last bin is at or above the last edge.
   */
  public static double[] edgesMillis() {
    return EDGES.clone();
  }

  /** Counts one batch. */
  public void add(long nanos) {
    double millis = nanos / 1e6;
    int bin = Arrays.binarySearch(EDGES, millis);
    bin = bin >= 0 ? bin + 1 : -bin - 1;
    counts[bin]++;
  }

  public long[] counts() {
    return counts.clone();
  }
}
