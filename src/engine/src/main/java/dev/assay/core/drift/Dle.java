package dev.assay.core.drift;

/**
 * Label-free performance estimation for a regression model by Direct Loss Estimation (NannyML's
 * DLE), with a ridge regression as the loss model: on the labelled reference, one model of each
 * row's absolute error and one of its squared error, from the features and the monitored model's
 * prediction; on current rows, MAE is the mean predicted absolute error and RMSE the square root of
 * the mean predicted squared error.
 *
 * <p>The design row of a data row: each feature standardised, {@code z = (x - mean) / sd} with the
 * reference's mean and population standard deviation of its finite values (a missing or non-finite
 * cell imputed by the mean, so {@code z = 0}; a standard deviation of 0 counts as 1), then {@code
 * z_1..z_k}, {@code z_1^2..z_k^2}, {@code |z_1|..|z_k|}, and the prediction's {@code z_p}, {@code
 * z_p^2}, {@code |z_p|}. Each loss model is scikit-learn's {@code Ridge(alpha=1.0)} (intercept not
 * penalised); a predicted loss below 0 counts as 0.
 *
 * <p>Sampling error for {@code n} rows: MAE {@code sd(|y - p|) / sqrt(n)} with the reference's
 * population sd; RMSE by the delta method, {@code sd((y - p)^2) / sqrt(n) / (2 RMSE)}.
 */
public final class Dle {
  /** The ridge penalty of both loss models. */
  public static final double ALPHA = 1.0;

  /** At most this many reference rows fit the loss models ({@link #fitRows}). */
  public static final int MAX_FIT_ROWS = 200_000;

  /**
   * An estimate over a set of rows.
   *
   * @param maeStandardError the standard deviation of the realised MAE of {@code rows} rows around
   *     the estimate when the loss model is right
   */
  public record Estimate(
      long rows, double mae, double maeStandardError, double rmse, double rmseStandardError) {}

