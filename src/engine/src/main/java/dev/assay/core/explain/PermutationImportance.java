package dev.assay.core.explain;

import java.util.SplittableRandom;

/**
 * Permutation importance as scikit-learn's {@code permutation_importance}: the baseline score minus
 * the score after shuffling one feature's column, {@code n_repeats} times per feature (each shuffle
 * applied to the already shuffled column, as scikit-learn does), reported as mean and standard
 * deviation (population, ddof 0) over the repeats.
 */
public final class PermutationImportance {
  /** Supplies the shuffle of repeat r for feature j: new column = column[indices[k]]. */
  @FunctionalInterface
  public interface Shuffles {
    int[] indices(int feature, int repeat, int rows);

    /** Fisher-Yates shuffles of one index array per feature, from {@code seed}. */
    static Shuffles seeded(long seed) {
      return new Shuffles() {
        private int feature = -1;
        private int[] order;
        private SplittableRandom random;

        @Override
        public int[] indices(int f, int repeat, int rows) {
          if (f != feature || order == null || order.length != rows) {
            feature = f;
            random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (f + 1));
            order = new int[rows];
            for (int k = 0; k < rows; k++) {
              order[k] = k;
            }
          }
          for (int k = rows - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
          }
          return order.clone();
        }
      };
    }
  }

  /** The importance of one feature. */
  public record Importance(double mean, double std, double[] scores) {}

  private PermutationImportance() {}

  /**
   * Computes the importances of all features.
   *
   * @param rows the data, row-major ({@code n * model.features()})
   * @param target the true values (1/0 for "is the explained class", or regression values)
   * @param shuffles the shuffles, requested feature by feature, repeat by repeat
   * @throws IllegalArgumentException when the sizes disagree or {@code repeats < 1}
   */
  public static Importance[] compute(
      ModelFunction model,
      double[] rows,
      double[] target,
      Scorer scorer,
      int repeats,
      Shuffles shuffles) {
    int m = model.features();
    int n = target.length;
    if (rows.length != n * m || repeats < 1 || n == 0) {
      throw new IllegalArgumentException("rows, target and repeats do not fit together");
    }
    double[] predictions = new double[n];
    model.evaluate(rows, n, predictions);
    double baseline = scorer.score(target, predictions);
    Importance[] result = new Importance[m];
    double[] permuted = rows.clone();
    double[] column = new double[n];
    for (int j = 0; j < m; j++) {
      System.arraycopy(rows, 0, permuted, 0, rows.length);
      double[] scores = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        int[] idx = shuffles.indices(j, r, n);
        for (int k = 0; k < n; k++) {
          column[k] = permuted[idx[k] * m + j];
        }
        for (int k = 0; k < n; k++) {
          permuted[k * m + j] = column[k];
        }
        model.evaluate(permuted, n, predictions);
        scores[r] = baseline - scorer.score(target, predictions);
      }
      double mean = 0;
      for (double s : scores) {
        mean += s;
      }
      mean /= repeats;
      double ss = 0;
      for (double s : scores) {
        ss += (s - mean) * (s - mean);
      }
      result[j] = new Importance(mean, Math.sqrt(ss / repeats), scores);
    }
    return result;
  }
}
