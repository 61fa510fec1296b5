package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decision-based evasion after HopSkipJump (Chen, Jordan and Wainwright, 2020), L-infinity version,
 * using the predicted class only. It starts from an adversarial point: the nearest rows of the
 * sample the model puts in another class (with this row's immutable, categorical and text features
 * kept), else random points in the observed range. It then repeats: a binary search toward the
 * original (L-infinity projection) to the decision boundary; an estimate of the boundary's normal
 * from random probes around the boundary point (which side each probe lands on); a geometric step
 * along the sign of that estimate, halved until the point is adversarial again. It stops when the
 * row's query budget is spent or the perturbation has stopped shrinking. Rows with no adversarial
 * starting point stay unfooled.
 */
final class HopSkipJumpAttack extends EvasionAttack {
  static final String NAME = "hop_skip_jump";

  /** Sample rows of another class tried as starting points. */
  static final int START_CANDIDATES = 3;

  /** Random points tried when no sample row is a starting point. */
  static final int RANDOM_STARTS = 10;

  /** Halvings of a geometric step before giving up on it. */
  static final int HALVINGS = 10;

  /** Iterations without a 0.1% smaller perturbation before a row stops. */
  static final int PATIENCE = 4;

  private final int[] truth;
  private final double[][] pool;
  private final int[] poolLabels;

  /**
   * @param truth class index of each attacked row
   * @param pool rows of the sample the model has scored, a source of starting points
   * @param poolLabels the model's class of each pool row
   */
  HopSkipJumpAttack(
      AttackSpace space,
      AttackOracle oracle,
      double[][] origins,
      int[] targets,
      long seed,
      int[] truth,
      double[][] pool,
      int[] poolLabels) {
    super(space, oracle, origins, targets, seed);
    this.truth = truth;
    this.pool = pool;
    this.poolLabels = poolLabels;
  }

  @Override
  void run() throws OrtException {
    if (space.dimensions() == 0) {
      return;
    }
    List<Candidate> starts = starts();
    List<Boundary> boundaries = new ArrayList<>(shrink(starts));
    int[] stalled = new int[origins.length];
    for (int t = 1; !boundaries.isEmpty(); t++) {
      boundaries = iterate(boundaries, t, stalled);
    }
  }

  /** Starting points: nearby rows of other classes, else random points in range. */
  private List<Candidate> starts() throws OrtException {
    int m = space.dimensions();
    List<Candidate> starts = new ArrayList<>();
    AttackOracle.Batch batch = new AttackOracle.Batch();
    List<Candidate> tried = new ArrayList<>();
    for (int row : targets) {
      double[] x0 = origins[row];
      for (double[] z : nearest(row, x0)) {
        if (oracle.remaining(row) - countFor(tried, row) <= 1) {
          break;
        }
        double[] point = space.point(x0, z);
        batch.add(row, point);
        tried.add(new Candidate(row, z, point, -1));
      }
    }
    collect(batch, tried, starts);
    boolean[] started = new boolean[origins.length];
    starts.forEach(c -> started[c.row()] = true);
    batch = new AttackOracle.Batch();
    tried = new ArrayList<>();
    for (int row : targets) {
      if (started[row]) {
        continue;
      }
      double[] x0 = origins[row];
      for (int i = 0; i < RANDOM_STARTS && oracle.remaining(row) - countFor(tried, row) > 1; i++) {
        double[] z = new double[m];
        for (int k = 0; k < m; k++) {
          double lo = space.lower(x0, k);
          double hi = space.upper(x0, k);
          z[k] = lo + (hi - lo) * random.nextDouble();
        }
        double[] point = space.point(x0, z);
        batch.add(row, point);
        tried.add(new Candidate(row, z, point, -1));
      }
    }
    collect(batch, tried, starts);
    return starts;
  }

  private static int countFor(List<Candidate> tried, int row) {
    int n = 0;
    for (int i = tried.size() - 1; i >= 0 && tried.get(i).row() == row; i--) {
      n++;
    }
    return n;
  }

