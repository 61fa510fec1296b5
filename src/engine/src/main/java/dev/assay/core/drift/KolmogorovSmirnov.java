package dev.assay.core.drift;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The two-sided two-sample Kolmogorov-Smirnov test as {@code scipy.stats.ks_2samp(a, b,
 * method='auto')} of SciPy 1.10: the statistic from both empirical CDFs evaluated at every
 * observation (ties included), an exact p-value when max(n1, n2) &le; 10,000 (Hodges' lattice-path
 * recursion in Viehmann's stable form, or the closed form for n1 = n2), else the one-sample
 * Kolmogorov distribution at n = round(n1 n2 / (n1 + n2)) ({@link KolmogorovDistribution}). When
 * the exact computation fails numerically it falls back to the asymptotic one, as SciPy does.
 */
public final class KolmogorovSmirnov {
  /** Largest sample size for which {@code auto} computes the exact p-value. */
  public static final int MAX_EXACT_N = 10_000;

  private KolmogorovSmirnov() {}

  /**
   * Tests whether two samples come from the same continuous distribution.
   *
   * @param a the first sample, sorted ascending, finite values
   * @param b the second sample, sorted ascending, finite values
   * @throws IllegalArgumentException when a sample is empty
   */
  public static KsResult test(double[] a, double[] b) {
    return test(a, a.length, b, b.length);
  }

  /**
   * As {@link #test(double[], double[])} on the first {@code n1} and {@code n2} values.
   *
   * @throws IllegalArgumentException when a sample is empty
   */
  public static KsResult test(double[] a, int n1, double[] b, int n2) {
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("a Kolmogorov-Smirnov sample is empty");
    }
    return ofStatistic(statistic(a, n1, b, n2), n1, n2);
  }

  /**
   * The test's result for the statistic {@code d} of samples of {@code n1} and {@code n2} values
   * (as {@link #statistic}).
   */
  static KsResult ofStatistic(double d, int n1, int n2) {
    if (Math.max(n1, n2) <= MAX_EXACT_N) {
      long g = gcd(n1, n2);
      long lcm = (n1 / g) * n2;
      long h = (long) Math.rint(d * lcm);
      d = (double) h / lcm;
      if (h == 0) {
        return new KsResult(d, 1.0, KsMethod.EXACT);
      }
      double p = exactProbability(n1, n2, g, h);
      if (p >= 0 && p <= 1) {
        return new KsResult(d, p, KsMethod.EXACT);
      }
    }
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    double en = m * n / (m + n);
    double p = KolmogorovDistribution.sf((int) Math.rint(en), d);
    return new KsResult(d, Math.min(1, Math.max(0, p)), KsMethod.ASYMP);
  }

  /**
   * Exact p-values already computed, by sample sizes and lattice statistic h: the computation is a
   * pure function of (n1, n2, h) and costs O(max(n1, n2) · band) for unequal sizes, while a stream
   * of windows of one size against one reference meets the same few h again and again (every
   * discrete feature's statistic takes few values). Bounded: cleared when full.
   */
  private static final ConcurrentHashMap<Long, Double> EXACT = new ConcurrentHashMap<>();

  private static final int EXACT_CACHE_SIZE = 1 << 14;

  /** P(D &ge; h / lcm) for samples of n1 and n2 (at most {@link #MAX_EXACT_N} each). */
  private static double exactProbability(int n1, int n2, long g, long h) {
    if (n1 == n2) {
      return probabilityOutsideSquare(n1, h);
    }
    Long key = ((long) n1 << 50) | ((long) n2 << 36) | h;
    Double known = EXACT.get(key);
    if (known != null) {
      return known;
    }
    double p = outerProbability(n1, n2, g, h);
    if (EXACT.size() >= EXACT_CACHE_SIZE) {
      EXACT.clear();
    }
    EXACT.put(key, p);
    return p;
  }

  /**
   * The largest absolute difference of the two empirical CDFs.
   *
   * @param a the first sample, sorted, first {@code n1} values used
   * @param b the second sample, sorted, first {@code n2} values used
   */
  public static double statistic(double[] a, int n1, double[] b, int n2) {
    int i = 0;
    int j = 0;
    double max = 0;
    double min = 0;
    while (i < n1 || j < n2) {
      double v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
      while (i < n1 && a[i] <= v) {
        i++;
      }
      while (j < n2 && b[j] <= v) {
        j++;
      }
      double diff = (double) i / n1 - (double) j / n2;
      max = Math.max(max, diff);
      min = Math.min(min, diff);
    }
    return Math.max(max, Math.min(1, -min));
  }

  /** P(D ≥ h/n) for two samples of n each: 2 Σ (-1)^(k+1) C(2n, n - kh) / C(2n, n), Horner-wise. */
  static double probabilityOutsideSquare(long n, long h) {
    double p = 0;
    long k = (long) Math.floor((double) n / h);
    while (k >= 0) {
      double p1 = 1;
      for (long j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1 - p);
      k--;
    }
    return 2 * p;
  }

  /**
   * The share of lattice paths from (0, 0) to (m, n) that leave the band |x/m - y/n| &lt; h / lcm,
   * by the inside method computing 1 - p directly (Viehmann 2021, arXiv:2102.08037).
   */
  static double outerProbability(long m, long n, long g, long h) {
    if (m < n) {
      long t = m;
      m = n;
      n = t;
    }
    long mg = m / g;
    long ng = n / g;
    int minj = 0;
    int maxj = (int) Math.min(Math.ceil((double) h / mg), n + 1);
    int curlen = maxj - minj;
    int lenA = (int) Math.min(2L * maxj + 2, n + 1);
    double[] a = new double[lenA];
    java.util.Arrays.fill(a, 1.0);
    java.util.Arrays.fill(a, minj, maxj, 0.0);
    double[] weight = new double[lenA];
    double[] own = new double[lenA];
    for (long i = 1; i <= m; i++) {
      int lastminj = minj;
      int lastlen = curlen;
      minj = (int) Math.max(Math.floor((double) (ng * i - h) / mg) + 1, 0);
      minj = (int) Math.min(minj, n);
      maxj = (int) Math.min(Math.ceil((double) (ng * i + h) / mg), n + 1);
      if (maxj <= minj) {
        return 1.0;
      }
      // SciPy's step is val = (a[jj + minj - lastminj] * i + val * j) / (i + j); written as
      // val = val * (j / (i + j)) + a[..] * i / (i + j), the divisions leave the dependency chain
      // (a pass of its own that the JIT vectorises) and the chain is one multiply and one add per
      // cell: the same convex combination, equal to SciPy's up to rounding (a few ulps).
      int len = maxj - minj;
      int shift = minj - lastminj;
      double di = i;
      for (int jj = 0; jj < len; jj++) {
        double s = di + (jj + minj);
        weight[jj] = (jj + minj) / s;
        own[jj] = a[jj + shift] * di / s;
      }
      double val = minj == 0 ? 0.0 : 1.0;
      for (int jj = 0; jj < len; jj++) {
        val = val * weight[jj] + own[jj];
        a[jj] = val;
      }
      curlen = maxj - minj;
      if (lastlen > curlen) {
        int from = maxj - minj;
        int to = Math.min(from + (lastlen - curlen), lenA);
        java.util.Arrays.fill(a, from, to, 1.0);
      }
    }
    return a[maxj - minj - 1];
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
