package dev.assay.core.metrics;

import java.util.Arrays;

/**
 * Mergeable accumulator of per-batch latencies (8 bytes a batch).
 *
 * <p>Not thread-safe: give each worker its own accumulator and merge them.
 */
public final class LatencyAccumulator {
  private final LongColumn nanos = new LongColumn();
  private long rows;

  /** Creates an empty accumulator. */
  public LatencyAccumulator() {}

  /** Records one batch of {@code rows} rows that took {@code nanos} nanoseconds. */
  public void addBatch(long nanos, int rows) {
    if (nanos < 0 || rows < 0) {
      throw new IllegalArgumentException("negative batch time or size: " + nanos + ", " + rows);
    }
    this.nanos.add(nanos);
    this.rows += rows;
  }

  /** Adds everything {@code other} has accumulated; {@code other} is left unchanged. */
  public void merge(LatencyAccumulator other) {
    nanos.addAll(other.nanos);
    rows += other.rows;
  }

  /**
   * The summary so far.
   *
   * @param wallNanos wall-clock time of the run so far, for rows per second (NaN if not positive)
   */
  public LatencySummary snapshot(long wallNanos) {
    long[] sorted = nanos.toArray();
    Arrays.sort(sorted);
    double[] millis = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      millis[i] = sorted[i] / 1e6;
    }
    return new LatencySummary(
        sorted.length,
        rows,
        percentile(millis, 50),
        percentile(millis, 95),
        percentile(millis, 99),
        wallNanos > 0 ? rows / (wallNanos / 1e9) : Double.NaN);
  }

  /** numpy's default ('linear') percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double index = q / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(index);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double t = index - lo;
    double a = sorted[lo];
    double b = sorted[hi];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}
