package dev.assay.core.fairness;

import java.util.List;

/**
 * Fairness for one grouping attribute: a sensitive column, or the intersection of several.
 *
 * @param name the column, or the columns joined by {@code " & "}
 * @param columns the sensitive columns that form the groups
 * @param binning how numeric columns were binned (empty when none was)
 * @param reference the reference group (disparate impact, average odds), or null when none could be
 *     judged
 * @param referenceSource {@code largest} or {@code chosen}
 * @param groups every group, in order (judged or too small)
 * @param disparities the disparities with intervals, tests and verdicts
 * @param thresholds how the figures move with the decision threshold (binary with probabilities),
 *     or null
 */
public record AttributeReport(
    String name,
    List<String> columns,
    List<String> binning,
    String reference,
    String referenceSource,
    List<GroupReport> groups,
    List<Disparity> disparities,
    ThresholdAnalysis thresholds) {

  /** The group named {@code value}, or null. */
  public GroupReport group(String value) {
    return groups.stream().filter(g -> g.value().equals(value)).findFirst().orElse(null);
  }

  /** The disparity with key {@code metric}, or null. */
  public Disparity disparity(String metric) {
    return disparities.stream().filter(d -> d.metric().equals(metric)).findFirst().orElse(null);
  }
}
