package dev.assay.core.drift;

import org.hipparchus.special.Gamma;

/**
 * The chi-square test of homogeneity of two count vectors, as {@code
 * scipy.stats.chi2_contingency([reference, current])} of SciPy 1.10: expected counts from the
 * margins, Yates' continuity correction (each observed count moved towards its expectation by at
 * most 0.5) when there is one degree of freedom. Categories that neither sample has are left out,
 * so a category present in only one sample has a positive expectation in both rows and the
 * statistic stays finite.
 */
public final class ChiSquareHomogeneity {
  private ChiSquareHomogeneity() {}

  /**
   * Tests whether two samples share one categorical distribution.
   *
   * @param reference counts per category
   * @param current counts per category, same order and length
   * @throws IllegalArgumentException when the lengths differ, a count is negative or a sample is
   *     empty
   */
  public static ChiSquareResult test(long[] reference, long[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException("count vectors differ in length");
    }
    int k = 0;
    long total1 = 0;
    long total2 = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] < 0 || current[i] < 0) {
        throw new IllegalArgumentException("negative count");
      }
      if (reference[i] + current[i] > 0) {
        k++;
      }
      total1 += reference[i];
      total2 += current[i];
    }
    if (total1 == 0 || total2 == 0) {
      throw new IllegalArgumentException("a sample has no counts");
    }
    int dof = k - 1;
    if (dof == 0) {
      return new ChiSquareResult(0.0, 1.0, 0);
    }
    double total = (double) (total1 + total2);
    double statistic = 0;
    for (int i = 0; i < reference.length; i++) {
      long column = reference[i] + current[i];
      if (column == 0) {
        continue;
      }
      statistic += term(reference[i], (double) total1 * column / total, dof);
      statistic += term(current[i], (double) total2 * column / total, dof);
    }
    return new ChiSquareResult(statistic, upperTail(statistic, dof), dof);
  }

  /** P(X &gt; x) for X chi-square with {@code dof} degrees of freedom. */
  static double upperTail(double x, int dof) {
    if (x <= 0) {
      return 1.0;
    }
    return Gamma.regularizedGammaQ(dof / 2.0, x / 2.0);
  }

  private static double term(long observedCount, double expected, int dof) {
    double observed = observedCount;
    if (dof == 1) {
      double diff = expected - observed;
      observed += Math.min(0.5, Math.abs(diff)) * Math.signum(diff);
    }
    double d = observed - expected;
    return d * d / expected;
  }
}
