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
 */
public record RolloutPlan(List<Integer> stages, long minEvents, double maxDrop) {
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
