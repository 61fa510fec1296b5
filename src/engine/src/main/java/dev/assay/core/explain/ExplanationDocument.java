package dev.assay.core.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON document of an explanation (snake_case), as maps and lists. */
public final class ExplanationDocument {
  private ExplanationDocument() {}

  /**
   * The document of a report, with its reason codes when not null: the shape {@code assay explain
   * --json} prints and the workbench stores.
   */
  public static Map<String, Object> of(ExplanationReport report, ReasonCodes reasons) {
    List<String> features = report.features();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("method", report.method().id());
    doc.put("algorithm", report.method().algorithm());
    doc.put("output", report.space().id());
    doc.put("class", report.classLabel());
    doc.put("seed", report.seed());
    doc.put("tolerance", report.tolerance());
    doc.put("background", background(report));
    doc.put("features", features);
    doc.put("base_value", report.baseValue());
    doc.put("evaluations", report.evaluations());
    doc.put("max_efficiency_error", report.worstEfficiencyError());
    List<Map<String, Object>> rows = new ArrayList<>();
    int m = features.size();
    double[] inputs = report.inputs();
    for (int k = 0; k < report.rows().size(); k++) {
      Explainer.RowAttribution row = report.rows().get(k);
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
      if (inputs != null && inputs.length >= (k + 1) * m) {
        // the row's feature values (null where not a finite number): the waterfall and beeswarm
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
          double v = inputs[k * m + i];
          values.put(features.get(i), Double.isFinite(v) ? v : null);
        }
        r.put("values", values);
      }
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
    if (reasons != null) {
      doc.put("reasons", reasons(reasons));
    }
    doc.put("notes", report.notes());
    doc.put("warnings", report.warnings());
    return doc;
  }

  /**
   * {@code mode}, {@code rows}, {@code sha256}, {@code weighted}, for a stratified background
   * {@code stratified_by} and {@code strata} (rows per class or group), and {@code mean} (the
   * weighted mean of each feature over the background).
   */
  private static Map<String, Object> background(ExplanationReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    BackgroundSet.Summary summary = report.background();
    doc.put("mode", summary == null ? "random" : summary.mode().id());
    doc.put("rows", report.backgroundRows());
    doc.put("sha256", report.backgroundSha256());
    doc.put("weighted", summary != null && summary.mode() == BackgroundSet.Mode.KMEANS);
    if (summary != null && summary.stratifiedBy() != null) {
      doc.put("stratified_by", summary.stratifiedBy());
      doc.put("strata", summary.strata());
    }
    if (report.backgroundMean() != null) {
      Map<String, Object> mean = new LinkedHashMap<>();
      for (int i = 0; i < report.features().size(); i++) {
        mean.put(report.features().get(i), report.backgroundMean()[i]);
      }
      doc.put("mean", mean);
    }
    return doc;
  }

  private static Map<String, Object> reasons(ReasonCodes reasons) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("adverse", reasons.adverseHigher() ? "higher" : "lower");
    doc.put("count", reasons.count());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReasonCodes.RowReasons row : reasons.rows()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (ReasonCodes.Reason reason : row.reasons()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("feature", reason.feature());
        r.put("value", reason.value());
        r.put("contribution", reason.contribution());
        list.add(r);
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("row", row.row());
      r.put("reasons", list);
      rows.add(r);
    }
    doc.put("rows", rows);
    doc.put("frequency", reasons.frequency());
    return doc;
  }
}
