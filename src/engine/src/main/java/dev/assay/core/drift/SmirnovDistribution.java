package dev.assay.core.drift;

/**
 * The survival function of the one-sided one-sample Kolmogorov-Smirnov statistic D+_n, as {@code
 * scipy.special.smirnov(n, x)} of SciPy 1.10 (cephes {@code kolmogorov.c}): the Birnbaum-Tingey sum
 * Σ_v C(n, v) x (x + v/n)^(v-1) (1 - x - v/n)^(n-v) with SciPy's early stop and special cases, and
 * its closed form above n = 1,000,000. SciPy sums in double-double arithmetic; here each term is
 * formed in log space with the products and the reduction by ln 2 carried to double-double and the
 * binomial kept as a double-double mantissa with a separate exponent, so a term's relative error
 * grows like (n x + v) ε rather than n ε. Only the lower sum is implemented: {@link
 * KolmogorovDistribution} calls this in the upper tail (n x² ≥ 2.2 or x ≥ 0.5), where SciPy also
 * uses the lower sum.
 */
final class SmirnovDistribution {
  static final int MAX_COMPUTE_N = 1_000_000;
  private static final double MIN_LOG = -7.08396418532264106224E2;
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  private static final double LN2 = Math.log(2);

  private SmirnovDistribution() {}

  /** P(D+_n ≥ x). */
  static double sf(int n, double x) {
    if (!(n > 0 && x >= 0.0 && x <= 1.0)) {
      return Double.NaN;
    }
    if (n == 1) {
      return 1 - x;
    }
    if (x == 0.0) {
      return 1.0;
    }
    if (x == 1.0) {
      return 0.0;
    }
    long nxfl = (long) Math.floor(n * x);
    double alpha = Math.fma(n, x, -nxfl);
    if (alpha < 0) {
      nxfl--;
      alpha = Math.fma(n, x, -nxfl);
    }
    if (alpha >= 1) {
      nxfl++;
      alpha = 0;
    }
    long n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1);
    if (alpha == 0) {
      n1mxfl -= 1;
    }
    if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
      double cdf = x * Math.exp((n - 1) * Math.log1p(x));
      return clip(1 - cdf);
    }
    if ((double) (-2 * n) * x * x < MIN_LOG) {
      return 0.0;
    }
    if (nxfl >= n - 1) {
      return clip(Math.exp(n * Math.log1p(-x)));
    }
    if (n > MAX_COMPUTE_N) {
      double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
      return logp < -LN2 ? Math.exp(logp) : 1 - (-Math.expm1(logp));
    }
    return clip(x * lowerSum(n, x, nxfl, alpha, n1mxfl + 1));
  }

  private static double lowerSum(int n, double x, long nxfl, double alpha, long terms) {
    double sum = 0;
    double compensation = 0;
    double binomialHi = 1;
    double binomialLo = 0;
    long binomialExponent = 0;
    long vmid = n / 2;
    for (long v = 0; v < terms; v++) {
      double term = term(n, v, nxfl, alpha, binomialHi, binomialLo, binomialExponent);
      if (Double.isFinite(term) && term != 0) {
        double s = sum + term;
        compensation += Math.abs(sum) >= Math.abs(term) ? (sum - s) + term : (term - s) + sum;
        sum = s;
      }
      if (v > 0) {
        if (term != 0) {
          if (4 * (terms - v) * Math.abs(term) < Math.ulp(1.0) * (sum + compensation)
              && v != terms - 1) {
            break;
          }
        } else if (v > vmid) {
          break;
        }
      }
      // C(n, v + 1) = C(n, v) (n - v) / (v + 1), the ratio in double-double
      double ratio = (double) (n - v) / (v + 1);
      double ratioLo = Math.fma(-ratio, v + 1, n - v) / (v + 1);
      double hi = binomialHi * ratio;
      double lo = Math.fma(binomialHi, ratio, -hi) + (binomialHi * ratioLo + binomialLo * ratio);
      double renormHi = hi + lo;
      double renormLo = lo - (renormHi - hi);
      int e = Math.getExponent(renormHi);
      binomialHi = Math.scalb(renormHi, -e);
      binomialLo = Math.scalb(renormLo, -e);
      binomialExponent += e;
    }
    return sum + compensation;
  }

  /** C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v), the binomial as (hi + lo) 2^exponent. */
  private static double term(
      int n, long v, long nxfl, double alpha, double cHi, double cLo, long cExponent) {
    double up = ((nxfl + v) + alpha) / n; // x + v/n
    double down = ((n - v - nxfl) - alpha) / n; // 1 - x - v/n
    if (!(down > 0)) {
      return 0;
    }
    double logUp = Math.log(up);
    double logDown = up < 0.5 ? Math.log1p(-up) : Math.log(down);
    double p1 = (v - 1) * logUp;
    double e1 = Math.fma(v - 1, logUp, -p1);
    double p2 = (n - v) * logDown;
    double e2 = Math.fma(n - v, logDown, -p2);
    double s = p1 + p2;
    double bb = s - p1;
    double sErr = (p1 - (s - bb)) + (p2 - bb);
    long k = Math.round(s / LN2);
    double r = (s - k * LN2_HI) + (sErr + e1 + e2 - k * LN2_LO);
    double mantissa = (cHi + cLo) * Math.exp(r);
    long exponent = cExponent + k;
    if (exponent < -1100) {
      return 0;
    }
    if (exponent > 1100) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.scalb(mantissa, (int) exponent);
  }

  private static double clip(double p) {
    return Math.min(1.0, Math.max(0.0, p));
  }
}
