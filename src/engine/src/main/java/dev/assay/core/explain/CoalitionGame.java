package dev.assay.core.explain;

import java.util.List;

/**
 * The interventional value function of one explained row: {@code v(S) = mean_b f(x_S, b_notS)}, the
 * features in S taken from the row x and the others from each background row b. Many coalitions are
 * evaluated in few model calls (coalitions × background rows per call, up to a row budget).
 */
public final class CoalitionGame {
  /** Rows handed to the model in one call. */
  static final int ROWS_PER_CALL = 1 << 16;

  private final ModelFunction model;
  private final double[] x;
  private final double[] background;
  private final int backgroundRows;
  private final int m;
  private final double[] weights;
  private long evaluations;

  /**
   * @param x the explained row ({@code model.features()} values)
   * @param background background rows, row-major
   * @throws IllegalArgumentException when the sizes do not match or the background is empty
   */
  public CoalitionGame(ModelFunction model, double[] x, double[] background) {
    this(model, x, background, null);
  }

  /**
   * A game whose value is the weighted mean {@code v(S) = Σ_b w_b f(x_S, b_notS)} over the
   * background.
   *
   * @param weights one per background row, summing to 1; null for equal weights
   */
  public CoalitionGame(ModelFunction model, double[] x, double[] background, double[] weights) {
    this.model = model;
    this.m = model.features();
    if (x.length != m || background.length == 0 || background.length % m != 0) {
      throw new IllegalArgumentException(
          "a row of " + m + " features and a non-empty background are needed");
    }
    this.x = x.clone();
    this.background = background;
    this.backgroundRows = background.length / m;
    if (weights != null && weights.length != backgroundRows) {
      throw new IllegalArgumentException("one weight per background row is needed");
    }
    this.weights = weights;
  }

  /** The number of features M. */
  public int players() {
    return m;
  }

  /** Background rows B. */
  public int backgroundRows() {
    return backgroundRows;
  }

  /** Model evaluations spent so far. */
  public long evaluations() {
    return evaluations;
  }

  /** The explained row. */
  public double[] row() {
    return x.clone();
  }

  /**
   * The values of the given coalitions ({@code coalitions.get(k)[i]} true when feature i is in the
   * k-th coalition).
   */
  public double[] values(List<boolean[]> coalitions) {
    int count = coalitions.size();
    double[] result = new double[count];
    int perCall = Math.max(1, ROWS_PER_CALL / backgroundRows);
    double[] rows = new double[Math.min(count, perCall) * backgroundRows * m];
    double[] out = new double[Math.min(count, perCall) * backgroundRows];
    for (int first = 0; first < count; first += perCall) {
      int chunk = Math.min(perCall, count - first);
      int[] members = new int[m];
      for (int k = 0; k < chunk; k++) {
        // the background block, then the coalition's columns overwritten with x (no per-cell
        // branch)
        boolean[] in = coalitions.get(first + k);
        int size = 0;
        for (int i = 0; i < m; i++) {
          if (in[i]) {
            members[size++] = i;
          }
        }
        int block = k * backgroundRows * m;
        System.arraycopy(background, 0, rows, block, backgroundRows * m);
        for (int b = 0; b < backgroundRows; b++) {
          int base = block + b * m;
          for (int j = 0; j < size; j++) {
            rows[base + members[j]] = x[members[j]];
          }
        }
      }
      int n = chunk * backgroundRows;
      model.evaluate(rows, n, out);
      evaluations += n;
      for (int k = 0; k < chunk; k++) {
        double sum = 0;
        if (weights == null) {
          for (int b = 0; b < backgroundRows; b++) {
            sum += out[k * backgroundRows + b];
          }
          result[first + k] = sum / backgroundRows;
        } else {
          for (int b = 0; b < backgroundRows; b++) {
            sum += weights[b] * out[k * backgroundRows + b];
          }
          result[first + k] = sum;
        }
      }
    }
    return result;
  }

  /** The coalition of the features whose bits are set in {@code mask} (M ≤ 62). */
  static boolean[] coalition(long mask, int m) {
    boolean[] in = new boolean[m];
    for (int i = 0; i < m; i++) {
      in[i] = (mask >>> i & 1L) != 0;
    }
    return in;
  }
}
