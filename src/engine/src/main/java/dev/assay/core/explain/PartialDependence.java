package dev.assay.core.explain;

import java.util.Arrays;

/**
 * Partial dependence and individual conditional expectation (ICE) of one feature, as scikit-learn's
 * {@code sklearn.inspection.partial_dependence(method="brute")}: for each grid value v every row's
 * feature is set to v and the model evaluated; ICE is each row's curve, the partial dependence
 * their mean.
 *
 * <p>The grid is scikit-learn's {@code _grid_from_X}: the sorted distinct values when there are
 * fewer than {@code resolution} of them, else {@code resolution} evenly spaced points between the
 * {@code percentiles} of the column, taken with {@code scipy.stats.mstats.mquantiles} (plotting
 * positions alphap = betap = 0.4).
 */
public final class PartialDependence {
  /** scikit-learn's defaults: 100 grid points between the 5th and 95th percentiles. */
  public static final int RESOLUTION = 100;

  public static final double LOW = 0.05;
  public static final double HIGH = 0.95;

  /**
   * One feature's curves.
   *
   * @param individual ICE: {@code individual[r][g]} is row r's output at grid value g
   */
  public record Curve(String feature, double[] grid, double[] average, double[][] individual) {}

  private PartialDependence() {}

  /**
   * scikit-learn's grid for one column.
   *
   * @throws IllegalArgumentException when the column is empty or the percentiles coincide (as
   *     scikit-learn refuses)
   */
  public static double[] grid(double[] column, double low, double high, int resolution) {
    if (column.length == 0 || resolution < 2 || !(low >= 0 && low < high && high <= 1)) {
      throw new IllegalArgumentException("a column and 0 <= low < high <= 1 are needed");
    }
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    double[] distinct = Arrays.stream(sorted).distinct().toArray();
    if (distinct.length < resolution) {
      return distinct;
    }
    double lo = mquantile(sorted, low);
    double hi = mquantile(sorted, high);
    // numpy.allclose(lo, hi), as scikit-learn checks
    if (Math.abs(lo - hi) <= 1e-8 + 1e-5 * Math.abs(hi)) {
      throw new IllegalArgumentException(
          "the percentiles are too close to each other to build the grid");
    }
    double[] grid = new double[resolution];
    double step = (hi - lo) / (resolution - 1);
    for (int g = 0; g < resolution; g++) {
      grid[g] = lo + g * step;
    }
    grid[resolution - 1] = hi;
    return grid;
  }

  /**
   * {@code scipy.stats.mstats.mquantiles(x, prob=[p], alphap=0.4, betap=0.4)} of sorted values:
   * {@code m = 0.4 + 0.2 p}, {@code aleph = n p + m}, {@code k = floor(clip(aleph, 1, n − 1))},
   * {@code γ = clip(aleph − k, 0, 1)}, quantile {@code (1 − γ) x[k−1] + γ x[k]}.
   */
  static double mquantile(double[] sorted, double p) {
    int n = sorted.length;
    if (n == 1) {
      return sorted[0];
    }
    double m = 0.4 + p * (1 - 0.4 - 0.4);
    double aleph = n * p + m;
    int k = (int) Math.floor(Math.min(Math.max(aleph, 1), n - 1));
    double gamma = Math.min(Math.max(aleph - k, 0), 1);
    return (1 - gamma) * sorted[k - 1] + gamma * sorted[k];
  }

  /**
   * The curves of feature {@code feature} of {@code model} over {@code rows} (row-major) at the
   * given grid values.
   *
   * @param name the feature's name, for the result
   */
  public static Curve compute(
      ModelFunction model, double[] rows, int feature, String name, double[] grid) {
    int m = model.features();
    int n = rows.length / m;
    double[] changed = rows.clone();
    double[] out = new double[n];
    double[][] individual = new double[n][grid.length];
    double[] average = new double[grid.length];
    for (int g = 0; g < grid.length; g++) {
      for (int r = 0; r < n; r++) {
        changed[r * m + feature] = grid[g];
      }
      model.evaluate(changed, n, out);
      double sum = 0;
      for (int r = 0; r < n; r++) {
        individual[r][g] = out[r];
        sum += out[r];
      }
      average[g] = sum / n;
    }
    return new Curve(name, grid, average, individual);
  }

  /** The column {@code feature} of row-major rows of width m. */
  public static double[] column(double[] rows, int m, int feature) {
    double[] c = new double[rows.length / m];
    for (int r = 0; r < c.length; r++) {
      c[r] = rows[r * m + feature];
    }
    return c;
  }
}
