package dev.assay.core.security;

import java.util.List;

/**
 * One adversarial evasion attack of a robustness test (or the worst case of all of them per row),
 * with robust accuracy over the epsilon grid, per sensitive group, and a few adversarial rows.
 *
 * <p>Perturbations are measured in the L-infinity norm in units of each feature's standard
 * deviation (over the rows used): a perturbation of 0.1 moves no feature by more than a tenth of
 * its standard deviation. Only mutable numeric features move (not immutable, text or categorical
 * ones); whole-number features stay whole and every value stays inside the observed range. Every
 * adversarial row counted was itself scored by the model after those constraints.
 *
 * @param attack {@code fd_sign_gradient}, {@code hop_skip_jump} or {@code combined}
 * @param kind {@code score_based} (uses the class probabilities), {@code decision_based} (uses the
 *     predicted label only) or {@code worst_case} (a row is fooled when any attack fooled it)
 * @param status {@code completed} or {@code skipped}
 * @param reason why the attack was skipped, else null
 * @param norm the perturbation norm: {@code linf_std}
 * @param rows rows attacked
 * @param correct rows the model classified correctly before the attack (only those are attacked)
 * @param cleanAccuracy share of the attacked rows classified correctly without perturbation
 * @param queryBudget model queries the attack may spend on one row (for the worst case, the
 *     attacks' budgets together)
 * @param queriesTotal model queries spent on all rows (the clean prediction not included)
 * @param queriesMaxPerRow most queries spent on one row (never above the budget)
 * @param seconds wall time of the attack
 * @param sensitive the column whose groups are in {@code groups}, or null
 */
public record AttackResult(
    String attack,
    String kind,
    String description,
    String status,
    String reason,
    String norm,
    int rows,
    int correct,
    double cleanAccuracy,
    int queryBudget,
    long queriesTotal,
    int queriesMaxPerRow,
    double seconds,
    String sensitive,
    List<Epsilon> epsilons,
    List<Group> groups,
    List<Example> examples) {

  /** The norm every perturbation is measured in. */
  public static final String NORM = "linf_std";

  /**
   * The attack at one perturbation size.
   *
   * @param epsilon largest perturbation allowed, in standard deviations (L-infinity)
   * @param robustAccuracy share of the attacked rows classified correctly before the attack for
   *     which the attack found no adversarial row within epsilon (rows misclassified to begin with
   *     count as not robust)
   * @param successRate among the rows classified correctly, the share fooled within epsilon; null
   *     when none was correct
   * @param medianPerturbation median of the smallest perturbation found among the rows fooled
   *     within epsilon; null when none was
   * @param queries model queries spent to settle this epsilon: up to the first adversarial row
   *     within epsilon for a fooled row, all of its queries for a row not fooled
   * @param queriesPerRow {@code queries} per correctly classified row
   * @param fooledRows rows fooled within epsilon
   * @param groupGap largest difference in robust accuracy between sensitive groups of at least
   *     {@value AttackSummary#MIN_GROUP_ROWS} correctly classified rows, or null
   * @param groupSuccessGap largest difference in success rate between those groups, or null
   */
  public record Epsilon(
      double epsilon,
      double robustAccuracy,
      Double successRate,
      Double medianPerturbation,
      long queries,
      double queriesPerRow,
      int fooledRows,
      Double groupGap,
      Double groupSuccessGap) {}

  /**
   * The attack on the rows of one sensitive group.
   *
   * @param small fewer than {@value AttackSummary#MIN_GROUP_ROWS} correctly classified rows: shown,
   *     not judged
   */
  public record Group(
      String group,
      int rows,
      int correct,
      double cleanAccuracy,
      boolean small,
      List<GroupEpsilon> epsilons) {}

  /** Robust accuracy and success rate of one group at one epsilon. */
  public record GroupEpsilon(double epsilon, double robustAccuracy, Double successRate) {}

  /**
   * An adversarial row beside its original.
   *
   * @param row position of the row among the rows used (1 = the first data row)
   * @param trueLabel the target's class
   * @param originalLabel the model's class for the original row (the true one: only correctly
   *     classified rows are attacked)
   * @param adversarialLabel the model's class for the adversarial row
   * @param perturbation size of the perturbation (L-infinity, standard deviations)
   * @param queries queries spent on the row until this adversarial row was found
   * @param changed features whose value differs
   * @param values every numeric feature, original and adversarial (null for text and missing)
   */
  public record Example(
      int row,
      String trueLabel,
      String originalLabel,
      String adversarialLabel,
      double perturbation,
      int queries,
      List<String> changed,
      List<FeatureValue> values) {}

  /** One feature of an adversarial example. */
  public record FeatureValue(String feature, Double original, Double adversarial) {}

  /** An attack that did not run, and why. */
  static AttackResult skipped(
      String attack, String kind, String description, String reason, int queryBudget) {
    return new AttackResult(
        attack,
        kind,
        description,
        "skipped",
        reason,
        NORM,
        0,
        0,
        0,
        queryBudget,
        0,
        0,
        0,
        null,
        List.of(),
        List.of(),
        List.of());
  }

  /** Whether the attack ran. */
  public boolean completed() {
    return "completed".equals(status);
  }
}
