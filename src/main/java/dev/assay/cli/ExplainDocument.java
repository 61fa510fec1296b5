package dev.assay.cli;

import dev.assay.core.explain.Attribution;
import dev.assay.core.explain.Explainer;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.PermutationImportance;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shape and the text table of {@code assay explain}. */
final class ExplainDocument {
  private ExplainDocument() {}

  static Map<String, Object> of(ExplanationReport report) {
    List<String> features = report.features();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("method", report.method().id());
    doc.put("algorithm", report.method().algorithm());
    doc.put("output", report.space().id());
    doc.put("class", report.classLabel());
    doc.put("seed", report.seed());
    doc.put("tolerance", report.tolerance());
    doc.put(
        "background", Map.of("rows", report.backgroundRows(), "sha256", report.backgroundSha256()));
    doc.put("features", features);
    doc.put("base_value", report.baseValue());
    doc.put("evaluations", report.evaluations());
    doc.put("max_efficiency_error", report.worstEfficiencyError());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Explainer.RowAttribution row : report.rows()) {
      Attribution a = row.attribution();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("row", row.row());
      r.put("prediction", a.prediction());
      Map<String, Object> phi = new LinkedHashMap<>();
      Map<String, Object> se = new LinkedHashMap<>();
      for (int i = 0; i < features.size(); i++) {
        phi.put(features.get(i), a.phi()[i]);
        se.put(features.get(i), a.stdErrors() == null ? null : a.stdErrors()[i]);
      }
      r.put("attributions", phi);
      r.put("std_errors", se);
      r.put("efficiency_error", a.efficiencyError());
      if (a instanceof Attribution.Estimated e) {
        r.put("converged", e.converged());
      }
      rows.add(r);
    }
    doc.put("rows", rows);
    Map<String, Object> global = new LinkedHashMap<>();
    Map<String, Object> meanAbs = new LinkedHashMap<>();
    for (int i = 0; i < features.size(); i++) {
      meanAbs.put(features.get(i), report.meanAbs()[i]);
    }
    global.put("mean_abs", meanAbs);
    if (report.permutation() != null) {
      Map<String, Object> permutation = new LinkedHashMap<>();
      for (int i = 0; i < features.size(); i++) {
        PermutationImportance.Importance imp = report.permutation()[i];
        permutation.put(features.get(i), Map.of("mean", imp.mean(), "std", imp.std()));
      }
      global.put("permutation", permutation);
      global.put("permutation_metric", report.scorer());
      global.put("n_repeats", report.repeats());
    } else {
      global.put("permutation", null);
    }
    doc.put("global", global);
    doc.put("notes", report.notes());
    return doc;
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
}
