package dev.assay.core.monitor;

import java.util.List;

/**
 * A rollout plan's series on the monitor's metrics endpoint: its current stage, traffic share, gate
 * verdict (one labelled gauge per verdict) and the gate's A/B accuracy difference with its
 * confidence sequence's ends.
 *
 * @param plan the plan's id
 * @param stage the current stage, 1-based (the last when complete, the rolled-back one when rolled
 *     back)
 * @param share the current stage's traffic share in percent (0 once rolled back)
 * @param verdict the gate's {@code continue}, {@code promote} or {@code roll back}, or the plan's
 *     {@code complete} or {@code rolled back}
 * @param accuracy the gate's accuracy comparison, or null without one
 */
public record RolloutSeries(
    long plan,
    String challenger,
    String champion,
    int stage,
    int share,
    String verdict,
    AbWindow.Comparison accuracy) {
  public static final String COMPLETE = "complete";
  public static final String ROLLED_BACK = "rolled back";

  static final List<String> VERDICTS =
      List.of(
          RolloutGate.CONTINUE, RolloutGate.PROMOTE, RolloutGate.ROLL_BACK, COMPLETE, ROLLED_BACK);

  /** Appends the families of {@code plans} (nothing when there is none). */
  static void render(StringBuilder out, String m, List<RolloutSeries> plans) {
    if (plans.isEmpty()) {
      return;
    }
    MonitorMetrics.family(
        out, "assay_rollout_stage", "gauge", "The rollout plan's current stage (1-based).");
    plans.forEach(p -> MonitorMetrics.sample(out, "assay_rollout_stage", p.labels(m), p.stage));
    MonitorMetrics.family(
        out,
        "assay_rollout_traffic_share",
        "gauge",
        "The current stage's share of the traffic in percent (0 once rolled back).");
    plans.forEach(
        p -> MonitorMetrics.sample(out, "assay_rollout_traffic_share", p.labels(m), p.share));
    MonitorMetrics.family(
        out,
        "assay_rollout_verdict",
        "gauge",
        "1 for the current stage gate's verdict (or the plan's end), else 0.");
    for (RolloutSeries p : plans) {
      for (String v : VERDICTS) {
        MonitorMetrics.sample(
            out,
            "assay_rollout_verdict",
            p.labels(m) + ",verdict=\"" + MonitorMetrics.escape(v) + "\"",
            v.equals(p.verdict) ? 1 : 0);
      }
    }
    MonitorMetrics.family(
        out,
        "assay_rollout_ab_difference",
        "gauge",
        "The gate's accuracy difference, challenger minus champion (bound=estimate), and its"
            + " confidence sequence's ends (bound=lower|upper).");
    for (RolloutSeries p : plans) {
      AbWindow.Comparison c = p.accuracy;
      if (c != null && c.difference() != null) {
        String l = p.labels(m);
        MonitorMetrics.sample(
            out, "assay_rollout_ab_difference", l + ",bound=\"estimate\"", c.difference());
        if (c.lower() != null) {
          MonitorMetrics.sample(
              out, "assay_rollout_ab_difference", l + ",bound=\"lower\"", c.lower());
          MonitorMetrics.sample(
              out, "assay_rollout_ab_difference", l + ",bound=\"upper\"", c.upper());
        }
      }
    }
  }

  private String labels(String m) {
    return m
        + ",plan=\""
        + plan
        + "\",challenger=\""
        + MonitorMetrics.escape(challenger)
        + "\",champion=\""
        + MonitorMetrics.escape(champion)
        + "\"";
  }
}
