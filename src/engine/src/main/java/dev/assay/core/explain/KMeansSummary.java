package dev.assay.core.explain;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A weighted k-means summary of data rows, as SHAP's {@code shap.kmeans(X, k)}: k-means (k-means++
 * seeding from the seed, then Lloyd's iterations until no row changes cluster, at most {@value
 * #MAX_ITERATIONS}), each centre's value in every feature then replaced by the nearest value that
 * feature takes in the data ({@code round_values=True}), and each centre weighted by its cluster's
 * share of the rows. Clusters left empty are dropped.
 */
public final class KMeansSummary {
  static final int MAX_ITERATIONS = 300;

  private KMeansSummary() {}

  /**
   * The summary of the rows of {@code data} ({@code m} columns) by {@code k} centres.
   *
   * @throws IllegalArgumentException when k is not positive or exceeds the rows
   */
  public static BackgroundSet of(double[] data, int m, int k, long seed) {
    int n = data.length / m;
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k-means needs 1 <= k <= " + n + " rows, not " + k);
    }
    double[] centres = seed(data, m, n, k, new SplittableRandom(seed));
    int[] label = new int[n];
    Arrays.fill(label, -1);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      boolean changed = false;
      for (int r = 0; r < n; r++) {
        int best = nearest(data, r, centres, k, m);
        if (best != label[r]) {
          label[r] = best;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      double[] sum = new double[k * m];
      int[] count = new int[k];
      for (int r = 0; r < n; r++) {
        count[label[r]]++;
        for (int i = 0; i < m; i++) {
          sum[label[r] * m + i] += data[r * m + i];
        }
      }
      for (int c = 0; c < k; c++) {
        if (count[c] > 0) {
          for (int i = 0; i < m; i++) {
            centres[c * m + i] = sum[c * m + i] / count[c];
          }
        }
      }
    }
    int[] count = new int[k];
    for (int r = 0; r < n; r++) {
      count[label[r]]++;
    }
    int kept = (int) Arrays.stream(count).filter(c -> c > 0).count();
    double[] values = new double[kept * m];
    double[] weights = new double[kept];
    double[][] sorted = sortedColumns(data, m, n);
    int out = 0;
    for (int c = 0; c < k; c++) {
      if (count[c] == 0) {
        continue;
      }
      for (int i = 0; i < m; i++) {
        values[out * m + i] = nearestValue(sorted[i], centres[c * m + i]);
      }
      weights[out] = (double) count[c] / n;
      out++;
    }
    return new BackgroundSet(
        values, weights, new BackgroundSet.Summary(BackgroundSet.Mode.KMEANS, 0, null, null, null));
  }

  /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance. */
  private static double[] seed(double[] data, int m, int n, int k, SplittableRandom random) {
    double[] centres = new double[k * m];
    int first = random.nextInt(n);
    System.arraycopy(data, first * m, centres, 0, m);
    double[] d2 = new double[n];
    Arrays.fill(d2, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int r = 0; r < n; r++) {
        d2[r] = Math.min(d2[r], distance(data, r, centres, c - 1, m));
        total += d2[r];
      }
      int pick = n - 1;
      if (total > 0) {
        double u = random.nextDouble() * total;
        double run = 0;
        for (int r = 0; r < n; r++) {
          run += d2[r];
          if (run > u) {
            pick = r;
            break;
          }
        }
      } else {
        pick = random.nextInt(n);
      }
      System.arraycopy(data, pick * m, centres, c * m, m);
    }
    return centres;
  }

  private static int nearest(double[] data, int r, double[] centres, int k, int m) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double d = distance(data, r, centres, c, m);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  private static double distance(double[] data, int r, double[] centres, int c, int m) {
    double d = 0;
    for (int i = 0; i < m; i++) {
      double t = data[r * m + i] - centres[c * m + i];
      d += t * t;
    }
    return d;
  }

  private static double[][] sortedColumns(double[] data, int m, int n) {
    double[][] columns = new double[m][n];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < m; i++) {
        columns[i][r] = data[r * m + i];
      }
    }
    for (double[] c : columns) {
      Arrays.sort(c);
    }
    return columns;
  }

  /** The value of a sorted column nearest to {@code v} (the smaller on a tie). */
  private static double nearestValue(double[] sorted, double v) {
    int at = Arrays.binarySearch(sorted, v);
    if (at >= 0) {
      return sorted[at];
    }
    int hi = -at - 1;
    if (hi == 0) {
      return sorted[0];
    }
    if (hi == sorted.length) {
      return sorted[sorted.length - 1];
    }
    double lo = sorted[hi - 1];
    return v - lo <= sorted[hi] - v ? lo : sorted[hi];
  }
}
