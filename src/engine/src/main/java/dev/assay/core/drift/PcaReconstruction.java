package dev.assay.core.drift;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Multivariate drift by PCA reconstruction error, as NannyML's data-reconstruction drift: missing
 * cells (NaN) take the reference column mean; columns are standardised by the reference mean and
 * population standard deviation; the principal components of the standardised reference are kept
 * until their explained variance exceeds {@link #VARIANCE_KEPT}; a row's error is the Euclidean
 * distance between its standardised values and their projection back from the kept components. When
 * the joint structure changes (a correlation flips, a new cluster appears) the error rises even
 * where every marginal is unchanged. A chunk drifted when its mean error leaves the band mean ± 3
 * sd of the reference chunks' errors.
 *
 * <p>Chosen over a domain classifier because it is deterministic, one pass over the columns after
 * fitting, needs no learner that the engine does not have (NannyML's classifier is LightGBM), and
 * equals scikit-learn's PCA to rounding.
 */
public final class PcaReconstruction {
  /** The share of variance the kept components explain (NannyML's default 0.65). */
  public static final double VARIANCE_KEPT = 0.65;

  private final double[] mean;
  private final double[] scale;
  private final double[] centre;
  private final double[][] components;
  private final double[] explained;

  private PcaReconstruction(
      double[] mean, double[] scale, double[] centre, double[][] components, double[] explained) {
    this.mean = mean;
    this.scale = scale;
    this.centre = centre;
    this.components = components;
    this.explained = explained;
  }

  /**
   * Fits on the reference.
   *
   * @param reference column-major: reference[j][i] is row i of column j (NaN: missing)
   * @throws IllegalArgumentException with fewer than two columns or rows, or ragged columns
   */
  public static PcaReconstruction fit(double[][] reference) {
    int d = reference.length;
    if (d < 2) {
      throw new IllegalArgumentException("multivariate drift needs at least two numeric columns");
    }
    int n = reference[0].length;
    if (n < 2) {
      throw new IllegalArgumentException("multivariate drift needs at least two reference rows");
    }
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      if (reference[j].length != n) {
        throw new IllegalArgumentException("columns of different lengths");
      }
      double sum = 0;
      long count = 0;
      for (double v : reference[j]) {
        if (!Double.isNaN(v)) {
          sum += v;
          count++;
        }
      }
      mean[j] = count == 0 ? 0 : sum / count;
    }
    double[] scale = new double[d];
    double[][] z = new double[d][n];
    for (int j = 0; j < d; j++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        z[j][i] = impute(reference[j][i], mean[j]);
        m += z[j][i];
      }
      m /= n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (z[j][i] - m) * (z[j][i] - m);
      }
      double sd = Math.sqrt(ss / n);
      scale[j] = sd > 0 ? sd : 1;
      for (int i = 0; i < n; i++) {
        z[j][i] = (z[j][i] - mean[j]) / scale[j];
      }
    }
    double[] centre = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += z[j][i];
      }
      centre[j] = s / n;
    }
    double[][] cov = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += (z[a][i] - centre[a]) * (z[b][i] - centre[b]);
        }
        cov[a][b] = s / (n - 1);
        cov[b][a] = cov[a][b];
      }
    }
    RealMatrix matrix = new Array2DRowRealMatrix(cov, false);
    EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(matrix);
    double[] values = eigen.getEigenvalues();
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    double total = 0;
    for (double v : values) {
      total += Math.max(0, v);
    }
    double cumulative = 0;
    int kept = 0;
    double[] explained = new double[d];
    for (int k = 0; k < d; k++) {
      explained[k] = Math.max(0, values[order[k]]) / total;
    }
    while (kept < d) {
      cumulative += explained[kept];
      kept++;
      if (cumulative > VARIANCE_KEPT) {
        break;
      }
    }
    double[][] components = new double[kept][];
    for (int k = 0; k < kept; k++) {
      RealVector v = eigen.getEigenvector(order[k]);
      components[k] = v.toArray();
    }
    return new PcaReconstruction(mean, scale, centre, components, Arrays.copyOf(explained, kept));
  }

  /** How many components are kept. */
  public int components() {
    return components.length;
  }

  /** The explained variance ratio of each kept component, largest first. */
  public double[] explainedVarianceRatio() {
    return explained.clone();
  }

  /**
   * Each row's reconstruction error.
   *
   * @param data column-major, the columns in the reference's order (NaN: missing)
   */
  public double[] rowErrors(double[][] data) {
    int d = mean.length;
    if (data.length != d) {
      throw new IllegalArgumentException("expected " + d + " columns, not " + data.length);
    }
    int n = data[0].length;
    double[] out = new double[n];
    double[] z = new double[d];
    double[] scores = new double[components.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[j] = (impute(data[j][i], mean[j]) - mean[j]) / scale[j] - centre[j];
      }
      for (int k = 0; k < components.length; k++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += z[j] * components[k][j];
        }
        scores[k] = s;
      }
      double e = 0;
      for (int j = 0; j < d; j++) {
        double back = 0;
        for (int k = 0; k < components.length; k++) {
          back += scores[k] * components[k][j];
        }
        double r = z[j] - back;
        e += r * r;
      }
      out[i] = Math.sqrt(e);
    }
    return out;
  }

  /** The mean reconstruction error of the rows. */
  public double error(double[][] data) {
    double[] e = rowErrors(data);
    double s = 0;
    for (double v : e) {
      s += v;
    }
    return s / e.length;
  }

  /** The mean error of consecutive chunks of {@code size} rows (the last chunk may be shorter). */
  public double[] chunkErrors(double[][] data, int size) {
    double[] e = rowErrors(data);
    int chunks = (e.length + size - 1) / size;
    double[] out = new double[chunks];
    for (int c = 0; c < chunks; c++) {
      int from = c * size;
      int to = Math.min(e.length, from + size);
      double s = 0;
      for (int i = from; i < to; i++) {
        s += e[i];
      }
      out[c] = s / (to - from);
    }
    return out;
  }

  /** The band mean ± 3 sd (population) of the reference chunks' errors: {lower, upper}. */
  public static double[] band(double[] referenceChunks) {
    double m = 0;
    for (double v : referenceChunks) {
      m += v;
    }
    m /= referenceChunks.length;
    double ss = 0;
    for (double v : referenceChunks) {
      ss += (v - m) * (v - m);
    }
    double sd = Math.sqrt(ss / referenceChunks.length);
    return new double[] {m - 3 * sd, m + 3 * sd};
  }

  private static double impute(double v, double mean) {
    return Double.isNaN(v) ? mean : v;
  }
}
