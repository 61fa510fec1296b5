package dev.assay.cli;

import dev.assay.core.security.AttackResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The evasion attacks of a robustness report as text: one table per attack, a few examples. */
final class AttackText {
  /** Adversarial examples printed per attack. */
  private static final int EXAMPLES = 3;

  private AttackText() {}

  static void print(PrintWriter out, List<AttackResult> attacks) {
    if (attacks == null || attacks.isEmpty()) {
      return;
    }
    out.println("evasion attacks (perturbation: L-infinity in standard deviations)");
    for (AttackResult a : attacks) {
      if (!a.completed()) {
        out.printf("  %-17s skipped: %s%n", a.attack(), a.reason());
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  %-17s %s; %d rows, %d classified correctly (clean accuracy %.3f); %,d queries"
              + " (at most %,d per row, budget %,d); %.1f s%n",
          a.attack(),
          a.kind().replace('_', '-'),
          a.rows(),
          a.correct(),
          a.cleanAccuracy(),
          a.queriesTotal(),
          a.queriesMaxPerRow(),
          a.queryBudget(),
          a.seconds());
      out.printf(
          "    %-8s %-10s %-8s %-12s %-10s%s%n",
          "epsilon",
          "robust_acc",
          "success",
          "median_pert",
          "queries",
          a.sensitive() == null ? "" : "  group gap (robust / success)");
      for (AttackResult.Epsilon e : a.epsilons()) {
        out.printf(
            Locale.ROOT,
            "    %-8s %-10.3f %-8s %-12s %-10s%s%n",
            number(e.epsilon()),
            e.robustAccuracy(),
            e.successRate() == null
                ? "-"
                : String.format(Locale.ROOT, "%.1f%%", 100 * e.successRate()),
            e.medianPerturbation() == null
                ? "-"
                : String.format(Locale.ROOT, "%.4f", e.medianPerturbation()),
            String.format(Locale.ROOT, "%,d", e.queries()),
            a.sensitive() == null
                ? ""
                : e.groupGap() == null
                    ? "  -"
                    : String.format(
                        Locale.ROOT, "  %.3f / %.3f", e.groupGap(), e.groupSuccessGap()));
      }
      if (a.sensitive() != null && !a.groups().isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (AttackResult.Group g : a.groups()) {
          StringBuilder line = new StringBuilder();
          line.append(a.sensitive())
              .append('=')
              .append(g.group())
              .append(
                  String.format(
                      Locale.ROOT, " (%d rows%s):", g.rows(), g.small() ? ", small" : ""));
          for (AttackResult.GroupEpsilon ge : g.epsilons()) {
            line.append(String.format(Locale.ROOT, " %.3f", ge.robustAccuracy()));
          }
          parts.add(line.toString());
        }
        out.println("    robust accuracy by group at each epsilon: " + String.join("; ", parts));
      }
      for (AttackResult.Example x :
          a.examples().subList(0, Math.min(EXAMPLES, a.examples().size()))) {
        List<String> changes = new ArrayList<>();
        for (AttackResult.FeatureValue v : x.values()) {
          if (x.changed().contains(v.feature())) {
            changes.add(
                v.feature() + " " + number(v.original()) + " -> " + number(v.adversarial()));
          }
        }
        out.printf(
            Locale.ROOT,
            "    row %d: class %s -> %s at %.4f (%d queries): %s%n",
            x.row(),
            x.originalLabel(),
            x.adversarialLabel(),
            x.perturbation(),
            x.queries(),
            String.join(", ", changes));
      }
    }
  }

  private static String number(Double v) {
    if (v == null) {
      return "-";
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains("e") || !s.contains(".")) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
