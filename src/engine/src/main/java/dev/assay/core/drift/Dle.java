package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.List;

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
 * z_p^2}, {@code |z_p|}, then a 0/1 indicator per category of each categorical feature ({@link
 * DleCategories}: the reference's ten most frequent categories and "(other)"). Each loss model is
 * scikit-learn's {@code Ridge(alpha=1.0)} (intercept not penalised); a predicted loss below 0
 * counts as 0.
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
   * @param mean per numeric feature, then the prediction: the reference mean used to standardise
   * @param sd per numeric feature, then the prediction: the reference population sd (0 counts as 1)
   * @param levels per categorical feature its indicators' categories ({@link DleCategories})
   */
  public record Fitted(
      double[] mean,
      double[] sd,
      List<List<String>> levels,
      double[] absCoef,
      double absIntercept,
      double[] sqCoef,
      double sqIntercept,
      double absErrorSd,
      double squaredErrorSd,
      Realised reference) {

    /** Predicted absolute (index 0) and squared (index 1) error per row, clipped at 0. */
    public double[][] predictedLoss(double[][] features, double[] prediction) {
      return predictedLoss(features, null, prediction);
    }

    /**
     * As {@link #predictedLoss(double[][], double[])} with categorical features.
     *
     * @param categories column-major categorical cells (null: missing), one array per {@link
     *     #levels()} entry; null when the model has none
     */
    public double[][] predictedLoss(
        double[][] features, String[][] categories, double[] prediction) {
      check(features, prediction);
      int[][] codes = DleCategories.codes(categories, levels, prediction.length);
      int n = prediction.length;
      double[][] out = new double[2][n];
      double[] row = new double[absCoef.length];
      for (int i = 0; i < n; i++) {
        designRow(features, codes, prediction, i, row);
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
      return estimate(features, null, prediction);
    }

    /**
     * As {@link #estimate(double[][], double[])} with categorical features.
     *
     * @param categories column-major categorical cells (null: missing), one array per {@link
     *     #levels()} entry; null when the model has none
     */
    public Estimate estimate(double[][] features, String[][] categories, double[] prediction) {
      int n = prediction.length;
      if (n == 0) {
        throw new IllegalArgumentException("no rows to estimate");
      }
      double[][] loss = predictedLoss(features, categories, prediction);
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

    /**
     * The design row of row i: z, z^2, |z| of the numeric features, of the prediction, then the
     * categorical features' indicators.
     */
    void designRow(double[][] features, int[][] codes, double[] prediction, int i, double[] row) {
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
      int at = 3 * k + 3;
      for (int c = 0; c < codes.length; c++) {
        int width = levels.get(c).size();
        java.util.Arrays.fill(row, at, at + width, 0);
        if (codes[c][i] >= 0) {
          row[at + codes[c][i]] = 1;
        }
        at += width;
      }
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
    return fit(features, null, prediction, actual, MAX_FIT_ROWS);
  }

  /**
   * As {@link #fit(double[][], double[], double[])} with the loss models fitted on at most {@code
   * maxFitRows} rows, evenly spaced ({@link #fitRows}); standardisation and the error spreads still
   * use every row.
   */
  public static Fitted fit(
      double[][] features, double[] prediction, double[] actual, int maxFitRows) {
    return fit(features, null, prediction, actual, maxFitRows);
  }

  /**
   * As {@link #fit(double[][], double[], double[], int)} with categorical features, one-hot encoded
   * by {@link DleCategories} with levels from these rows (all of them, above the cap too).
   *
   * @param categories column-major categorical cells (null: missing); null for none
   */
  public static Fitted fit(
      double[][] features,
      String[][] categories,
      double[] prediction,
      double[] actual,
      int maxFitRows) {
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
    List<List<String>> levels = new ArrayList<>();
    for (String[] column : categories == null ? new String[0][] : categories) {
      levels.add(DleCategories.levels(column));
    }
    levels = List.copyOf(levels);
    int[][] codes = DleCategories.codes(categories, levels, n);
    double[] abs = new double[n];
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      double e = actual[i] - prediction[i];
      abs[i] = Math.abs(e);
      sq[i] = e * e;
    }
    int d = 3 * k + 3 + DleCategories.width(levels);
    Fitted shape = new Fitted(mean, sd, levels, new double[d], 0, new double[d], 0, 0, 0, null);
    double[][] ridge =
        DleRidge.fit(
            (i, row) -> shape.designRow(features, codes, prediction, i, row),
            abs,
            sq,
            d,
            ALPHA,
            fitRows(n, maxFitRows));
    return new Fitted(
        mean,
        sd,
        levels,
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
}
