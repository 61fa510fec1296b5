package dev.assay.core.security;

import java.time.Instant;
import java.util.List;

/**
 * Black-box robustness of a model version on a dataset: metamorphic perturbations, input fuzzing,
 * determinism and adversarial evasion attacks, with the findings they give.
 *
 * @param task {@code classification} or {@code regression}
 * @param perturbed features the perturbations changed
 * @param immutable features left alone because the user said so
 * @param categorical integer features with few values, left alone as categories
 * @param attacks the evasion attacks (score-based, decision-based, and their worst case per row),
 *     or entries saying why they were skipped; empty in reports stored before attacks existed
 */
public record RobustnessReport(
    String model,
    String dataset,
    String target,
    String task,
    int rows,
    long seed,
    Instant createdAt,
    List<String> perturbed,
    List<String> immutable,
    List<String> categorical,
    List<Perturbation> perturbation,
    List<FuzzCase> fuzzing,
    List<DeterminismCheck> determinism,
    List<AttackResult> attacks,
    List<Finding> findings) {

  /** Changed predictions at and above this share are an issue (Giskard's threshold). */
  public static final double ISSUE_RATE = 0.05;

  /** Changed predictions at and above this share are a major issue. */
  public static final double MAJOR_RATE = 0.10;

  /**
   * One perturbation test.
   *
   * @param test e.g. {@code scale_1.01}, {@code noise_0.05}
   * @param changedRate share of rows whose prediction changed (classification: label; regression:
   *     output moved by more than 5%)
   * @param verdict {@code pass}, {@code issue} (at least 5%) or {@code major} (at least 10%)
   * @param mostSensitive features perturbed alone that change most predictions (noise tests only)
   */
  public record Perturbation(
      String test,
      String description,
      double changedRate,
      int changedRows,
      String verdict,
      List<FeatureSensitivity> mostSensitive) {}

  /** How many predictions one feature changes when perturbed alone. */
  public record FeatureSensitivity(String feature, double changedRate) {}

  /**
   * One fuzzing case.
   *
   * @param outcome {@code ok} (finite outputs), {@code non_finite_output}, {@code refused} (ONNX
   *     Runtime rejected the input with an error, which is acceptable) or {@code skipped}
   * @param detail what the model produced, or the error
   */
  public record FuzzCase(String input, String outcome, String detail) {}

  /**
   * One determinism check.
   *
   * @param outcome {@code same}, {@code different} or {@code skipped}
   * @param maxDifference largest absolute difference between the two runs' outputs
   */
  public record DeterminismCheck(
      String check, String outcome, double maxDifference, String detail) {}

  /** Verdict for a changed-prediction share. */
  public static String verdict(double changedRate) {
    return changedRate >= MAJOR_RATE ? "major" : changedRate >= ISSUE_RATE ? "issue" : "pass";
  }

  /** Whether any critical or high finding exists. */
  @com.fasterxml.jackson.annotation.JsonProperty("blocking")
  public boolean blocking() {
    return findings.stream().anyMatch(f -> f.severity().blocks());
  }
}
