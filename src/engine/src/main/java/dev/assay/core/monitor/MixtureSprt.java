package dev.assay.core.monitor;

/**
 * The mixture sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis and Walsh
 * ("Always valid inference", 2017) for a difference θ of two means whose estimate θ̂ is normal with
 * variance V: under H0 θ = 0, against a normal mixture θ ~ N(0, τ²) of alternatives,
 *
 * <pre>
 *   Λ = sqrt(V / (V + τ²)) · exp(θ̂² τ² / (2 V (V + τ²)))
 * </pre>
 *
 * is a nonnegative martingale under H0 (for normal data with known V), so by Ville's inequality P(Λ
 * ever reaches 1/α) ≤ α: the test may be looked at after every event or window and stopped at any
 * time. The always-valid p-value is the running minimum of 1/Λ, and the (1 - α) confidence sequence
 * is the set of θ0 the same test (centred at θ0) does not reject: θ̂ ± {@link #halfWidth}. For
 * rates (Bernoulli data) V is the plug-in variance p̂₁(1-p̂₁)/n₁ + p̂₂(1-p̂₂)/n₂, which makes the
 * guarantee hold in the normal approximation; {@code MixtureSprtTest} checks the false-stop rate by
 * simulation.
 */
public final class MixtureSprt {
  private MixtureSprt() {}

  /**
   * log Λ for the estimate {@code diff} with variance {@code variance} and mixing variance {@code
   * tau2}; 0 (no evidence) when the variance is not positive.
   */
  public static double logLikelihoodRatio(double diff, double variance, double tau2) {
    if (!(variance > 0) || !(tau2 > 0) || !Double.isFinite(diff)) {
      return 0;
    }
    return 0.5 * Math.log(variance / (variance + tau2))
        + diff * diff * tau2 / (2 * variance * (variance + tau2));
  }

  /**
   * Half the width of the (1 - alpha) confidence sequence around the estimate; infinite when the
   * variance is not positive.
   */
  public static double halfWidth(double variance, double tau2, double alpha) {
    if (!(variance > 0) || !(tau2 > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.sqrt(
        2
            * variance
            * (variance + tau2)
            / tau2
            * (Math.log(1 / alpha) + 0.5 * Math.log((variance + tau2) / variance)));
  }

  /** The plug-in variance of p̂₂ - p̂₁ for successes k out of n in each group; NaN with n = 0. */
  public static double differenceVariance(long k1, long n1, long k2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return Double.NaN;
    }
    double p1 = (double) k1 / n1;
    double p2 = (double) k2 / n2;
    return p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
  }
}
