package dev.assay.core.drift;

/**
 * The survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, as SciPy
 * 1.10's {@code scipy.stats.kstwo.sf(x, n)} ({@code scipy/stats/_ksstats.py}, Simard and L'Ecuyer's
 * choice of method): Ruben-Gambino closed forms at the ends, twice the one-sided {@link
 * SmirnovDistribution} in the upper tail, the Durbin matrix (Marsaglia-Tsang-Wang) or Pomeranz
 * recursion for small n, Pelz-Good's expansion for large n.
 */
public final class KolmogorovDistribution {
  private static final double EP128 = 0x1p128;
  private static final double EM128 = 0x1p-128;
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
  private static final double MIN_LOG = -708;
  private static final double PI2 = Math.PI * Math.PI;
  private static final double PI4 = PI2 * PI2;
  private static final double PI6 = PI4 * PI2;
  private static final double[] STIRLING = {
    -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
    8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
    -2.7777777777777777778e-3, 8.3333333333333333333e-2
  };

  private KolmogorovDistribution() {}

  /**
   * P(D_n &gt; x).
   *
   * @throws IllegalArgumentException when n &lt; 1
   */
  public static double sf(int n, double x) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    if (x >= 1.0) {
      return 0.0;
    }
    if (x <= 0.0) {
      return 1.0;
    }
    double t = n * x;
    if (t <= 1.0) {
      if (t <= 0.5) {
        return 1.0;
      }
      double prob;
      if (n <= 140) {
        prob = 1.0;
        for (int i = 1; i <= n; i++) {
          prob *= i * (1.0 / n) * (2 * t - 1);
        }
      } else {
        prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
      }
      return clip(1.0 - prob);
    }
    if (t >= n - 1) {
      return clip(2 * Math.pow(1.0 - x, n));
    }
    if (x >= 0.5) {
      return clip(2 * SmirnovDistribution.sf(n, x));
    }
    double nxSquared = t * x;
    if (n <= 140) {
      if (nxSquared <= 0.754693) {
        return clip(1.0 - durbinMatrixCdf(n, x));
      }
      if (nxSquared <= 4) {
        return clip(1.0 - pomeranzCdf(n, x));
      }
      return clip(2 * SmirnovDistribution.sf(n, x));
    }
    if (nxSquared >= 370.0) {
      return 0.0;
    }
    if (nxSquared >= 2.2) {
      return clip(2 * SmirnovDistribution.sf(n, x));
    }
    double cdf =
        n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
    return clip(1.0 - cdf);
  }

  /** log(n! / n^n) by Stirling's series with n log n removed up front. */
  static double logFactorialOverPower(int n) {
    double rn = 1.0 / n;
    double z = rn / n;
    double poly = 0;
    for (double c : STIRLING) {
      poly = poly * z + c;
    }
    return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
  }

  /** P(D_n ≤ d) by Durbin's matrix, powered as Marsaglia, Tsang and Wang (2003). */
  static double durbinMatrixCdf(int n, double d) {
    if (d >= 1.0) {
      return 1.0;
    }
    double nd = n * d;
    if (nd <= 0.5) {
      return 0.0;
    }
    int k = (int) Math.ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;
    double[] v = new double[m];
    double[] w = new double[m];
    double fac = 1.0;
    for (int j = 1; j <= m; j++) {
      v[j - 1] = 1.0 - Math.pow(h, j);
      w[j - 1] = fac;
      fac /= j;
      v[j - 1] *= fac;
    }
    double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
    v[m - 1] = (1.0 + tt) * fac;
    double[][] matrix = new double[m][m];
    for (int i = 1; i < m; i++) {
      for (int r = i - 1; r < m; r++) {
        matrix[r][i] = w[r - (i - 1)];
      }
    }
    for (int r = 0; r < m; r++) {
      matrix[r][0] = v[r];
    }
    for (int c = 0; c < m; c++) {
      matrix[m - 1][c] = v[m - 1 - c];
    }
    double[][] power = identity(m);
    int nn = n;
    int exponent = 0;
    int matrixExponent = 0;
    while (nn > 0) {
      if (nn % 2 == 1) {
        power = multiply(power, matrix);
        exponent += matrixExponent;
      }
      matrix = multiply(matrix, matrix);
      matrixExponent *= 2;
      if (Math.abs(matrix[k - 1][k - 1]) > EP128) {
        scale(matrix, EM128);
        matrixExponent += 128;
      }
      nn /= 2;
    }
    double p = power[k - 1][k - 1];
    for (int i = 1; i <= n; i++) {
      p = i * p / n;
      if (Math.abs(p) < EM128) {
        p *= EP128;
        exponent -= 128;
      }
    }
    if (exponent != 0) {
      p = Math.scalb(p, exponent);
    }
    return clip(p);
  }

  /** P(D_n ≤ x) by Pomeranz's recursion (1974). */
  static double pomeranzCdf(int n, double x) {
    double t = n * x;
    int ll = (int) Math.floor(t);
    double f = t - ll;
    double g = Math.min(f, 1.0 - f);
    int ceilf = f > 0 ? 1 : 0;
    int roundf = f > 0.5 ? 1 : 0;
    int npwrs = 2 * (ll + 1);
    double[] gpower = new double[npwrs];
    double[] twogpower = new double[npwrs];
    double[] onem2gpower = new double[npwrs];
    gpower[0] = 1.0;
    twogpower[0] = 1.0;
    onem2gpower[0] = 1.0;
    double gOverN = g / n;
    double twoGOverN = 2 * g / n;
    double oneMinusTwoGOverN = (1 - 2 * g) / n;
    for (int m = 1; m < npwrs; m++) {
      gpower[m] = gpower[m - 1] * gOverN / m;
      twogpower[m] = twogpower[m - 1] * twoGOverN / m;
      onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
    }
    double[] v0 = new double[npwrs];
    double[] v1 = new double[npwrs];
    v1[0] = 1;
    int v0s = 0;
    int v1s = 0;
    int exponent = 0;
    int[] j = pomeranzBounds(0, n, ll, ceilf, roundf);
    for (int i = 1; i < 2 * n + 2; i++) {
      int k1 = j[0];
      double[] swap = v0;
      v0 = v1;
      v1 = swap;
      int swaps = v0s;
      v0s = v1s;
      v1s = swaps;
      java.util.Arrays.fill(v1, 0.0);
      j = pomeranzBounds(i, n, ll, ceilf, roundf);
      double[] pwrs = i == 1 || i == 2 * n + 1 ? gpower : i % 2 == 1 ? twogpower : onem2gpower;
      int ln2 = j[1] - k1 + 1;
      if (ln2 > 0) {
        int from = k1 - v0s;
        int la = Math.min(ln2, npwrs - from);
        int lv = Math.min(ln2, npwrs);
        int convStart = j[0] - k1;
        int convLen = j[1] - j[0] + 1;
        double max = 0;
        for (int c = 0; c < convLen; c++) {
          int out = convStart + c;
          double sum = 0;
          for (int a = Math.max(0, out - lv + 1); a <= Math.min(out, la - 1); a++) {
            sum += v0[from + a] * pwrs[out - a];
          }
          v1[c] = sum;
          max = Math.max(max, sum);
        }
        if (max > 0 && max < EM128) {
          scale(v1, EP128);
          exponent -= 128;
        }
        v1s = v0s + j[0] - k1;
      }
    }
    double ans = v1[n - v1s];
    for (int m = 1; m <= n; m++) {
      if (Math.abs(ans) > EP128) {
        ans *= EM128;
        exponent += 128;
      }
      ans *= m;
    }
    if (exponent != 0) {
      ans = Math.scalb(ans, exponent);
    }
    return clip(ans);
  }

  private static int[] pomeranzBounds(int i, int n, int ll, int ceilf, int roundf) {
    int j1;
    int j2;
    if (i == 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      int half = (i + 1) / 2;
      if ((i + 1) % 2 == 0) {
        if (half == n + 1) {
          j1 = n - ll - ceilf - 1;
          j2 = n + ll + ceilf - 1;
        } else {
          j1 = half - 1 - ll - roundf - 1;
          j2 = half + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = half - 1 - ll - 1;
        j2 = half + ll + roundf - 1;
      }
    }
    return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
  }

  /** Pelz and Good's (1976) four-term approximation to P(D_n ≤ x). */
  static double pelzGoodCdf(int n, double x) {
    if (x <= 0.0) {
      return 0.0;
    }
    if (x >= 1.0) {
      return 1.0;
    }
    double z = Math.sqrt(n) * x;
    double z2 = z * z;
    double z3 = z2 * z;
    double z4 = z2 * z2;
    double z6 = z4 * z2;
    double qlog = -PI2 / 8 / z2;
    if (qlog < MIN_LOG) {
      return 0.0;
    }
    double q = Math.exp(qlog);
    double k1a = -z2;
    double k1b = PI2 / 4;
    double k2a = 6 * z6 + 2 * z4;
    double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
    double k2c = PI4 * (1 - 2 * z2) / 16;
    double k3d = PI6 * (5 - 30 * z2) / 64;
    double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
    double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
    double k3a = -30 * z6 - 90 * Math.pow(z, 8);
    double[] k = new double[4];
    int maxk = (int) Math.ceil(16 * z / Math.PI);
    for (int kk = maxk; kk > 0; kk--) {
      double m = 2 * kk - 1;
      double m2 = m * m;
      double m4 = m2 * m2;
      double m6 = m4 * m2;
      double qpower = Math.pow(q, 8 * kk);
      k[0] = k[0] * qpower + 1.0;
      k[1] = k[1] * qpower + (k1a + k1b * m2);
      k[2] = k[2] * qpower + (k2a + k2b * m2 + k2c * m4);
      k[3] = k[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
    }
    double[] div = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
    for (int i = 0; i < 4; i++) {
      k[i] = k[i] * q * SQRT2PI / div[i];
    }
    double q2 = Math.exp(-PI2 / 2 / z2);
    double sqrt3z = Math.sqrt(3) * z;
    double k2extra = 0;
    double k3extra = 0;
    for (int kk = maxk; kk > 0; kk--) {
      double ks2 = (double) kk * kk;
      double qp = Math.pow(q2, ks2);
      double kspi = Math.PI * kk;
      k2extra += ks2 * qp;
      k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
    }
    k[2] += k2extra * (PI2 * SQRT2PI / (-36 * z3));
    k[3] += k3extra * (PI2 * SQRT2PI / (216 * z6));
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += k[i] / Math.pow(n * 1.0, i / 2.0);
    }
    return sum;
  }

  private static double[][] identity(int m) {
    double[][] e = new double[m][m];
    for (int i = 0; i < m; i++) {
      e[i][i] = 1.0;
    }
    return e;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int m = a.length;
    double[][] c = new double[m][m];
    for (int i = 0; i < m; i++) {
      double[] ci = c[i];
      for (int l = 0; l < m; l++) {
        double ail = a[i][l];
        if (ail == 0) {
          continue;
        }
        double[] bl = b[l];
        for (int j = 0; j < m; j++) {
          ci[j] += ail * bl[j];
        }
      }
    }
    return c;
  }

  private static void scale(double[][] a, double factor) {
    for (double[] row : a) {
      scale(row, factor);
    }
  }

  private static void scale(double[] row, double factor) {
    for (int j = 0; j < row.length; j++) {
      row[j] *= factor;
    }
  }

  private static double clip(double p) {
    return Math.min(1.0, Math.max(0.0, p));
  }
}
