package dev.assay.ui.monitor;

import dev.assay.core.live.RolloutStore;
import dev.assay.core.monitor.RolloutGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Monitoring screen's read-only lines on the rollout plans of a stream's model version (as
 * challenger or champion): each plan's stages, state, current gate verdict and the decisions taken.
 */
final class RolloutPanel {
  private RolloutPanel() {}

  /** The lines for {@code modelVersionId}, or empty when it is in no plan. */
  static String describe(RolloutStore store, long modelVersionId) {
    List<String> lines = new ArrayList<>();
    for (RolloutStore.StoredPlan p : store.plans()) {
      if (p.challengerVersionId() != modelVersionId && p.championVersionId() != modelVersionId) {
        continue;
      }
      RolloutStore.Status s = store.status(p.id());
      lines.add(
          String.format(
              Locale.ROOT,
              "Rollout %d: %s against %s, stages %s %%%s: %s%s",
              p.id(),
              p.challenger(),
              p.champion(),
              p.plan().stagesText(),
              p.plan().fairness() == null ? "" : ", fairness: " + p.plan().fairness().text(),
              s.state(),
              s.finished() ? "" : ", gate: " + s.gate().verdict()));
      if (!s.finished() && s.gate().fairness() != null) {
        RolloutGate.Fairness f = s.gate().fairness();
        lines.add(
            String.format(
                Locale.ROOT,
                "  fairness: champion %s, challenger %s: %s",
                value(f.champion().value()),
                value(f.challenger().value()),
                f.verdict()));
      }
      for (RolloutStore.Decision d : s.decisions()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "  stage %d %s by %s (gate %s%s): %s",
                d.stageIndex() + 1,
                d.action(),
                d.decidedBy(),
                d.gateVerdict(),
                d.overridden() ? ", overridden" : "",
                d.reason()));
      }
    }
    return String.join("\n", lines);
  }

  private static String value(Double v) {
    return v == null ? "not judged" : String.format(Locale.ROOT, "%.4f", v);
  }
}
