package dev.assay.core.fairness;

import java.util.Map;

/**
 * The figures of one group.
 *
 * @param value the group as written in the data (a bin such as {@code [30, 45)}, or the parts of an
 *     intersection joined by {@code " & "})
 * @param n rows in the group
 * @param share the group's share of all rows
 * @param judged false when the group is too small to judge (it is shown, not judged)
 * @param note why it is not judged, or null
 * @param metrics the figures by key ({@code base_rate}, {@code selection_rate}, {@code tpr}...; NaN
 *     where undefined, such as TPR without actual positives)
 * @param intervals 95% intervals by the same keys (bootstrap; DeLong for {@code roc_auc})
 * @param counts confusion counts {@code tp}, {@code fp}, {@code fn}, {@code tn} (classification)
 */
public record GroupReport(
    String value,
    long n,
    double share,
    boolean judged,
    String note,
    Map<String, Double> metrics,
    Map<String, Interval> intervals,
    Map<String, Long> counts) {

  /** A figure by key, NaN when absent. */
  public double metric(String key) {
    Double v = metrics.get(key);
    return v == null ? Double.NaN : v;
  }
}
