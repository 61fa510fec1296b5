package dev.assay.core.drift;

/**
 * The first Wasserstein (earth mover's) distance between two empirical distributions, as {@code
 * scipy.stats.wasserstein_distance(u, v)}: the integral of |F_u - F_v| over the merged support.
 */
public final class Wasserstein {
  private Wasserstein() {}

  /**
   * W1 of the first {@code n1} and {@code n2} values of two sorted samples.
   *
   * @throws IllegalArgumentException when a sample is empty
   */
  public static double distance(double[] u, int n1, double[] v, int n2) {
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("a Wasserstein sample is empty");
    }
    int i = 0;
    int j = 0;
    double sum = 0;
    double compensation = 0;
    double previous = Math.min(u[0], v[0]);
    while (i < n1 || j < n2) {
      double x = j >= n2 || (i < n1 && u[i] <= v[j]) ? u[i] : v[j];
      double term = Math.abs((double) i / n1 - (double) j / n2) * (x - previous);
      double s = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - s) + term : (term - s) + sum;
      sum = s;
      while (i < n1 && u[i] <= x) {
        i++;
      }
      while (j < n2 && v[j] <= x) {
        j++;
      }
      previous = x;
    }
    return sum + compensation;
  }

  /** Population standard deviation (ddof 0) of the first {@code n} values, two-pass. */
  public static double standardDeviation(double[] values, int n) {
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += values[i];
    }
    mean /= n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = values[i] - mean;
      squares += d * d;
    }
    return Math.sqrt(squares / n);
  }
}
