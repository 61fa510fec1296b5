package dev.assay.core.compare;

import org.hipparchus.distribution.continuous.NormalDistribution;

/** Confidence intervals of running metrics. */
public final class Intervals {
  /** The two-sided 95% normal quantile (1.959964...). */
  public static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.975);

  private Intervals() {}

  /** The 95% Wilson score interval of a proportion {@code successes / n}: {low, high}. */
  public static double[] wilson(long successes, long n) {
    if (n <= 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double center = (p + z2 / (2.0 * n)) / denominator;
    double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, center - half), Math.min(1, center + half)};
  }

  /**
   * The 95% normal interval of an ROC AUC with the Hanley &amp; McNeil (1982) standard error, for
   * {@code positives} and {@code negatives} rows: {low, high}, clipped to [0, 1].
   */
  public static double[] hanleyMcNeil(double auc, long positives, long negatives) {
    if (Double.isNaN(auc) || positives == 0 || negatives == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double q1 = auc / (2 - auc);
    double q2 = 2 * auc * auc / (1 + auc);
    double variance =
        (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
            / ((double) positives * negatives);
    double half = Z95 * Math.sqrt(Math.max(variance, 0));
    return new double[] {Math.max(0, auc - half), Math.min(1, auc + half)};
  }
}
