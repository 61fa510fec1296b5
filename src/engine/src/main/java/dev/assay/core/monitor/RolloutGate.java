package dev.assay.core.monitor;

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
 *   <li><b>promote</b> otherwise, once each variant has {@code minEvents} predictions in the
 *       stage's windows and the confidence sequence lies wholly above {@code -maxDrop};
 *   <li><b>continue</b> otherwise (not enough events or evidence yet).
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
      List<String> reasons) {}

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
      verdict = reasons.isEmpty() ? PROMOTE : CONTINUE;
      if (reasons.isEmpty()) {
        reasons.add(
            String.format(
                java.util.Locale.ROOT,
                "%d and %d events; confidence sequence [%.4f, %.4f] above -%s; no drift, no"
                    + " alert",
                champion,
                challenger,
                lower,
                upper,
                plan.maxDrop()));
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
        List.copyOf(reasons));
  }
}
