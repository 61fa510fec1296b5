package dev.assay.core.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Shapley values by enumerating all 2^M coalitions: {@code φ_i = Σ_{S ⊆ N∖{i}} |S|!(M−|S|−1)!/M! ·
 * (v(S ∪ {i}) − v(S))}. Exact for the value function; meant for M ≤ {@value #MAX_FEATURES}.
 */
public final class ExactShapley {
  /** The largest feature count enumerated by default ({@code --method auto}). */
  public static final int MAX_FEATURES = 12;

  /** The most features this class enumerates at all (2^20 coalitions). */
  public static final int HARD_LIMIT = 20;

  private ExactShapley() {}

  /** Model evaluations needed for one row: 2^M coalitions × B background rows. */
  public static long evaluationsPerRow(int features, int backgroundRows) {
    return (1L << features) * backgroundRows;
  }

  /**
   * The exact Shapley values of the game.
   *
   * @throws IllegalArgumentException when M exceeds {@value #HARD_LIMIT}
   */
  public static Attribution.Exact explain(CoalitionGame game) {
    int m = game.players();
    if (m > HARD_LIMIT) {
      throw new IllegalArgumentException(
          "exact enumeration of " + m + " features needs 2^" + m + " coalitions; use kernel");
    }
    long before = game.evaluations();
    int all = 1 << m;
    List<boolean[]> coalitions = new ArrayList<>(all);
    for (int mask = 0; mask < all; mask++) {
      coalitions.add(CoalitionGame.coalition(mask, m));
    }
    double[] v = game.values(coalitions);
    double[] weight = new double[m];
    for (int s = 0; s < m; s++) {
      // |S|! (M − |S| − 1)! / M! = 1 / (M · C(M−1, s))
      weight[s] = 1.0 / (m * binomial(m - 1, s));
    }
    double[] phi = new double[m];
    for (int mask = 0; mask < all; mask++) {
      int s = Integer.bitCount(mask);
      for (int i = 0; i < m; i++) {
        if ((mask >>> i & 1) == 0) {
          phi[i] += weight[s] * (v[mask | 1 << i] - v[mask]);
        }
      }
    }
    return new Attribution.Exact(phi, v[all - 1], v[0], game.evaluations() - before);
  }

  static double binomial(int n, int k) {
    double r = 1;
    for (int j = 1; j <= k; j++) {
      r = r * (n - k + j) / j;
    }
    return Math.rint(r);
  }
}
