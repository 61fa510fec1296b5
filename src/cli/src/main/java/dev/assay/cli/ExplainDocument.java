package dev.assay.cli;

import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ReasonCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shape and the text table of {@code assay explain}. */
final class ExplainDocument {
  private ExplainDocument() {}

  static Map<String, Object> of(ExplanationReport report, ReasonCodes reasons) {
    return ExplanationDocument.of(report, reasons);
  }

  static void print(PrintWriter out, ExplanationReport report) {
    out.printf(
        Locale.ROOT,
        "Explanations: %s, %s%s, %d rows, background %d rows (sha256 %s), seed %d%n",
        report.method().id(),
        report.space().id(),
        report.classLabel() == null ? "" : " of class " + report.classLabel(),
        report.rows().size(),
        report.backgroundRows(),
        report.backgroundSha256().substring(0, 12),
        report.seed());
    out.println("algorithm: " + report.method().algorithm());
    out.printf(
        Locale.ROOT,
        "base value (mean f over the background) %.6f; largest efficiency error %.2e%n",
        report.baseValue(),
        report.worstEfficiencyError());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < report.features().size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> -report.meanAbs()[i]));
    out.printf(
        Locale.ROOT,
        "%-24s %12s %22s%n",
        "feature",
        "mean |phi|",
        report.scorer() == null ? "" : "permutation (" + report.scorer() + ")");
    for (int i : order) {
      String permutation =
          report.permutation() == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "%.4f ± %.4f",
                  report.permutation()[i].mean(),
                  report.permutation()[i].std());
      out.printf(
          Locale.ROOT,
          "%-24s %12.6f %22s%n",
          report.features().get(i),
          report.meanAbs()[i],
          permutation);
    }
    out.flush();
  }

  static void printReasons(PrintWriter out, ReasonCodes codes) {
    out.printf(
        Locale.ROOT,
        "Reason codes (adverse: %s output; up to %d per row):%n",
        codes.adverseHigher() ? "higher" : "lower",
        codes.count());
    for (ReasonCodes.RowReasons row : codes.rows()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "row %d:", row.row()));
      if (row.reasons().isEmpty()) {
        line.append(" none (no feature pushes toward the adverse outcome)");
      }
      for (int k = 0; k < row.reasons().size(); k++) {
        ReasonCodes.Reason r = row.reasons().get(k);
        line.append(k == 0 ? " " : ", ")
            .append(
                String.format(
                    Locale.ROOT,
                    "%s=%s (%+.4f)",
                    r.feature(),
                    number(r.value()),
                    r.contribution()));
      }
      out.println(line);
    }
    out.flush();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
