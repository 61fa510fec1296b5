package dev.assay.core.drift;

/**
 * The two loss models of {@link Dle}: ridge regression with an unpenalised intercept
 * (scikit-learn's {@code Ridge}), by the centred normal equations and a Cholesky factor, for two
 * targets on one design.
 */
final class DleRidge {
  /** Writes the design row of data row {@code i} into {@code out}. */
  @FunctionalInterface
  interface Design {
    void row(int i, double[] out);
  }

  private DleRidge() {}

  /**
   * Coefficients for targets a and b (rows 0 and 1) and their intercepts (row 2).
   *
   * @param d the design's width
   * @param rows the data rows fitted on
   */
  static double[][] fit(Design design, double[] a, double[] b, int d, double alpha, int[] rows) {
    int n = rows.length;
    double[] row = new double[d];
    double[] xMean = new double[d];
    for (int r = 0; r < n; r++) {
      design.row(rows[r], row);
      for (int j = 0; j < d; j++) {
        xMean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      xMean[j] /= n;
    }
    double aMean = 0;
    double bMean = 0;
    for (int i : rows) {
      aMean += a[i];
      bMean += b[i];
    }
    aMean /= n;
    bMean /= n;
    double[][] gram = new double[d][d];
    double[] xa = new double[d];
    double[] xb = new double[d];
    for (int i : rows) {
      design.row(i, row);
      for (int j = 0; j < d; j++) {
        row[j] -= xMean[j];
      }
      double ai = a[i] - aMean;
      double bi = b[i] - bMean;
      for (int j = 0; j < d; j++) {
        double rj = row[j];
        xa[j] += rj * ai;
        xb[j] += rj * bi;
        double[] g = gram[j];
        for (int l = 0; l <= j; l++) {
          g[l] += rj * row[l];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      gram[j][j] += alpha;
    }
    double[][] lower = cholesky(gram);
    double[] wa = solve(lower, xa);
    double[] wb = solve(lower, xb);
    double ia = aMean;
    double ib = bMean;
    for (int j = 0; j < d; j++) {
      ia -= wa[j] * xMean[j];
      ib -= wb[j] * xMean[j];
    }
    return new double[][] {wa, wb, {ia, ib}};
  }

  /** The lower factor of a symmetric positive definite matrix given by its lower triangle. */
  private static double[][] cholesky(double[][] m) {
    int d = m.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = m[i][j];
        for (int t = 0; t < j; t++) {
          s -= l[i][t] * l[j][t];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException("the loss model's equations are singular");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  private static double[] solve(double[][] l, double[] b) {
    int d = b.length;
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      double s = b[i];
      for (int t = 0; t < i; t++) {
        s -= l[i][t] * y[t];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[d];
    for (int i = d - 1; i >= 0; i--) {
      double s = y[i];
      for (int t = i + 1; t < d; t++) {
        s -= l[t][i] * x[t];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }
}