  /** Realised MAE and RMSE of rows with labels. */
  public record Realised(long rows, double mae, double rmse) {
    /**
     * @throws IllegalArgumentException on no rows or mismatched lengths
     */
    public static Realised of(double[] prediction, double[] actual) {
      int n = prediction.length;
      if (n == 0 || actual.length != n) {
        throw new IllegalArgumentException("realised MAE and RMSE need predictions and targets");
      }
      double abs = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        double e = actual[i] - prediction[i];
        abs += Math.abs(e);
        sq += e * e;
      }
      return new Realised(n, abs / n, Math.sqrt(sq / n));
    }
  }

  /**
   * The fitted loss models.
   *
   * @param mean per feature, then the prediction: the reference mean used to standardise
   * @param sd per feature, then the prediction: the reference population sd (0 counts as 1)
   */
  public record Fitted(
      double[] mean,
      double[] sd,
      double[] absCoef,
      double absIntercept,
      double[] sqCoef,
      double sqIntercept,
      double absErrorSd,
      double squaredErrorSd,
      Realised reference) {

    /** Predicted absolute (index 0) and squared (index 1) error per row, clipped at 0. */
    public double[][] predictedLoss(double[][] features, double[] prediction) {
      int n = prediction.length;
      double[][] out = new double[2][n];
      double[] row = new double[absCoef.length];
      for (int i = 0; i < n; i++) {
        designRow(features, prediction, i, row);
        double a = absIntercept;
        double s = sqIntercept;
        for (int j = 0; j < row.length; j++) {
          a += absCoef[j] * row[j];
          s += sqCoef[j] * row[j];
        }
        out[0][i] = Math.max(a, 0);
        out[1][i] = Math.max(s, 0);
      }
      return out;
    }

    /**
     * Estimates MAE and RMSE over the rows.
     *
     * @param features column-major, {@code features[j][i]} feature j of row i (NaN: missing)
     * @throws IllegalArgumentException on no rows or a column count unlike the reference's
     */
    public Estimate estimate(double[][] features, double[] prediction) {
      check(features, prediction);
      int n = prediction.length;
      if (n == 0) {
        throw new IllegalArgumentException("no rows to estimate");
      }
      double[][] loss = predictedLoss(features, prediction);
      double abs = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        abs += loss[0][i];
        sq += loss[1][i];
      }
      double rmse = Math.sqrt(sq / n);
      double root = Math.sqrt(n);
      return new Estimate(
          n,
          abs / n,
          absErrorSd / root,
          rmse,
          rmse > 0 ? squaredErrorSd / root / (2 * rmse) : Double.NaN);
    }

    void designRow(double[][] features, double[] prediction, int i, double[] row) {
      int k = features.length;
      for (int j = 0; j < k; j++) {
        double v = features[j][i];
        double z = Double.isFinite(v) ? (v - mean[j]) / sd[j] : 0;
        row[j] = z;
        row[k + j] = z * z;
        row[2 * k + j] = Math.abs(z);
      }
      double zp = (prediction[i] - mean[k]) / sd[k];
      row[3 * k] = zp;
      row[3 * k + 1] = zp * zp;
      row[3 * k + 2] = Math.abs(zp);
    }

    private void check(double[][] features, double[] prediction) {
      if (features.length != mean.length - 1) {
        throw new IllegalArgumentException(
            "the loss model has " + (mean.length - 1) + " features, not " + features.length);
      }
      for (double[] f : features) {
        if (f.length != prediction.length) {
          throw new IllegalArgumentException("features and predictions differ in row count");
        }
      }
    }
  }

  private Dle() {}

  /**
   * Fits both loss models on labelled reference rows (finite prediction and target).
   *
   * @param features column-major, {@code features[j][i]} feature j of row i (NaN: missing)
   * @throws IllegalArgumentException on fewer than 2 rows, a non-finite prediction or target, or
   *     mismatched lengths
   */
  public static Fitted fit(double[][] features, double[] prediction, double[] actual) {
    return fit(features, prediction, actual, MAX_FIT_ROWS);
  }

  /**
   * As {@link #fit(double[][], double[], double[])} with the loss models fitted on at most {@code
   * maxFitRows} rows, evenly spaced ({@link #fitRows}); standardisation and the error spreads still
   * use every row.
   */
  public static Fitted fit(
      double[][] features, double[] prediction, double[] actual, int maxFitRows) {
    int n = prediction.length;
    int k = features.length;
    if (n < 2 || actual.length != n) {
      throw new IllegalArgumentException(
          "direct loss estimation needs at least 2 labelled reference rows");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(prediction[i]) || !Double.isFinite(actual[i])) {
        throw new IllegalArgumentException("reference row " + (i + 1) + " has no finite value");
      }
    }
    double[] mean = new double[k + 1];
    double[] sd = new double[k + 1];
    for (int j = 0; j <= k; j++) {
      double[] v = j < k ? features[j] : prediction;
      if (v.length != n) {
        throw new IllegalArgumentException("features and predictions differ in row count");
      }
      double[] ms = moments(v);
      mean[j] = ms[0];
      sd[j] = ms[1];
    }
    double[] abs = new double[n];
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      double e = actual[i] - prediction[i];
      abs[i] = Math.abs(e);
      sq[i] = e * e;
    }
    int d = 3 * k + 3;
    Fitted shape = new Fitted(mean, sd, new double[d], 0, new double[d], 0, 0, 0, null);
    double[][] ridge =
        Ridge.fit(shape, features, prediction, abs, sq, d, ALPHA, fitRows(n, maxFitRows));
    return new Fitted(
        mean,
        sd,
        ridge[0],
        ridge[2][0],
        ridge[1],
        ridge[2][1],
        populationSd(abs),
        populationSd(sq),
        Realised.of(prediction, actual));
  }

  /**
   * The rows the loss models are fitted on: all {@code n} when {@code n <= max}, else row {@code
   * floor(i * n / max)} for i = 0..max-1 (the normal equations cost n d^2 / 2, d = 3 k + 3: 1M rows
   * of 100 features would take minutes).
   */
  public static int[] fitRows(int n, int max) {
    int m = Math.min(n, Math.max(1, max));
    int[] rows = new int[m];
    for (int i = 0; i < m; i++) {
      rows[i] = (int) ((long) i * n / m);
    }
    return rows;
  }

  /** Mean and population sd of the finite values (sd 0 or none: 1; no finite value: mean 0). */
  private static double[] moments(double[] v) {
    double sum = 0;
    long count = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        sum += x;
        count++;
      }
    }
    double mean = count == 0 ? 0 : sum / count;
    double ss = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        ss += (x - mean) * (x - mean);
      }
    }
    double sd = count == 0 ? 0 : Math.sqrt(ss / count);
    return new double[] {mean, sd > 0 ? sd : 1};
  }

  private static double populationSd(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double mean = sum / v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / v.length);
  }

  /** Ridge regression with an unpenalised intercept: centred normal equations, Cholesky. */
  static final class Ridge {
    private Ridge() {}

    /** Coefficients for targets a and b (rows 0 and 1) and their intercepts (row 2). */
    static double[][] fit(
        Fitted shape,
        double[][] features,
        double[] prediction,
        double[] a,
        double[] b,
        int d,
        double alpha,
        int[] rows) {
      int n = rows.length;
      double[] row = new double[d];
      double[] xMean = new double[d];
      for (int r = 0; r < n; r++) {
        shape.designRow(features, prediction, rows[r], row);
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
        shape.designRow(features, prediction, i, row);
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
}
