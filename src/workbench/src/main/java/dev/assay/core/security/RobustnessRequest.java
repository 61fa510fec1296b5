package dev.assay.core.security;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import java.util.List;
import java.util.TreeSet;

/**
 * What to test for robustness.
 *
 * @param features feature columns in model input order, or null for the remembered binding or the
 *     model's metadata (as in an evaluation)
 * @param immutable columns never perturbed (a sensitive attribute, an identifier)
 * @param maxRows rows of the dataset used (the first ones)
 * @param seed seed of the Gaussian noise and of the attacks' random choices, so a report can be
 *     reproduced
 * @param sensitive column whose groups get their own robust accuracy under attack, or null for the
 *     model's declared sensitive attribute ({@code assay.sensitive}) when the dataset has it
 * @param attackRows rows attacked by each evasion attack (chosen with the seed among the rows
 *     used); 0 runs no attacks
 * @param queryBudget model queries each attack may spend on one row
 * @param epsilons perturbation sizes at which robust accuracy is reported, in units of each
 *     feature's standard deviation (L-infinity); sorted, without duplicates
 */
public record RobustnessRequest(
    ModelVersion model,
    DatasetVersion dataset,
    String target,
    List<String> features,
    List<String> immutable,
    int maxRows,
    long seed,
    String sensitive,
    int attackRows,
    int queryBudget,
    List<Double> epsilons) {
  /** Rows used when none are given. */
  public static final int DEFAULT_ROWS = 2000;

  /** Rows attacked when none are given. */
  public static final int DEFAULT_ATTACK_ROWS = 200;

  /** Queries per row and attack when none are given. */
  public static final int DEFAULT_QUERY_BUDGET = 1000;

  /** The epsilon grid when none is given, in standard deviations. */
  public static final List<Double> DEFAULT_EPSILONS = List.of(0.05, 0.1, 0.25, 0.5, 1.0);

  public RobustnessRequest {
    features = features == null ? null : List.copyOf(features);
    immutable = immutable == null ? List.of() : List.copyOf(immutable);
    if (maxRows <= 0) {
      maxRows = DEFAULT_ROWS;
    }
    sensitive = sensitive == null || sensitive.isBlank() ? null : sensitive.strip();
    if (attackRows < 0) {
      throw new IllegalArgumentException("attack rows must not be negative: " + attackRows);
    }
    if (queryBudget <= 0) {
      queryBudget = DEFAULT_QUERY_BUDGET;
    }
    if (epsilons == null || epsilons.isEmpty()) {
      epsilons = DEFAULT_EPSILONS;
    } else {
      for (Double e : epsilons) {
        if (e == null || !(e > 0) || Double.isInfinite(e)) {
          throw new IllegalArgumentException("epsilons must be positive numbers: " + epsilons);
        }
      }
      epsilons = List.copyOf(new TreeSet<>(epsilons));
    }
  }

  /** A request with the default attacks (200 rows, 1000 queries, the default epsilon grid). */
  public RobustnessRequest(
      ModelVersion model,
      DatasetVersion dataset,
      String target,
      List<String> features,
      List<String> immutable,
      int maxRows,
      long seed) {
    this(
        model,
        dataset,
        target,
        features,
        immutable,
        maxRows,
        seed,
        null,
        DEFAULT_ATTACK_ROWS,
        DEFAULT_QUERY_BUDGET,
        null);
  }

  /** This request with other attack settings. */
  public RobustnessRequest withAttacks(
      String sensitive, int attackRows, int queryBudget, List<Double> epsilons) {
    return new RobustnessRequest(
        model,
        dataset,
        target,
        features,
        immutable,
        maxRows,
        seed,
        sensitive,
        attackRows,
        queryBudget,
        epsilons);
  }
}
