package dev.assay.core.fairness;

import java.util.List;

/**
 * How the group figures and disparities move with the decision threshold on the positive-class
 * probability (a row is predicted positive when its probability is above the threshold), and the
 * group-specific thresholds that would equalise TPR or selection rate. Analysis only: nothing here
 * changes a model's decisions.
 *
 * @param thresholds the grid 0.01, 0.02, ..., 0.99
 * @param groups per group (all groups; disparities use the judged ones)
 * @param demographicParityDifference max - min selection rate at each threshold
 * @param equalOpportunityDifference max - min TPR at each threshold
 * @param equalizedOddsDifference larger of the TPR and FPR gaps at each threshold
 * @param accuracy accuracy over all rows at each threshold
 * @param baselineThreshold the single threshold the policies are compared with (0.5)
 * @param baselineAccuracy accuracy over all rows at the baseline threshold
 * @param policies group-specific thresholds and what they cost
 */
public record ThresholdAnalysis(
    double[] thresholds,
    List<GroupCurve> groups,
    double[] demographicParityDifference,
    double[] equalOpportunityDifference,
    double[] equalizedOddsDifference,
    double[] accuracy,
    double baselineThreshold,
    double baselineAccuracy,
    List<ThresholdPolicy> policies) {

  /** One group's figures along the grid. */
  public record GroupCurve(
      String group,
      boolean judged,
      double[] selectionRate,
      double[] tpr,
      double[] fpr,
      double[] accuracy) {}

  /**
   * Thresholds per group that bring one rate of every judged group to the reference group's rate at
   * the baseline threshold.
   *
   * @param goal {@code equal_tpr} or {@code equal_selection_rate}
   * @param target the rate aimed at
   * @param accuracy accuracy over all rows with these thresholds
   * @param accuracyCost baseline accuracy minus {@code accuracy} (negative: a gain)
   * @param disparity the gap of the equalised rate over judged groups afterwards
   */
  public record ThresholdPolicy(
      String goal,
      double target,
      List<GroupThreshold> groups,
      double accuracy,
      double accuracyCost,
      double disparity,
      String explanation) {}

  /** The threshold of one group under a policy and what it gives. */
  public record GroupThreshold(
      String group, double threshold, double rate, double selectionRate, double accuracy) {}
}
