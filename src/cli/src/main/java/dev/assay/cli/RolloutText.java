package dev.assay.cli;

import dev.assay.core.live.RolloutStore;
import dev.assay.core.monitor.AbWindow;
import dev.assay.core.monitor.RolloutGate;
import dev.assay.core.monitor.RolloutPlan;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What {@code assay rollout} prints: plans, a plan's status and gate evidence, decisions. */
final class RolloutText {
  private RolloutText() {}

  static String plan(RolloutStore.StoredPlan p) {
    RolloutPlan.FairnessGate f = p.plan().fairness();
    return String.format(
        Locale.ROOT,
        "rollout plan %d: challenger %s against champion %s, stages %s %%, at least %d events per"
            + " variant, accuracy drop at most %s%s",
        p.id(),
        p.challenger(),
        p.champion(),
        p.plan().stagesText(),
        p.plan().minEvents(),
        p.plan().maxDrop(),
        f == null ? "" : ", fairness: " + f.text());
  }

  static String decision(RolloutStore.Decision d) {
    return String.format(
        Locale.ROOT,
        "decision %d: stage %d %s by %s (gate said %s%s): %s",
        d.id(),
        d.stageIndex() + 1,
        d.action(),
        d.decidedBy(),
        d.gateVerdict(),
        d.overridden() ? ", overridden" : "",
        d.reason());
  }

  static void status(PrintWriter out, RolloutStore.Status s) {
    out.println(plan(s.plan()));
    int stage = s.stageIndex();
    if (s.finished()) {
      out.println("state: " + s.state());
    } else {
      out.println(
          "state: " + s.state() + " (" + s.plan().plan().stages().get(stage) + "% of traffic)");
      RolloutGate.Evaluation g = s.gate();
      out.println("gate: " + g.verdict());
      g.reasons().forEach(r -> out.println("  " + r));
      out.printf(
          Locale.ROOT,
          "evidence: %s, %d windows since the stage began; events: champion %d, challenger %d"
              + " (at least %d each)%n",
          s.streamId() == null ? "no monitored stream" : "stream " + s.streamId(),
          g.windows(),
          g.champion(),
          g.challenger(),
          g.minEvents());
      AbWindow.Comparison a = g.accuracy();
      if (a == null) {
        out.println("  accuracy: no challenger predictions yet");
      } else {
        out.printf(
            Locale.ROOT,
            "  accuracy (labelled %d champion, %d challenger): difference %s, confidence sequence"
                + " %s, always-valid p %.4g; sequential test: %s%n",
            a.nChampion(),
            a.nChallenger(),
            number(a.difference()),
            a.lower() == null
                ? "none yet"
                : "[" + number(a.lower()) + ", " + number(a.upper()) + "]",
            a.pValue(),
            g.abVerdict());
      }
      RolloutGate.Fairness f = g.fairness();
      if (f != null) {
        out.printf(
            Locale.ROOT,
            "  fairness (%s, '%s', %d windows counted): champion %s (%s), challenger %s (%s);"
                + " %s%n",
            f.metric(),
            f.column(),
            f.windows(),
            number(f.champion().value()),
            f.champion().verdict(),
            number(f.challenger().value()),
            f.challenger().verdict(),
            f.verdict());
      }
      out.println("  drift: " + (g.drift().isEmpty() ? "none" : String.join("; ", g.drift())));
      out.println(
          "  alerts: "
              + (g.alerts().isEmpty()
                  ? "none"
                  : g.alerts().stream()
                      .map(x -> x.rule() + " (window " + x.windowIndex() + ")")
                      .reduce((x, y) -> x + ", " + y)
                      .orElse("")));
    }
    if (s.decisions().isEmpty()) {
      out.println("decisions: none");
    } else {
      out.println("decisions:");
      s.decisions().forEach(d -> out.println("  " + decision(d)));
    }
  }

  static Map<String, Object> document(RolloutStore.Status s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("plan", s.plan());
    doc.put("state", s.state());
    doc.put("stage", s.stageIndex() + 1);
    if (!s.finished()) {
      doc.put("share", s.plan().plan().stages().get(s.stageIndex()));
      doc.put("stream", s.streamId());
      doc.put("verdict", s.gate().verdict());
      doc.put("gate", s.gate());
    }
    doc.put("decisions", s.decisions());
    return doc;
  }

  private static String number(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
