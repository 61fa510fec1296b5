package dev.assay.core.monitor;

import dev.assay.core.fairness.CountedDisparity;
import dev.assay.core.fairness.Disparity;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate of a rollout stage, evaluated over the monitor windows stored since the stage began:
 *
 * <ul>
 *   <li><b>roll back</b> when the accuracy difference's (1 - alpha) confidence sequence (challenger
 *       minus champion, of the stream's {@link AbTest} at the newest window, valid at any stopping
 *       time) lies wholly below {@code -maxDrop}, when a window of the stage drifted (a feature or
 *       the predictions) or raised a concept-drift alarm, or when an alert rule fired in one;
 *   <li>with a fairness gate, also <b>roll back</b> when the plan's disparity ({@link
 *       CountedDisparity}, the definitions and limits of {@code assay fairness}) between the groups
 *       of the sensitive column, over the predictions each variant made in the stage's windows, is
 *       unfair (above the threshold) for the challenger while it is fair for the champion: the
 *       challenger turns it unfair. A group counts only with at least the gate's minimum of
 *       predictions (labelled ones for the label-based metrics) in the stage;
 *   <li><b>promote</b> otherwise, once each variant has {@code minEvents} predictions in the
 *       stage's windows and the confidence sequence lies wholly above {@code -maxDrop}, and with a
 *       fairness gate the challenger's disparity is judged and either fair or no worse a verdict
 *       than the champion's (both unfair: it did not turn unfair);
 *   <li><b>continue</b> otherwise (not enough events or evidence yet; a fairness gate whose
 *       challenger disparity cannot be judged yet, or is unfair while the champion's cannot be).
 * </ul>
 */
public final class RolloutGate {
  public static final String CONTINUE = "continue";
  public static final String PROMOTE = "promote";
  public static final String ROLL_BACK = "roll back";

  /** An alert fired in a window, as stored. */
  public record FiredAlert(String rule, String metric, long windowIndex, double value) {}

  /**
   * The gate's verdict with its evidence.
   *
   * @param windows the stage's windows
   * @param champion the champion's predictions in them
   * @param challenger the challenger's predictions in them
   * @param accuracy the cumulative accuracy comparison at the newest window (null without one)
   * @param abVerdict the sequential test's own verdict at the newest window (null without one)
   * @param drift a line per drifted window or concept-drift alarm
   * @param alerts the alerts fired in the stage's windows
   * @param fairness the fairness gate's figures, or null without one
   * @param reasons why the verdict is what it is, one line each
   */
  public record Evaluation(
      String verdict,
      long windows,
      long champion,
      long challenger,
      long minEvents,
      double maxDrop,
      AbWindow.Comparison accuracy,
      String abVerdict,
      List<String> drift,
      List<FiredAlert> alerts,
      Fairness fairness,
      List<String> reasons) {}

  /**
   * The fairness gate's figures over the stage's windows.
   *
   * @param windows of the stage's windows, those that counted the column's groups
   * @param champion the champion's disparity
   * @param challenger the challenger's disparity
   * @param verdict {@code fair}, {@code turns unfair} (roll back), {@code both unfair}, or {@code
   *     not judged}
   */
  public record Fairness(
      String column,
      String metric,
      double threshold,
      int minGroupSize,
      long windows,
      CountedDisparity.Result champion,
      CountedDisparity.Result challenger,
      String verdict) {}

  private RolloutGate() {}

  /** The verdict of {@code plan}'s gate over a stage's {@code windows} (oldest first). */
  public static Evaluation evaluate(
      RolloutPlan plan, List<WindowResult> windows, List<FiredAlert> alerts) {
    long champion = 0;
    long challenger = 0;
    List<String> drift = new ArrayList<>();
    AbWindow newest = null;
    for (WindowResult w : windows) {
      if (w.ab() == null) {
        champion += w.predictions();
      } else {
        champion += w.ab().champion().predictions();
        challenger += w.ab().challenger().predictions();
        newest = w.ab();
      }
      if (w.drifted() != null && !w.drifted().isEmpty()) {
        drift.add("window " + w.index() + " drifted: " + String.join(", ", w.drifted()));
      }
      if (w.alarms() != null) {
        for (WindowResult.Alarm a : w.alarms()) {
          drift.add("window " + w.index() + " concept-drift alarm: " + a.detector());
        }
      }
    }
    AbWindow.Comparison accuracy = newest == null ? null : newest.accuracy();
    Double lower = accuracy == null ? null : accuracy.lower();
    Double upper = accuracy == null ? null : accuracy.upper();
    double bound = -plan.maxDrop();
    List<String> rollBack = new ArrayList<>();
    if (upper != null && upper < bound) {
      rollBack.add(
          String.format(
              java.util.Locale.ROOT,
              "challenger accuracy worse by more than %s: confidence sequence [%.4f, %.4f]",
              plan.maxDrop(),
              lower,
              upper));
    }
    if (!drift.isEmpty()) {
      rollBack.add("drift in the stage's windows (" + drift.size() + ")");
    }
    if (!alerts.isEmpty()) {
      rollBack.add("alert rules fired in the stage's windows (" + alerts.size() + ")");
    }
    Fairness fairness = plan.fairness() == null ? null : fairness(plan.fairness(), windows);
    if (fairness != null && fairness.verdict().equals(TURNS_UNFAIR)) {
      rollBack.add(
          String.format(
              java.util.Locale.ROOT,
              "fairness: the challenger's %s between the groups of '%s' is %.4f, above %s,"
                  + " while the champion's is %.4f",
              fairness.metric(),
              fairness.column(),
              fairness.challenger().value(),
              fairness.threshold(),
              fairness.champion().value()));
    }
    List<String> reasons = new ArrayList<>();
    String verdict;
    if (!rollBack.isEmpty()) {
      verdict = ROLL_BACK;
      reasons.addAll(rollBack);
    } else {
      if (Math.min(champion, challenger) < plan.minEvents()) {
        reasons.add(
            "events per variant "
                + champion
                + " champion, "
                + challenger
                + " challenger; the stage needs "
                + plan.minEvents()
                + " each");
      }
      if (lower == null) {
        reasons.add("no confidence sequence for the accuracy difference yet (labels needed)");
      } else if (lower < bound) {
        reasons.add(
            String.format(
                java.util.Locale.ROOT,
                "confidence sequence [%.4f, %.4f] does not yet exclude a drop of more than %s",
                lower,
                upper,
                plan.maxDrop()));
      }
      if (fairness != null && fairness.verdict().equals(NOT_JUDGED)) {
        reasons.add(
            "fairness: "
                + fairness.metric()
                + " between the groups of '"
                + fairness.column()
                + "' cannot be judged yet for both variants ("
                + (fairness.windows() == 0
                    ? "no stage window counted the column's groups: is it a feature of the"
                        + " events, and did assay monitor start after the plan?"
                    : "needs two groups of at least " + fairness.minGroupSize() + " each")
                + ")");
      }
      verdict = reasons.isEmpty() ? PROMOTE : CONTINUE;
      if (reasons.isEmpty()) {
        reasons.add(
            String.format(
                java.util.Locale.ROOT,
                "%d and %d events; confidence sequence [%.4f, %.4f] above -%s; no drift, no"
                    + " alert%s",
                champion,
                challenger,
                lower,
                upper,
                plan.maxDrop(),
                fairness == null
                    ? ""
                    : "; "
                        + fairness.metric()
                        + " "
                        + fairness.verdict()
                        + " ("
                        + fairness.column()
                        + ")"));
      }
    }
    return new Evaluation(
        verdict,
        windows.size(),
        champion,
        challenger,
        plan.minEvents(),
        plan.maxDrop(),
        accuracy,
        newest == null ? null : newest.verdict(),
        List.copyOf(drift),
        List.copyOf(alerts),
        fairness,
        List.copyOf(reasons));
  }

  /** The fairness gate's verdicts. */
  public static final String FAIR = "fair";

  public static final String TURNS_UNFAIR = "turns unfair";
  public static final String BOTH_UNFAIR = "both unfair";
  public static final String NOT_JUDGED = "not judged";

  private static Fairness fairness(RolloutPlan.FairnessGate gate, List<WindowResult> windows) {
    java.util.Map<String, SensitiveGroups.GroupCount> champion = new java.util.LinkedHashMap<>();
    java.util.Map<String, SensitiveGroups.GroupCount> challenger = new java.util.LinkedHashMap<>();
    long counted = 0;
    for (WindowResult w : windows) {
      if (w.ab() == null || w.ab().groups() == null) {
        continue;
      }
      boolean any = false;
      for (SensitiveGroups.GroupCount c : w.ab().groups()) {
        if (!c.column().equals(gate.column())) {
          continue;
        }
        any = true;
        java.util.Map<String, SensitiveGroups.GroupCount> to =
            c.variant().equals(AbTest.CHALLENGER) ? challenger : champion;
        to.merge(c.group(), c, SensitiveGroups.GroupCount::plus);
      }
      if (any) {
        counted++;
      }
    }
    CountedDisparity.Result h = judge(gate, champion);
    CountedDisparity.Result c = judge(gate, challenger);
    String verdict;
    if (c.verdict().equals(Disparity.NOT_JUDGED)) {
      verdict = NOT_JUDGED;
    } else if (c.verdict().equals(Disparity.FAIR)) {
      verdict = FAIR;
    } else if (h.verdict().equals(Disparity.FAIR)) {
      verdict = TURNS_UNFAIR;
    } else if (h.verdict().equals(Disparity.UNFAIR)) {
      verdict = BOTH_UNFAIR;
    } else {
      verdict = NOT_JUDGED;
    }
    return new Fairness(
        gate.column(),
        gate.metric(),
        gate.threshold(),
        gate.minGroupSize(),
        counted,
        h,
        c,
        verdict);
  }

  private static CountedDisparity.Result judge(
      RolloutPlan.FairnessGate gate, java.util.Map<String, SensitiveGroups.GroupCount> groups) {
    List<CountedDisparity.Counts> counts = new ArrayList<>();
    for (SensitiveGroups.GroupCount g : groups.values()) {
      counts.add(g.counts());
    }
    return CountedDisparity.evaluate(gate.metric(), counts, gate.threshold(), gate.minGroupSize());
  }
}
