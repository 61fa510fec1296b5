package dev.assay.core.drift;

/**
 * The lookup tables {@link SketchComparison} counts with: an equal-width guide into a sorted array
 * (the sketch's grid or its decile edges), and per grid value the decile bin of a value equal to it
 * and of one just below it.
 */
final class SketchGuide {
  /**
   * Guide buckets per grid value: more buckets leave fewer grid values to search in each (about one
   * where the grid is densest on the benchmark's shapes), at 16 bytes a grid value.
   */
  static final int BUCKETS_PER_VALUE = 4;

  private SketchGuide() {}

  /** Buckets per unit of value over [grid[0], grid[m - 1]], or 0 for a grid of one value. */
  static double scale(double[] grid, int buckets) {
    double range = grid[grid.length - 1] - grid[0];
    return range > 0 && Double.isFinite(buckets / range) ? buckets / range : 0;
  }

  /**
   * guide[b] is the first index whose value falls in bucket b or later ({@link #bucket}), so the
   * first value at least v lies at an index in [guide[bucket(v)], guide[bucket(v) + 1]]: bucket is
   * monotone, so values of a lower bucket are below v and values of a higher one above it.
   */
  static int[] guide(double[] values, int buckets, double first, double scale) {
    int[] g = new int[buckets + 2];
    int k = 0;
    for (int b = 0; b < g.length; b++) {
      while (k < values.length && bucket(values[k], buckets, first, scale) < b) {
        k++;
      }
      g[b] = k;
    }
    return g;
  }

  /** The bucket of a value in [first, last of the grid]: equal-width buckets, the last closed. */
  static int bucket(double v, int buckets, double first, double scale) {
    int b = (int) ((v - first) * scale);
    return Math.max(0, Math.min(buckets, b));
  }

  /**
   * Fills binAt[k] (the bin of a value equal to grid[k]) and binBelow[k] (the bin of a value
   * strictly between grid[k - 1] and grid[k], or -1 where a decile edge lies strictly inside that
   * interval, so that such a value's bin needs the edges compared).
   */
  static void binTables(double[] grid, double[] edges, int[] binAt, int[] binBelow) {
    int at = 0;
    for (int k = 0; k < grid.length; k++) {
      int below = at;
      while (at < edges.length && edges[at] < grid[k]) {
        at++;
      }
      binBelow[k] = k > 0 && at > below && edges[at - 1] > grid[k - 1] ? -1 : at;
      int le = at;
      while (le < edges.length && edges[le] <= grid[k]) {
        le++;
      }
      binAt[k] = le;
    }
  }
}
