package dev.assay.core.security;

import java.util.Arrays;

/**
 * What an attack found for one row: the smallest perturbation found so far, the adversarial row and
 * its class, and how the perturbation shrank with the queries spent (to tell how many queries it
 * took to get within a given epsilon).
 */
final class AttackTrace {
  private double best = Double.POSITIVE_INFINITY;
  private double[] point;
  private int label = -1;
  private int queriesAtBest;
  private double[] distances = new double[4];
  private int[] queries = new int[4];
  private int size;

  /** Records an adversarial row of perturbation {@code distance}, found after {@code spent}. */
  void found(double distance, double[] adversarial, int adversarialLabel, int spent) {
    if (!(distance < best)) {
      return;
    }
    best = distance;
    point = adversarial;
    label = adversarialLabel;
    queriesAtBest = spent;
    if (size == distances.length) {
      distances = Arrays.copyOf(distances, size * 2);
      queries = Arrays.copyOf(queries, size * 2);
    }
    distances[size] = distance;
    queries[size] = spent;
    size++;
  }

  /** The smallest perturbation found, or infinity. */
  double best() {
    return best;
  }

  boolean fooled() {
    return point != null;
  }

  /** Whether an adversarial row within {@code epsilon} was found. */
  boolean within(double epsilon) {
    return best <= epsilon * (1 + 1e-9);
  }

  double[] point() {
    return point;
  }

  int label() {
    return label;
  }

  int queriesAtBest() {
    return queriesAtBest;
  }

  /** Queries spent until the first adversarial row within {@code epsilon}, else {@code all}. */
  int queriesFor(double epsilon, int all) {
    for (int i = 0; i < size; i++) {
      if (distances[i] <= epsilon * (1 + 1e-9)) {
        return queries[i];
      }
    }
    return all;
  }
}
