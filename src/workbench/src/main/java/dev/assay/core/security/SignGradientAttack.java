package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;

/**
 * Score-based evasion: projected gradient-sign descent on the margin of the true class (its
 * log-probability minus the best other class's), with the gradient estimated by finite differences
 * (one query per mutable feature and step). For each epsilon of the grid, smallest first, the rows
 * not yet fooled within it take up to {@value #MAX_STEPS} steps inside the L-infinity ball of that
 * radius: the first a full step to a corner (as FGSM), then halving steps down to a quarter of
 * epsilon (as PGD); each row's remaining budget is shared evenly between the epsilons left, and its
 * point carries over, scaled, to the next epsilon. A feature whose estimated slope is zero (flat,
 * say a tree between thresholds) moves in a random direction. An adversarial point is shrunk toward
 * the original by a binary search, so the perturbation reported is close to the smallest along that
 * direction.
 */
final class SignGradientAttack extends EvasionAttack {
  static final String NAME = "fd_sign_gradient";

  /** Most steps per row and epsilon. */
  static final int MAX_STEPS = 10;

  private final double[] epsilons;

  SignGradientAttack(
      AttackSpace space,
      AttackOracle oracle,
      double[][] origins,
      int[] targets,
      long seed,
      double[] epsilons) {
    super(space, oracle, origins, targets, seed);
    this.epsilons = epsilons.clone();
  }

  @Override
  void run() throws OrtException {
    int m = space.dimensions();
    double[][] z = new double[origins.length][m];
    double previous = 0;
    for (int level = 0; level < epsilons.length; level++) {
      double epsilon = epsilons[level];
      double h = Math.max(1e-3, Math.min(0.05, epsilon / 4));
      int levelsLeft = epsilons.length - level;
      List<Integer> active = new ArrayList<>();
      int[] allowance = new int[origins.length];
      for (int row : targets) {
        if (traces[row].within(epsilon) || oracle.remaining(row) < m + 1) {
          continue;
        }
        allowance[row] = oracle.used(row) + Math.max(m + 1, oracle.remaining(row) / levelsLeft);
        if (previous > 0) {
          for (int k = 0; k < m; k++) {
            z[row][k] *= epsilon / previous;
          }
        }
        active.add(row);
      }
      for (int step = 0; step < MAX_STEPS && !active.isEmpty(); step++) {
        active = step(active, allowance, z, epsilon, h, step);
      }
      previous = epsilon;
    }
  }

  /** One step of every active row; returns the rows still active. */
  private List<Integer> step(
      List<Integer> active, int[] allowance, double[][] z, double epsilon, double h, int step)
      throws OrtException {
    int m = space.dimensions();
    AttackOracle.Batch batch = new AttackOracle.Batch();
    List<Integer> asked = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    double[][] steps = new double[origins.length][];
    for (int row : active) {
      if (oracle.used(row) + m + 1 > allowance[row] || oracle.remaining(row) < m + 1) {
        continue;
      }
      double[] x0 = origins[row];
      double[] base = space.point(x0, z[row]);
      batch.add(row, base);
      points.add(base);
      double[] deltas = new double[m];
      for (int k = 0; k < m; k++) {
        int column = space.column(k);
        double dk = h;
        if (space.sample().integral[column]) {
          dk = Math.max(dk, 1 / space.sample().std[column]);
        }
        if (z[row][k] + dk > space.upper(x0, k)) {
          dk = -dk;
        }
        deltas[k] = dk;
        double[] probe = z[row].clone();
        probe[k] += dk;
        double[] point = space.point(x0, probe);
        batch.add(row, point);
        points.add(point);
      }
      steps[row] = deltas;
      asked.add(row);
    }
    if (asked.isEmpty()) {
      return List.of();
    }
    AttackOracle.Answers answers = oracle.ask(batch);
    List<Candidate> found = new ArrayList<>();
    List<Integer> next = new ArrayList<>();
    for (int r = 0; r < asked.size(); r++) {
      int row = asked.get(r);
      int at = r * (m + 1);
      for (int k = 1; k <= m; k++) {
        if (answers.adversarial()[at + k]) {
          fooled(row, points.get(at + k), answers.labels()[at + k]);
        }
      }
      if (answers.adversarial()[at]) {
        found.add(new Candidate(row, z[row].clone(), points.get(at), answers.labels()[at]));
        continue;
      }
      double alpha = epsilon * (step == 0 ? 1 : Math.max(0.25, Math.pow(0.5, step)));
      double[] x0 = origins[row];
      for (int k = 0; k < m; k++) {
        double slope = (answers.margins()[at + 1 + k] - answers.margins()[at]) / steps[row][k];
        double sign = slope > 0 ? 1 : slope < 0 ? -1 : randomSign();
        double moved = z[row][k] - alpha * sign;
        z[row][k] =
            Math.max(
                Math.max(-epsilon, space.lower(x0, k)),
                Math.min(Math.min(epsilon, space.upper(x0, k)), moved));
      }
      next.add(row);
    }
    shrink(found);
    return next;
  }
}
