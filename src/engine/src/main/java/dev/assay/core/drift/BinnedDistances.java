package dev.assay.core.drift;

/**
 * Distances between two distributions given as counts over the same bins or categories.
 *
 * <ul>
 *   <li>PSI = Σ (c_i - r_i) ln(c_i / r_i) on smoothed shares r_i = (a_i + 0.5) / (A + 0.5 k) and
 *       c_i = (b_i + 0.5) / (B + 0.5 k): half a row is added to every bin of both samples, always,
 *       so an empty bin gives a large but finite term and PSI changes continuously with the counts.
 *   <li>Jensen-Shannon distance in base 2 on the raw shares, as {@code
 *       scipy.spatial.distance.jensenshannon(a, b, base=2)}: in [0, 1].
 *   <li>Hellinger distance sqrt(1 - Σ sqrt(r_i c_i)) on the raw shares: in [0, 1].
 *   <li>L-infinity: max |r_i - c_i| on the raw shares.
 * </ul>
 */
public final class BinnedDistances {
  /** Counts added to every bin of both samples before PSI's logarithm. */
  public static final double PSI_PSEUDO_COUNT = 0.5;

  private BinnedDistances() {}

  /**
   * Population stability index with the pseudo-count rule above.
   *
   * @throws IllegalArgumentException when the vectors differ in length or are empty
   */
  public static double psi(long[] reference, long[] current) {
    check(reference, current);
    int k = reference.length;
    double a = sum(reference) + PSI_PSEUDO_COUNT * k;
    double b = sum(current) + PSI_PSEUDO_COUNT * k;
    double psi = 0;
    for (int i = 0; i < k; i++) {
      psi += psiTerm(reference[i], a, current[i], b);
    }
    return psi;
  }

  /** PSI's term for one bin, given the smoothed totals of the two samples. */
  static double psiTerm(
      long referenceCount, double referenceTotal, long currentCount, double currentTotal) {
    double r = (referenceCount + PSI_PSEUDO_COUNT) / referenceTotal;
    double c = (currentCount + PSI_PSEUDO_COUNT) / currentTotal;
    return (c - r) * Math.log(c / r);
  }

  /**
   * Jensen-Shannon distance, base 2.
   *
   * @throws IllegalArgumentException when the vectors differ in length, are empty or sum to zero
   */
  public static double jensenShannon(long[] reference, long[] current) {
    check(reference, current);
    double a = sum(reference);
    double b = sum(current);
    double left = 0;
    double right = 0;
    for (int i = 0; i < reference.length; i++) {
      double p = reference[i] / a;
      double q = current[i] / b;
      double m = (p + q) / 2.0;
      left += relativeEntropy(p, m);
      right += relativeEntropy(q, m);
    }
    double js = (left + right) / Math.log(2.0);
    return Math.sqrt(js / 2.0);
  }

  /**
   * Hellinger distance.
   *
   * @throws IllegalArgumentException when the vectors differ in length, are empty or sum to zero
   */
  public static double hellinger(long[] reference, long[] current) {
    check(reference, current);
    double a = sum(reference);
    double b = sum(current);
    double bhattacharyya = 0;
    for (int i = 0; i < reference.length; i++) {
      bhattacharyya += Math.sqrt(reference[i] / a * (current[i] / b));
    }
    return Math.sqrt(Math.max(0, 1 - bhattacharyya));
  }

  /**
   * Largest absolute difference of shares.
   *
   * @throws IllegalArgumentException when the vectors differ in length, are empty or sum to zero
   */
  public static double linf(long[] reference, long[] current) {
    check(reference, current);
    double a = sum(reference);
    double b = sum(current);
    double max = 0;
    for (int i = 0; i < reference.length; i++) {
      max = Math.max(max, Math.abs(reference[i] / a - current[i] / b));
    }
    return max;
  }

  /** x ln(x/y), 0 when x is 0, infinite when y is 0 and x is not. */
  static double relativeEntropy(double x, double y) {
    if (x > 0 && y > 0) {
      return x * Math.log(x / y);
    }
    return x == 0 && y >= 0 ? 0 : Double.POSITIVE_INFINITY;
  }

  /** Refuses count vectors of different lengths, empty ones, or a sample with no counts. */
  static void check(long[] reference, long[] current) {
    if (reference.length != current.length || reference.length == 0) {
      throw new IllegalArgumentException("count vectors must be non-empty and of one length");
    }
    if (sum(reference) == 0 || sum(current) == 0) {
      throw new IllegalArgumentException("a sample has no counts");
    }
  }

  /** The total of {@code counts}, as a double. */
  static double sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