  /** Asks a batch of tried starts and adds the adversarial one nearest each row to starts. */
  private void collect(AttackOracle.Batch batch, List<Candidate> tried, List<Candidate> starts)
      throws OrtException {
    AttackOracle.Answers answers = oracle.ask(batch);
    Candidate[] best = new Candidate[origins.length];
    double[] bestDistance = new double[origins.length];
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < tried.size(); i++) {
      if (!answers.adversarial()[i]) {
        continue;
      }
      Candidate c = tried.get(i);
      double distance = space.distance(origins[c.row()], c.point());
      if (best[c.row()] == null) {
        rows.add(c.row());
      } else if (distance >= bestDistance[c.row()]) {
        continue;
      }
      best[c.row()] = new Candidate(c.row(), c.z(), c.point(), answers.labels()[i]);
      bestDistance[c.row()] = distance;
    }
    rows.forEach(row -> starts.add(best[row]));
  }

  /** Coordinates of the pool rows the model puts in another class, nearest first. */
  private List<double[]> nearest(int row, double[] x0) {
    double[][] best = new double[START_CANDIDATES][];
    double[] bestNorm = new double[START_CANDIDATES];
    Arrays.fill(bestNorm, Double.POSITIVE_INFINITY);
    for (int i = 0; i < pool.length; i++) {
      if (poolLabels[i] < 0 || poolLabels[i] == truth[row]) {
        continue;
      }
      double[] z = space.coordinates(x0, pool[i]);
      space.clipToRange(x0, z);
      double norm = AttackSpace.norm(z);
      if (norm == 0 || norm >= bestNorm[START_CANDIDATES - 1]) {
        continue;
      }
      int at = START_CANDIDATES - 1;
      while (at > 0 && bestNorm[at - 1] > norm) {
        bestNorm[at] = bestNorm[at - 1];
        best[at] = best[at - 1];
        at--;
      }
      bestNorm[at] = norm;
      best[at] = z;
    }
    List<double[]> near = new ArrayList<>();
    for (double[] z : best) {
      if (z != null) {
        near.add(z);
      }
    }
    return near;
  }

  /** One HopSkipJump iteration of every row; returns the boundary points still being improved. */
  private List<Boundary> iterate(List<Boundary> boundaries, int t, int[] stalled)
      throws OrtException {
    int m = space.dimensions();
    int base = Math.max(10, 2 * m);
    int wanted = (int) Math.min(10L * base, Math.round(base * Math.sqrt(t)));
    AttackOracle.Batch batch = new AttackOracle.Batch();
    List<Boundary> probing = new ArrayList<>();
    List<double[][]> directions = new ArrayList<>();
    for (Boundary b : boundaries) {
      int probes = Math.min(wanted, oracle.remaining(b.row()) - 2);
      if (probes < 2 || b.radius() == 0) {
        continue;
      }
      double[] x0 = origins[b.row()];
      double delta = b.radius() / m;
      double[][] us = new double[probes][m];
      for (int p = 0; p < probes; p++) {
        double[] probe = b.z().clone();
        for (int k = 0; k < m; k++) {
          us[p][k] = 2 * random.nextDouble() - 1;
          probe[k] += delta * us[p][k];
        }
        space.clipToRange(x0, probe);
        batch.add(b.row(), space.point(x0, probe));
      }
      probing.add(b);
      directions.add(us);
    }
    if (probing.isEmpty()) {
      return List.of();
    }
    AttackOracle.Answers answers = oracle.ask(batch);
    double[][] steps = new double[probing.size()][];
    int at = 0;
    for (int i = 0; i < probing.size(); i++) {
      double[][] us = directions.get(i);
      double mean = 0;
      for (int p = 0; p < us.length; p++) {
        mean += answers.adversarial()[at + p] ? 1 : -1;
      }
      mean /= us.length;
      double[] gradient = new double[m];
      for (int p = 0; p < us.length; p++) {
        double phi = answers.adversarial()[at + p] ? 1 : -1;
        double weight = Math.abs(mean) == 1 ? phi : phi - mean;
        for (int k = 0; k < m; k++) {
          gradient[k] += weight * us[p][k];
        }
      }
      at += us.length;
      double[] sign = new double[m];
      for (int k = 0; k < m; k++) {
        sign[k] = gradient[k] > 0 ? 1 : gradient[k] < 0 ? -1 : 0;
      }
      steps[i] = sign;
    }
    List<Candidate> stepped = geometricSteps(probing, steps, t);
    List<Boundary> shrunk = shrink(stepped);
    List<Boundary> next = new ArrayList<>();
    int s = 0;
    for (Boundary old : probing) {
      Boundary now = s < shrunk.size() && shrunk.get(s).row() == old.row() ? shrunk.get(s++) : null;
      Boundary kept = now != null && now.radius() < old.radius() ? now : old;
      boolean improved = now != null && now.radius() < old.radius() * (1 - SEARCH_PRECISION);
      stalled[old.row()] = improved ? 0 : stalled[old.row()] + 1;
      if (stalled[old.row()] < PATIENCE && oracle.remaining(old.row()) > 2) {
        next.add(kept);
      }
    }
    return next;
  }

  /** Steps each boundary point along its direction, halving the step until it is adversarial. */
  private List<Candidate> geometricSteps(List<Boundary> from, double[][] signs, int t)
      throws OrtException {
    int n = from.size();
    double[] xi = new double[n];
    boolean[] done = new boolean[n];
    Candidate[] found = new Candidate[n];
    for (int i = 0; i < n; i++) {
      xi[i] = from.get(i).radius() / Math.sqrt(t);
      done[i] = AttackSpace.norm(signs[i]) == 0;
    }
    for (int round = 0; round < HALVINGS; round++) {
      AttackOracle.Batch batch = new AttackOracle.Batch();
      int[] asked = new int[n];
      double[][] zs = new double[n][];
      double[][] points = new double[n][];
      int count = 0;
      for (int i = 0; i < n; i++) {
        Boundary b = from.get(i);
        if (done[i] || oracle.remaining(b.row()) < 2) {
          continue;
        }
        double[] x0 = origins[b.row()];
        double[] z = b.z().clone();
        for (int k = 0; k < z.length; k++) {
          z[k] += xi[i] * signs[i][k];
        }
        space.clipToRange(x0, z);
        zs[count] = z;
        points[count] = space.point(x0, z);
        batch.add(b.row(), points[count]);
        asked[count++] = i;
      }
      if (count == 0) {
        break;
      }
      AttackOracle.Answers answers = oracle.ask(batch);
      for (int k = 0; k < count; k++) {
        int i = asked[k];
        if (answers.adversarial()[k]) {
          found[i] = new Candidate(from.get(i).row(), zs[k], points[k], answers.labels()[k]);
          done[i] = true;
        } else {
          xi[i] /= 2;
        }
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Candidate c : found) {
      if (c != null) {
        candidates.add(c);
      }
    }
    return candidates;
  }
}
