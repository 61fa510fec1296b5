package dev.assay.core.drift;

/**
 * One merge of two sorted samples giving both the Kolmogorov-Smirnov statistic ({@link
 * KolmogorovSmirnov#statistic}) and the Wasserstein-1 distance ({@link Wasserstein#distance}), with
 * the same operations in the same order as each of them alone, so the results are identical.
 *
 * @param ks the largest absolute difference of the two empirical CDFs
 * @param wasserstein the integral of their absolute difference
 */
record SortedMerge(double ks, double wasserstein) {
  /**
   * Merges the first {@code n1} values of {@code u} with the first {@code n2} of {@code v}.
   *
   * @throws IllegalArgumentException when a sample is empty
   */
  static SortedMerge of(double[] u, int n1, double[] v, int n2) {
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("a sample is empty");
    }
    int i = 0;
    int j = 0;
    double sum = 0;
    double compensation = 0;
    double max = 0;
    double min = 0;
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
      double diff = (double) i / n1 - (double) j / n2;
      max = Math.max(max, diff);
      min = Math.min(min, diff);
      previous = x;
    }
    return new SortedMerge(Math.max(max, Math.min(1, -min)), sum + compensation);
  }
}
