package dev.assay.core.monitor;

import java.util.List;

/**
 * A gradual rollout of a challenger model version against a champion: ordered stages, each a share
 * of the traffic in percent, gated by {@link RolloutGate}.
 *
 * @param stages traffic shares in percent, strictly increasing, each in 1..100
 * @param minEvents predictions each variant needs in a stage's windows before it may be promoted
 * @param maxDrop how much lower than the champion's the challenger's accuracy may be: a stage is
 *     promoted only when the accuracy difference's confidence sequence lies above {@code -maxDrop},
 *     and rolled back when it lies below
 * @param fairness the fairness gate, or null without one
 */
public record RolloutPlan(
    List<Integer> stages, long minEvents, double maxDrop, FairnessGate fairness) {

  /**
   * A fairness gate: the stage rolls back when, over its windows, the challenger's {@code metric}
   * between the groups of {@code column} is unfair (above {@code threshold}) while the champion's
   * is fair; see {@link RolloutGate}.
   *
   * @param column a feature of the events
   * @param metric one of {@link dev.assay.core.fairness.CountedDisparity#METRICS}
   * @param threshold the largest fair value (default: {@code assay fairness}'s)
   * @param minGroupSize the smallest group judged (default: {@code assay fairness}'s 20)
   */
  public record FairnessGate(String column, String metric, double threshold, int minGroupSize) {
    public FairnessGate {
      if (column == null || column.isBlank()) {
        throw new IllegalArgumentException("--fairness-column: name a feature of the events");
      }
      try {
        dev.assay.core.fairness.CountedDisparity.check(metric);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--fairness-metric: " + e.getMessage());
      }
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("--fairness-threshold must be in 0..1");
      }
      if (minGroupSize < 1) {
        throw new IllegalArgumentException("--fairness-min-group must be at least 1");
      }
    }

    /** The gate in words, e.g. {@code demographic_parity_difference between the groups of ...}. */
    public String text() {
      return String.format(
          java.util.Locale.ROOT,
          "%s between the groups of '%s' at most %s (groups of %d or more)",
          metric,
          column,
          threshold,
          minGroupSize);
    }

    /** A gate with {@code assay fairness}'s threshold and minimum group size. */
    public static FairnessGate withDefaults(String column, String metric) {
      return new FairnessGate(
          column,
          metric,
          dev.assay.core.fairness.CountedDisparity.defaultLimit(metric),
          dev.assay.core.fairness.CountedDisparity.defaultMinGroupSize());
    }
  }

  /** A plan without fairness gate. */
  public RolloutPlan(List<Integer> stages, long minEvents, double maxDrop) {
    this(stages, minEvents, maxDrop, null);
  }

  public RolloutPlan {
    if (stages == null || stages.isEmpty()) {
      throw new IllegalArgumentException(
          "--stages: give at least one traffic share, e.g. 5,25,100");
    }
    int previous = 0;
    for (Integer s : stages) {
      if (s == null || s < 1 || s > 100 || s <= previous) {
        throw new IllegalArgumentException(
            "--stages: traffic shares must increase within 1..100 percent, got " + stages);
      }
      previous = s;
    }
    if (minEvents < 1) {
      throw new IllegalArgumentException("--min-events must be at least 1");
    }
    if (!(maxDrop >= 0 && maxDrop < 1)) {
      throw new IllegalArgumentException("--max-drop must be in 0..1 (exclusive)");
    }
    stages = List.copyOf(stages);
  }

  /** The stages as stored, e.g. {@code 5,25,50,100}. */
  public String stagesText() {
    StringBuilder s = new StringBuilder();
    for (Integer stage : stages) {
      s.append(s.isEmpty() ? "" : ",").append(stage);
    }
    return s.toString();
  }

  /** The stages from their stored text. */
  public static List<Integer> parseStages(String text) {
    List<Integer> list = new java.util.ArrayList<>();
    for (String part : text.split(",")) {
      list.add(Integer.parseInt(part.strip()));
    }
    return list;
  }
}
