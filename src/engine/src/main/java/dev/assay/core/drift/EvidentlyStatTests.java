package dev.assay.core.drift;

import org.hipparchus.special.Erf;

/**
 * The statistics of Evidently's default (legacy {@code DataDriftPreset}) tests that Assay's sound
 * mode does not already compute, written from their definitions in Evidently's source
 * (evidentlyai/evidently, src/evidently/legacy/calculations/stattests, commit a4aa4c2):
 *
 * <ul>
 *   <li>{@code chisquare}: a goodness-of-fit test, not a homogeneity test: over the categories of
 *       both samples, expected counts are the reference counts times n_current / n_reference and
 *       {@code scipy.stats.chisquare(observed, expected)} gives the p-value with k - 1 degrees of
 *       freedom. A category the reference never has makes the statistic infinite (p = 0).
 *   <li>{@code z}: the two-proportion Z-test on the share of rows that are not the smallest
 *       category, pooled variance, p = 2 (1 - Φ(|z|)) computed as written (so it reaches 0 near |z|
 *       = 8.3); p = 1 when both samples hold one and the same value.
 *   <li>{@code jensenshannon}: {@code scipy.spatial.distance.jensenshannon} with no base, i.e. the
 *       natural logarithm (in [0, sqrt(ln 2)]), on the category shares of both samples.
 * </ul>
 */
public final class EvidentlyStatTests {
  /** 1 / sqrt(2), as Cephes' ndtr uses it. */
  private static final double SQRT1_2 = 0.707106781186547524400844362104849039;

  private EvidentlyStatTests() {}

  /**
   * Evidently's chi-square goodness of fit of the current counts to the scaled reference counts.
   *
   * @param reference counts per category (categories of both samples, one order)
   * @param current counts in the same order
   * @throws IllegalArgumentException when the vectors differ in length, have fewer than two
   *     categories or a sample has no counts
   */
  public static ChiSquareResult chiSquareGoodnessOfFit(long[] reference, long[] current) {
    BinnedDistances.check(reference, current);
    if (reference.length < 2) {
      throw new IllegalArgumentException("chi-square needs at least two categories");
    }
    double kNorm = BinnedDistances.sum(current) / BinnedDistances.sum(reference);
    double statistic = 0;
    for (int i = 0; i < reference.length; i++) {
      double expected = reference[i] * kNorm;
      double d = current[i] - expected;
      statistic += expected == 0 ? Double.POSITIVE_INFINITY : d * d / expected;
    }
    int dof = reference.length - 1;
    double p = Double.isInfinite(statistic) ? 0.0 : ChiSquareHomogeneity.upperTail(statistic, dof);
    return new ChiSquareResult(statistic, p, dof);
  }

  /**
   * Evidently's two-proportion Z-test.
   *
   * @param referenceOther reference rows that are not the smallest category
   * @param nReference reference rows
   * @param currentOther current rows that are not the smallest category
   * @param nCurrent current rows
   * @return {z, p}; z is NaN when both samples hold one and the same value (then p = 1)
   * @throws IllegalArgumentException when a sample is empty or a count exceeds its total
   */
  public static double[] zTest(
      long referenceOther, long nReference, long currentOther, long nCurrent) {
    if (nReference <= 0
        || nCurrent <= 0
        || referenceOther < 0
        || currentOther < 0
        || referenceOther > nReference
        || currentOther > nCurrent) {
      throw new IllegalArgumentException("bad counts for a proportion test");
    }
    double n1 = nReference;
    double n2 = nCurrent;
    double p1 = referenceOther / n1;
    double p2 = currentOther / n2;
    double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    if (pooled == 0 || pooled == 1) {
      return new double[] {Double.NaN, 1.0};
    }
    double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    return new double[] {z, 2 * (1 - normalCdf(Math.abs(z)))};
  }

  /** Φ(x) as Cephes' ndtr: 0.5 + 0.5 erf(x / sqrt 2) near 0, else 1 - 0.5 erfc(|x| / sqrt 2). */
  static double normalCdf(double x) {
    double t = x * SQRT1_2;
    double z = Math.abs(t);
    if (z < SQRT1_2) {
      return 0.5 + 0.5 * Erf.erf(t);
    }
    double y = 0.5 * Erf.erfc(z);
    return t > 0 ? 1 - y : y;
  }

  /**
   * Jensen-Shannon distance with the natural logarithm, as {@code
   * scipy.spatial.distance.jensenshannon(p, q)} (no base).
   *
   * @throws IllegalArgumentException when the vectors differ in length, are empty or sum to zero
   */
  public static double jensenShannonNatural(long[] reference, long[] current) {
    BinnedDistances.check(reference, current);
    double a = BinnedDistances.sum(reference);
    double b = BinnedDistances.sum(current);
    double left = 0;
    double right = 0;
    for (int i = 0; i < reference.length; i++) {
      double p = reference[i] / a;
      double q = current[i] / b;
      double m = (p + q) / 2.0;
      left += BinnedDistances.relativeEntropy(p, m);
      right += BinnedDistances.relativeEntropy(q, m);
    }
    return Math.sqrt((left + right) / 2.0);
  }
}
