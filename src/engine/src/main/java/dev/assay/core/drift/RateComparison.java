package dev.assay.core.drift;

/**
 * A share of rows (missing cells, non-finite numbers) in the reference and the current data, with a
 * two-sided two-proportion test (pooled z, equal to {@code chi2_contingency(..., correction=False)}
 * on the 2 x 2 table).
 *
 * @param reference the share in the reference rows
 * @param current the share in the current rows
 * @param pValue two-sided p-value; 1 when neither sample has such a row
 */
public record RateComparison(double reference, double current, double pValue) {

  /**
   * Compares {@code k1} of {@code n1} reference rows with {@code k2} of {@code n2} current rows.
   *
   * @throws IllegalArgumentException when a count is out of range or a sample is empty
   */
  public static RateComparison of(long k1, long n1, long k2, long n2) {
    if (n1 <= 0 || n2 <= 0 || k1 < 0 || k2 < 0 || k1 > n1 || k2 > n2) {
      throw new IllegalArgumentException("bad proportion counts");
    }
    double p1 = (double) k1 / n1;
    double p2 = (double) k2 / n2;
    double pooled = (double) (k1 + k2) / (n1 + n2);
    if (pooled == 0 || pooled == 1) {
      return new RateComparison(p1, p2, 1.0);
    }
    double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
    double z2 = (p1 - p2) * (p1 - p2) / variance;
    return new RateComparison(p1, p2, ChiSquareHomogeneity.upperTail(z2, 1));
  }

  /** Whether either sample has such a row, so that the test is informative. */
  public boolean observed() {
    return reference > 0 || current > 0;
  }

  /** |current - reference|. */
  public double difference() {
    return Math.abs(current - reference);
  }
}
