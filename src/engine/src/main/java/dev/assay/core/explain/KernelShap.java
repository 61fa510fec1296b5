package dev.assay.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * KernelSHAP (Lundberg & Lee 2017): Shapley values as the weighted least-squares fit of {@code v(S)
 * − v(∅) ≈ Σ_{i∈S} φ_i} with the Shapley kernel {@code (M−1) / (C(M,s)·s·(M−s))} and efficiency
 * {@code Σφ = v(N) − v(∅)} as a constraint (the last feature is eliminated).
 *
 * <p>Sampling draws a coalition size s with probability proportional to the kernel's total weight
 * of that size, {@code (M−1)/(s(M−s))}, then a uniform coalition of that size and its complement
 * (paired, antithetic sampling); sampled coalitions then carry equal weight. Coalitions come in
 * rounds; the estimate pools all of them and the standard error of feature i is the standard
 * deviation of the rounds' own estimates over √rounds (batch means). Sampling stops when every
 * standard error is under the tolerance (after at least {@link Settings#minRounds()} rounds) or at
 * {@link Settings#maxRounds()}.
 */
public final class KernelShap {
  /**
   * How KernelSHAP samples.
   *
   * @param tolerance stop when every standard error is below this
   * @param pairsPerRound coalition pairs per round (0: 2·M, at least 16)
   * @param minRounds rounds before the stopping rule applies (at least 2)
   * @param maxRounds the budget in rounds
   */
  public record Settings(double tolerance, int pairsPerRound, int minRounds, int maxRounds) {
    public static final Settings DEFAULTS = new Settings(0.01, 0, 5, 400);

    public Settings {
      if (!(tolerance > 0) || pairsPerRound < 0 || minRounds < 2 || maxRounds < minRounds) {
        throw new IllegalArgumentException("invalid KernelSHAP settings");
      }
    }

    public Settings withTolerance(double value) {
      return new Settings(value, pairsPerRound, minRounds, maxRounds);
    }
  }

  /** Below this, a QR diagonal entry counts as zero and the SVD takes over. */
  private static final double RANK_THRESHOLD = 1e-10;

  private KernelShap() {}

  /** The Shapley kernel weight of a coalition of size s among M features. */
  public static double kernelWeight(int m, int s) {
    return (m - 1) / (ExactShapley.binomial(m, s) * s * (m - s));
  }

  /**
   * The KernelSHAP fit over all {@code 2^M − 2} proper coalitions with their kernel weights; equal
   * to exact Shapley values up to rounding.
   *
   * @throws IllegalArgumentException when M is below 2 or above {@link ExactShapley#HARD_LIMIT}
   */
  public static Attribution.Exact explainAllCoalitions(CoalitionGame game) {
    int m = game.players();
    if (m < 2 || m > ExactShapley.HARD_LIMIT) {
      throw new IllegalArgumentException("all-coalition KernelSHAP needs 2 to 20 features");
    }
    long before = game.evaluations();
    List<boolean[]> coalitions = new ArrayList<>();
    coalitions.add(new boolean[m]);
    coalitions.add(CoalitionGame.coalition((1L << m) - 1, m));
    double[] weights = new double[(1 << m) - 2];
    for (int mask = 1; mask < (1 << m) - 1; mask++) {
      coalitions.add(CoalitionGame.coalition(mask, m));
      weights[mask - 1] = kernelWeight(m, Integer.bitCount(mask));
    }
    double[] v = game.values(coalitions);
    double[] phi =
        solve(coalitions.subList(2, coalitions.size()), weights, v, 2, v[0], v[1] - v[0], m);
    return new Attribution.Exact(phi, v[1], v[0], game.evaluations() - before);
  }

  /**
   * Estimates the Shapley values by paired sampling; {@code random} decides the coalitions, so the
   * same seed gives the same result.
   */
  public static Attribution.Estimated explain(
      CoalitionGame game, Settings settings, SplittableRandom random) {
    int m = game.players();
    if (m < 2) {
      Attribution.Exact exact = ExactShapley.explain(game);
      return new Attribution.Estimated(
          exact.phi(),
          new double[m],
          exact.prediction(),
          exact.baseValue(),
          exact.evaluations(),
          true);
    }
    long before = game.evaluations();
    double[] ends = game.values(List.of(new boolean[m], CoalitionGame.coalition(-1L, m)));
    double empty = ends[0];
    double delta = ends[1] - ends[0];
    int pairs = settings.pairsPerRound() > 0 ? settings.pairsPerRound() : Math.max(16, 2 * m);
    double[] sizeCdf = sizeDistribution(m);
    List<boolean[]> all = new ArrayList<>();
    List<double[]> rounds = new ArrayList<>();
    double[] allValues = new double[0];
    double[] se = new double[m];
    boolean converged = false;
    int r = 0;
    while (r < settings.maxRounds()) {
      // the first minRounds rounds are drawn together and evaluated in one model call; the draws
      // are the same as round by round, so the result does not depend on the batching
      int batch = r == 0 ? Math.min(settings.minRounds(), settings.maxRounds()) : 1;
      List<boolean[]> drawn = new ArrayList<>(2 * pairs * batch);
      for (int p = 0; p < pairs * batch; p++) {
        boolean[] in = sample(m, sizeCdf, random);
        boolean[] out = new boolean[m];
        for (int i = 0; i < m; i++) {
          out[i] = !in[i];
        }
        drawn.add(in);
        drawn.add(out);
      }
      double[] v = game.values(drawn);
      for (int b = 0; b < batch; b++) {
        rounds.add(solvePairs(drawn, v, b * 2 * pairs, pairs, empty, delta, m));
      }
      r += batch;
      all.addAll(drawn);
      double[] grown = java.util.Arrays.copyOf(allValues, allValues.length + v.length);
      System.arraycopy(v, 0, grown, allValues.length, v.length);
      allValues = grown;
      if (rounds.size() >= settings.minRounds()) {
        se = standardErrors(rounds, m);
        double worst = 0;
        for (double e : se) {
          worst = Math.max(worst, e);
        }
        if (worst < settings.tolerance()) {
          converged = true;
          break;
        }
      }
    }
    double[] phi = solvePairs(all, allValues, 0, all.size() / 2, empty, delta, m);
    return new Attribution.Estimated(
        phi, se, ends[1], empty, game.evaluations() - before, converged);
  }

  private static double[] standardErrors(List<double[]> rounds, int m) {
    int r = rounds.size();
    double[] se = new double[m];
    for (int i = 0; i < m; i++) {
      double mean = 0;
      for (double[] est : rounds) {
        mean += est[i];
      }
      mean /= r;
      double ss = 0;
      for (double[] est : rounds) {
        ss += (est[i] - mean) * (est[i] - mean);
      }
      se[i] = Math.sqrt(ss / (r - 1) / r);
    }
    return se;
  }

  /** Cumulative probabilities of sizes 1 .. M−1, proportional to {@code 1/(s(M−s))}. */
  private static double[] sizeDistribution(int m) {
    double[] cdf = new double[m - 1];
    double total = 0;
    for (int s = 1; s < m; s++) {
      total += 1.0 / (s * (double) (m - s));
      cdf[s - 1] = total;
    }
    for (int k = 0; k < cdf.length; k++) {
      cdf[k] /= total;
    }
    return cdf;
  }

  private static boolean[] sample(int m, double[] sizeCdf, SplittableRandom random) {
    double u = random.nextDouble();
    int s = 1;
    while (s < m - 1 && u > sizeCdf[s - 1]) {
      s++;
    }
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    boolean[] in = new boolean[m];
    for (int k = 0; k < s; k++) {
      int j = k + random.nextInt(m - k);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
      in[order[k]] = true;
    }
    return in;
  }

  /**
   * The equal-weight fit of {@code pairs} coalition pairs (a coalition, then its complement) from
   * {@code first}. A complement's row of the constrained system is the negation of its coalition's
   * row, so each pair folds into one row with target {@code (t_z − t_z̄)/2} and twice the weight:
   * the same least-squares problem, half the rows. Solved by Householder QR, or by the SVD (the
   * minimum-norm solution) when a small round leaves two features inseparable.
   */
  static double[] solvePairs(
      List<boolean[]> coalitions,
      double[] values,
      int first,
      int pairs,
      double empty,
      double delta,
      int m) {
    double[][] a = new double[pairs][m - 1];
    double[] t = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      boolean[] z = coalitions.get(first + 2 * p);
      double last = z[m - 1] ? 1 : 0;
      for (int i = 0; i < m - 1; i++) {
        a[p][i] = (z[i] ? 1 : 0) - last;
      }
      double tz = values[first + 2 * p] - empty - last * delta;
      double tc = values[first + 2 * p + 1] - empty - (1 - last) * delta;
      t[p] = (tz - tc) / 2;
    }
    RealMatrix matrix = new Array2DRowRealMatrix(a, false);
    ArrayRealVector target = new ArrayRealVector(t, false);
    DecompositionSolver qr = new QRDecomposition(matrix, RANK_THRESHOLD).getSolver();
    double[] beta =
        qr.isNonSingular()
            ? qr.solve(target).toArray()
            : new SingularValueDecomposition(matrix).getSolver().solve(target).toArray();
    double[] phi = new double[m];
    double sum = 0;
    for (int i = 0; i < m - 1; i++) {
      phi[i] = beta[i];
      sum += beta[i];
    }
    phi[m - 1] = delta - sum;
    return phi;
  }

  /**
   * Constrained weighted least squares: with φ_{M−1} = Δ − Σ_{i<M−1} φ_i, fit {@code v(z) − v(∅) −
   * z_{M−1}Δ = Σ_{i<M−1} (z_i − z_{M−1}) φ_i}, on the √weight-scaled rows by the SVD (least
   * squares; the minimum-norm solution when a small round leaves two features inseparable).
   */
  private static double[] solve(
      List<boolean[]> coalitions,
      double[] weights,
      double[] values,
      int valueOffset,
      double empty,
      double delta,
      int m) {
    int n = coalitions.size();
    RealMatrix a = new Array2DRowRealMatrix(n, m - 1);
    double[] t = new double[n];
    for (int k = 0; k < n; k++) {
      boolean[] z = coalitions.get(k);
      double root = Math.sqrt(weights[k]);
      double last = z[m - 1] ? 1 : 0;
      for (int i = 0; i < m - 1; i++) {
        a.setEntry(k, i, root * ((z[i] ? 1 : 0) - last));
      }
      t[k] = root * (values[valueOffset + k] - empty - last * delta);
    }
    double[] beta =
        new SingularValueDecomposition(a)
            .getSolver()
            .solve(new ArrayRealVector(t, false))
            .toArray();
    double[] phi = new double[m];
    double sum = 0;
    for (int i = 0; i < m - 1; i++) {
      phi[i] = beta[i];
      sum += beta[i];
    }
    phi[m - 1] = delta - sum;
    return phi;
  }
}
