package dev.assay.core.drift;

/**
 * L2-penalised logistic regression fitted by Newton's method (iteratively reweighted least squares)
 * with a Cholesky solve: minimises Σ log(1 + exp(-y_i' η_i)) + λ/2 ‖β‖² (intercept not penalised).
 * Small and deterministic; meant for a few dozen standardised features.
 */
final class LogisticRegression {
  /** The ridge penalty λ. */
  static final double PENALTY = 1.0;

  private static final int MAX_ITERATIONS = 30;
  private static final double TOLERANCE = 1e-8;

  private LogisticRegression() {}

  /**
   * Fits on the rows {@code rows} of {@code x}.
   *
   * @param x row-major features, x[i][j]
   * @param y labels 0 or 1
   * @param rows the training rows
   * @return coefficients: [0] the intercept, [1 + j] feature j
   */
  static double[] fit(double[][] x, int[] y, int[] rows) {
    int p = x[0].length + 1;
    double[] beta = new double[p];
    double[] gradient = new double[p];
    double[][] hessian = new double[p][p];
    double[] row = new double[p];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      for (int a = 0; a < p; a++) {
        gradient[a] = a == 0 ? 0 : PENALTY * beta[a];
        java.util.Arrays.fill(hessian[a], 0);
        if (a > 0) {
          hessian[a][a] = PENALTY;
        }
      }
      for (int i : rows) {
        row[0] = 1;
        System.arraycopy(x[i], 0, row, 1, p - 1);
        double eta = 0;
        for (int a = 0; a < p; a++) {
          eta += beta[a] * row[a];
        }
        double mu = 1 / (1 + Math.exp(-eta));
        double w = Math.max(mu * (1 - mu), 1e-12);
        double r = mu - y[i];
        for (int a = 0; a < p; a++) {
          gradient[a] += r * row[a];
          double wa = w * row[a];
          double[] h = hessian[a];
          for (int b = 0; b <= a; b++) {
            h[b] += wa * row[b];
          }
        }
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int a = 0; a < p; a++) {
        beta[a] -= step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < TOLERANCE) {
        break;
      }
    }
    return beta;
  }

  /** The linear predictor of row {@code i} (a monotone score: ranks equal the probability's). */
  static double score(double[] beta, double[] x) {
    double eta = beta[0];
    for (int j = 0; j < x.length; j++) {
      eta += beta[j + 1] * x[j];
    }
    return eta;
  }

  /** Solves H s = g for the symmetric positive definite H given by its lower triangle. */
  private static double[] solve(double[][] h, double[] g) {
    int p = g.length;
    double[][] l = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b <= a; b++) {
        double s = h[a][b];
        for (int k = 0; k < b; k++) {
          s -= l[a][k] * l[b][k];
        }
        if (a == b) {
          l[a][a] = Math.sqrt(Math.max(s, 1e-12));
        } else {
          l[a][b] = s / l[b][b];
        }
      }
    }
    double[] z = new double[p];
    for (int a = 0; a < p; a++) {
      double s = g[a];
      for (int k = 0; k < a; k++) {
        s -= l[a][k] * z[k];
      }
      z[a] = s / l[a][a];
    }
    double[] s = new double[p];
    for (int a = p - 1; a >= 0; a--) {
      double v = z[a];
      for (int k = a + 1; k < p; k++) {
        v -= l[k][a] * s[k];
      }
      s[a] = v / l[a][a];
    }
    return s;
  }
}
