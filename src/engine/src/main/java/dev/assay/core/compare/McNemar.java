package dev.assay.core.compare;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * McNemar's test on paired correctness. Only the discordant pairs count: {@code b} rows the
 * baseline got right and the challenger wrong, {@code c} rows the other way round. With fewer than
 * 25 discordant pairs the exact two-sided binomial test ({@code b ~ Binomial(b + c, 1/2)}) is used,
 * else the chi-square statistic with continuity correction {@code (|b - c| - 1)^2 / (b + c)} on one
 * degree of freedom (as statsmodels' {@code mcnemar(exact=False, correction=True)}).
 */
public final class McNemar {
  /** Below this many discordant pairs the exact binomial test is used. */
  public static final long EXACT_BELOW = 25;

  private McNemar() {}

  /**
   * The outcome.
   *
   * @param statistic min(b, c) for the exact test, the chi-square value otherwise
   * @param method {@code mcnemar_exact} or {@code mcnemar_chi2}
   */
  public record Result(long b, long c, double statistic, double pValue, String method) {}

  /** Tests whether the two versions' accuracies differ. */
  public static Result test(long b, long c) {
    if (b < 0 || c < 0) {
      throw new IllegalArgumentException("negative counts " + b + ", " + c);
    }
    long n = b + c;
    if (n < EXACT_BELOW) {
      long k = Math.min(b, c);
      double p =
          n == 0 ? 1.0 : 2 * new BinomialDistribution((int) n, 0.5).cumulativeProbability((int) k);
      return new Result(b, c, k, Math.min(1.0, p), "mcnemar_exact");
    }
    double d = Math.abs(b - c) - 1.0;
    double statistic = d * d / n;
    double p = 1 - new ChiSquaredDistribution(1).cumulativeProbability(statistic);
    return new Result(b, c, statistic, p, "mcnemar_chi2");
  }
}
