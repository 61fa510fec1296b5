package dev.assay.cli;

import dev.assay.core.fairness.AttributeReport;
import dev.assay.core.fairness.Disparity;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.GroupReport;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.fairness.ThresholdAnalysis;
import dev.assay.core.fairness.VersionComparison;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The human-readable summary of {@code assay fairness}. */
final class FairnessText {
  private static final List<String> GROUP_COLUMNS =
      List.of(
          "base_rate", "selection_rate", "favorable_rate", "accuracy", "tpr", "fpr", "precision");

  private FairnessText() {}

  static void print(PrintWriter out, StoredFairnessReport stored) {
    FairnessReport r = stored.report();
    out.printf(
        Locale.ROOT,
        "fairness report %d on run %d: %s on %s, %,d rows — %s%n",
        stored.id(),
        r.runId(),
        r.model(),
        r.dataset(),
        r.rows(),
        r.verdict().toUpperCase(Locale.ROOT));
    if (r.positiveLabel() != null) {
      out.printf(
          "positive (selected) '%s = %s', favourable '%s = %s'%n",
          r.target(), r.positiveLabel(), r.target(), r.favorableLabel());
    }
    for (AttributeReport a : r.attributes()) {
      out.printf("%n%s (reference group '%s', %s)%n", a.name(), a.reference(), a.referenceSource());
      a.binning().forEach(b -> out.println("  " + b));
      boolean regression = r.task().equals("regression");
      List<String> columns =
          regression
              ? List.of("mean_prediction", "mean_actual", "mean_error", "mae")
              : GROUP_COLUMNS;
      StringBuilder head =
          new StringBuilder(String.format(Locale.ROOT, "  %-24s %7s %6s", "group", "n", "share"));
      columns.forEach(c -> head.append(String.format(Locale.ROOT, " %9s", abbreviate(c))));
      out.println(head);
      for (GroupReport g : a.groups()) {
        StringBuilder line =
            new StringBuilder(
                String.format(Locale.ROOT, "  %-24s %7d %6.3f", g.value(), g.n(), g.share()));
        columns.forEach(c -> line.append(String.format(Locale.ROOT, " %9s", value(g.metric(c)))));
        if (!g.judged()) {
          line.append("  ").append(g.note());
        }
        out.println(line);
      }
      for (Disparity d : a.disparities()) {
        out.printf(
            Locale.ROOT,
            "  %-30s %8s  [%s, %s]  p %-8s %-22s %s%n",
            d.metric(),
            value(d.value()),
            value(d.ciLow()),
            value(d.ciHigh()),
            Double.isNaN(d.pValue()) ? "-" : pValue(d.pValue()),
            d.rule(),
            d.verdict().toUpperCase(Locale.ROOT));
      }
      ThresholdAnalysis t = a.thresholds();
      if (t != null) {
        for (ThresholdAnalysis.ThresholdPolicy p : t.policies()) {
          out.printf(
              Locale.ROOT,
              "  threshold analysis, %s: accuracy %.4f -> %.4f (cost %+.4f)%n",
              p.goal(),
              t.baselineAccuracy(),
              p.accuracy(),
              p.accuracyCost());
        }
      }
    }
    out.println();
  }

  static void print(PrintWriter out, VersionComparison comparison) {
    out.println("comparison across versions");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-44s", "figure"));
    comparison.versions().forEach(v -> head.append(String.format(Locale.ROOT, " %18s", v.model())));
    out.println(head);
    for (VersionComparison.Row row : comparison.rows()) {
      if (row.group() != null && !row.figure().equals("selection_rate")) {
        continue;
      }
      String name =
          row.attribute()
              + " "
              + row.figure()
              + (row.group() == null ? "" : " [" + row.group() + "]");
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-44s", name));
      for (VersionComparison.Cell c : row.cells()) {
        String verdict = c.verdict() == null ? "" : " " + c.verdict();
        line.append(String.format(Locale.ROOT, " %18s", value(c.value()) + verdict));
      }
      out.println(line);
    }
    comparison.notes().forEach(n -> out.println("  note: " + n));
    out.println();
  }

  private static String abbreviate(String key) {
    return switch (key) {
      case "selection_rate" -> "selection";
      case "favorable_rate" -> "favorable";
      case "mean_prediction" -> "mean_pred";
      case "mean_actual" -> "mean_act";
      case "mean_error" -> "mean_err";
      default -> key;
    };
  }

  private static String value(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String pValue(double p) {
    return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }
}
