package dev.assay.core.drift;

import java.util.Arrays;

/**
 * A compact stand-in for a large numeric reference sample in a stored profile: a fixed grid of
 * reference values with the exact reference counts at and between them, so that a comparison with
 * current data needs neither the reference's sorted values nor a sort of the current data.
 *
 * <p>The grid holds the minimum, the maximum and the values at evenly spaced ranks (about {@link
 * #GRID_POINTS} of them, repeated values once), and for each grid value g_k the number of reference
 * values equal to it and the number strictly between it and the grid value before, plus the sum of
 * (g_k - v) over those values. So the reference's empirical CDF is known exactly at and just below
 * every grid value, and its integral is known exactly over every grid interval. Between two grid
 * values lie at most {@link #maxGap()} of the reference's values (about 1/{@link #GRID_POINTS}),
 * which bounds the error of the Kolmogorov-Smirnov statistic ({@link SketchComparison}).
 *
 * <p>What the sketch keeps exactly: the counts (finite, missing, non-finite), the population
 * standard deviation, the quantile bins of {@link QuantileBins} with the reference's count per bin
 * (so PSI, Jensen-Shannon, Hellinger and L-infinity are exact).
 *
 * @param name the column
 * @param count finite values
 * @param missing missing and text cells
 * @param nonFinite infinite cells
 * @param grid the grid values, strictly increasing; the first is the minimum, the last the maximum
 * @param equal reference values equal to each grid value
 * @param between reference values strictly between the previous grid value and this one (0 for the
 *     first)
 * @param gapSums sum of (grid[k] - v) over the values strictly between grid[k - 1] and grid[k]
 * @param sd population standard deviation (ddof 0) of the finite values
 * @param bins how many quantile bins were aimed for
 * @param binEdges the quantile bins' inner edges ({@link QuantileBins#edges()})
 * @param binCounts reference values per quantile bin
 */
public record NumericSketch(
    String name,
    int count,
    long missing,
    long nonFinite,
    double[] grid,
    int[] equal,
    int[] between,
    double[] gapSums,
    double sd,
    int bins,
    double[] binEdges,
    long[] binCounts) {

  /**
   * A numeric reference column with more finite values than this is stored as a sketch: 100,000, or
   * the system property {@code assay.drift.sketchAbove} (a larger value keeps more columns' values
   * exactly, at the cost of a larger profile read in full by every comparison).
   */
  public static final int SKETCH_ABOVE = Integer.getInteger("assay.drift.sketchAbove", 100_000);

  /** Grid values aimed for (fewer when values repeat). */
  public static final int GRID_POINTS = 16_384;

  /**
   * The sketch of a sorted sample.
   *
   * @param sorted the finite values ascending, at least one
   * @param points grid values to aim for, at least 2
   * @param bins quantile bins (as {@link DriftSettings#bins()})
   * @throws IllegalArgumentException when the sample is empty
   */
  public static NumericSketch of(NumericSample sorted, int points, int bins) {
    int n = sorted.count();
    double[] v = sorted.sorted();
    if (n == 0 || points < 2) {
      throw new IllegalArgumentException("no values to sketch in " + sorted.name());
    }
    double[] grid = new double[points];
    int m = 0;
    for (int i = 0; i < points; i++) {
      double g = v[(int) ((long) i * (n - 1) / (points - 1))];
      if (m == 0 || g > grid[m - 1]) {
        grid[m++] = g;
      }
    }
    grid = Arrays.copyOf(grid, m);
    int[] equal = new int[m];
    int[] between = new int[m];
    double[] gapSums = new double[m];
    int i = 0;
    for (int k = 0; k < m; k++) {
      double g = grid[k];
      double sum = 0;
      int from = i;
      while (v[i] < g) {
        sum += g - v[i];
        i++;
      }
      between[k] = i - from;
      gapSums[k] = sum;
      from = i;
      while (i < n && v[i] == g) {
        i++;
      }
      equal[k] = i - from;
    }
    QuantileBins q = QuantileBins.ofReference(v, n, bins);
    return new NumericSketch(
        sorted.name(),
        n,
        sorted.missing(),
        sorted.nonFinite(),
        grid,
        equal,
        between,
        gapSums,
        Wasserstein.standardDeviation(v, n),
        bins,
        q.edges(),
        q.countSorted(v, n));
  }

  /** All rows: finite, missing and non-finite. */
  public long rows() {
    return count + missing + nonFinite;
  }

  /** The largest share of the reference's values strictly between two neighbouring grid values. */
  public double maxGap() {
    int max = 0;
    for (int b : between) {
      max = Math.max(max, b);
    }
    return (double) max / count;
  }

  /**
   * Stand-ins for the sorted reference's values at ascending ranks (0-based): exact when a rank
   * falls on a grid value, else strictly increasing between the two grid values around it (ties
   * inside a grid interval are not kept). Used only to redraw the effect threshold's splits under
   * settings other than the stored ones.
   */
  public double[] valuesAt(int[] ranks) {
    double[] out = new double[ranks.length];
    int k = 0;
    long rank = 0;
    for (int j = 0; j < ranks.length; j++) {
      int index = ranks[j];
      while (k < grid.length - 1 && index >= rank + between[k] + equal[k]) {
        rank += between[k] + equal[k];
        k++;
      }
      if (index < rank + between[k]) {
        double lo = grid[k - 1];
        out[j] = lo + (grid[k] - lo) * (index - rank + 1) / (between[k] + 1);
      } else {
        out[j] = grid[k];
      }
    }
    return out;
  }

  /** A placeholder sample carrying the counts (its value array is empty). */
  NumericSample counts() {
    return new NumericSample(name, new double[0], count, missing, nonFinite);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericSketch s
        && name.equals(s.name)
        && count == s.count
        && missing == s.missing
        && nonFinite == s.nonFinite
        && Arrays.equals(grid, s.grid)
        && Arrays.equals(equal, s.equal)
        && Arrays.equals(between, s.between)
        && Arrays.equals(gapSums, s.gapSums)
        && Double.compare(sd, s.sd) == 0
        && bins == s.bins
        && Arrays.equals(binEdges, s.binEdges)
        && Arrays.equals(binCounts, s.binCounts);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(grid);
  }

  @Override
  public String toString() {
    return "NumericSketch[" + name + ", n=" + count + ", grid=" + grid.length + "]";
  }
}
