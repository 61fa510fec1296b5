package dev.assay.core.fairness;

import dev.assay.core.Cancellation;
import java.util.Arrays;

/**
 * Percentile bootstrap 95% intervals, resampling rows with replacement within each group
 * (stratified by group, so every resample has the groups' sizes). For classification the rows of a
 * group only matter through its cell counts, so a resample draws those counts from the multinomial
 * distribution directly ({@link MultinomialSampler}): the same bootstrap, at a cost independent of
 * the number of rows.
 */
final class BootstrapIntervals {
  private BootstrapIntervals() {}

  /**
   * Intervals of every figure of {@code figures}.
   *
   * @return per figure {@code {low, high}}; NaN when no resample defined the figure
   */
  static double[][] classification(
      long[][] cells,
      ClassificationFigures figures,
      int resamples,
      long seed,
      Cancellation cancel) {
    int size = figures.size();
    double[][] draws = new double[size][resamples];
    if (resamples == 0) {
      return percentiles(draws, 0);
    }
    MultinomialSampler sampler = new MultinomialSampler(seed);
    long[] totals = new long[cells.length];
    for (int g = 0; g < cells.length; g++) {
      totals[g] = Arrays.stream(cells[g]).sum();
    }
    long[][] resampled = new long[cells.length][ClassificationFigures.CELLS];
    double[] out = new double[size];
    for (int b = 0; b < resamples; b++) {
      for (int g = 0; g < cells.length; g++) {
        sampler.multinomial(cells[g], totals[g], resampled[g]);
      }
      figures.compute(resampled, out);
      for (int f = 0; f < size; f++) {
        draws[f][b] = out[f];
      }
      if ((b & 63) == 0) {
        cancel.throwIfCancelled();
      }
    }
    return percentiles(draws, resamples);
  }

  /** The 2.5th and 97.5th percentiles (numpy's linear interpolation) of each row's finite draws. */
  static double[][] percentiles(double[][] draws, int count) {
    double[][] intervals = new double[draws.length][];
    for (int f = 0; f < draws.length; f++) {
      double[] finite = new double[count];
      int m = 0;
      for (int b = 0; b < count; b++) {
        if (!Double.isNaN(draws[f][b])) {
          finite[m++] = draws[f][b];
        }
      }
      if (m == 0) {
        intervals[f] = new double[] {Double.NaN, Double.NaN};
        continue;
      }
      Arrays.sort(finite, 0, m);
      intervals[f] = new double[] {quantile(finite, m, 0.025), quantile(finite, m, 0.975)};
    }
    return intervals;
  }

  private static double quantile(double[] sorted, int m, double q) {
    double position = (m - 1) * q;
    int lo = (int) Math.floor(position);
    int hi = Math.min(lo + 1, m - 1);
    if (Double.isInfinite(sorted[lo]) || Double.isInfinite(sorted[hi])) {
      return position - lo < 0.5 ? sorted[lo] : sorted[hi];
    }
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
  }
}
