package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An evasion attack on many rows at once: it looks for rows close to each original (L-infinity,
 * standard deviations, inside {@link AttackSpace}) that the model classifies otherwise, and keeps
 * the smallest it finds per row in an {@link AttackTrace}. Every point it counts was scored by the
 * model as the constrained row.
 */
abstract sealed class EvasionAttack permits SignGradientAttack, HopSkipJumpAttack {
  /** Relative precision of the binary searches on the perturbation size. */
  static final double SEARCH_PRECISION = 1e-3;

  final AttackSpace space;
  final AttackOracle oracle;
  final double[][] origins;
  final int[] targets;
  final AttackTrace[] traces;
  final Random random;

  /**
   * @param origins the attacked rows
   * @param targets indices of the rows to attack (those the model classifies correctly)
   */
  EvasionAttack(
      AttackSpace space, AttackOracle oracle, double[][] origins, int[] targets, long seed) {
    this.space = space;
    this.oracle = oracle;
    this.origins = origins;
    this.targets = targets;
    this.traces = new AttackTrace[origins.length];
    for (int i = 0; i < traces.length; i++) {
      traces[i] = new AttackTrace();
    }
    this.random = new Random(seed);
  }

  /** Runs the attack until every row is done or out of budget. */
  abstract void run() throws OrtException;

  AttackTrace[] traces() {
    return traces;
  }

  /** Records that row {@code row} is fooled by {@code point} (coordinates {@code z}). */
  final void fooled(int row, double[] point, int label) {
    traces[row].found(space.distance(origins[row], point), point, label, oracle.used(row));
  }

  /**
   * An adversarial point of a row: coordinates, the row the model scored, and its class.
   *
   * @param z coordinates whose point the model classified otherwise
   */
  record Candidate(int row, double[] z, double[] point, int label) {}

  /**
   * A point on the decision boundary: {@code z} is adversarial, and shrinking it to a radius a
   * little smaller ({@link #SEARCH_PRECISION}) was not.
   */
  record Boundary(int row, double[] z, double radius) {}

  /**
   * Shrinks each candidate toward its original by a binary search on the L-infinity radius: the
   * point at radius {@code t} is the candidate clipped to [-t, t] in every coordinate (the
   * projection HopSkipJump uses for L-infinity). Records every adversarial point on the way.
   */
  final List<Boundary> shrink(List<Candidate> candidates) throws OrtException {
    int n = candidates.size();
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      Candidate c = candidates.get(i);
      fooled(c.row(), c.point(), c.label());
      hi[i] = AttackSpace.norm(c.z());
    }
    int[] asked = new int[n];
    double[] mids = new double[n];
    double[][] points = new double[n][];
    while (true) {
      AttackOracle.Batch batch = new AttackOracle.Batch();
      int count = 0;
      for (int i = 0; i < n; i++) {
        int row = candidates.get(i).row();
        if (hi[i] - lo[i] > Math.max(hi[i] * SEARCH_PRECISION, 1e-9) && oracle.remaining(row) > 0) {
          mids[count] = (lo[i] + hi[i]) / 2;
          points[count] =
              space.point(origins[row], AttackSpace.clip(candidates.get(i).z(), mids[count]));
          batch.add(row, points[count]);
          asked[count++] = i;
        }
      }
      if (count == 0) {
        break;
      }
      AttackOracle.Answers answers = oracle.ask(batch);
      for (int k = 0; k < count; k++) {
        int i = asked[k];
        if (answers.adversarial()[k]) {
          hi[i] = mids[k];
          fooled(candidates.get(i).row(), points[k], answers.labels()[k]);
        } else {
          lo[i] = mids[k];
        }
      }
    }
    List<Boundary> boundaries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Candidate c = candidates.get(i);
      boundaries.add(new Boundary(c.row(), AttackSpace.clip(c.z(), hi[i]), hi[i]));
    }
    return boundaries;
  }

  /** A random sign. */
  final double randomSign() {
    return random.nextBoolean() ? 1 : -1;
  }
}
