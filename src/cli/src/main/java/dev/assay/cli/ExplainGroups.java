package dev.assay.cli;

import dev.assay.core.AssayException;
import dev.assay.core.explain.Explainer;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.GroupAttributions;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explain.TabularData;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code assay explain --group-by COL|predicted}: attributions averaged per group of the explained
 * rows and each group's gap to the reference group split into features, JSON and text.
 */
final class ExplainGroups {
  /** The group-by value that groups rows by the predicted class. */
  static final String PREDICTED = "predicted";

  private ExplainGroups() {}

  /**
   * The {@code groups} document: {@code by}, {@code reference}, {@code decision} (for predicted),
   * {@code groups} [{@code value}, {@code rows}, {@code mean_prediction}, {@code mean_attributions}
   * {feature: value}, {@code gap} {@code prediction}, {@code features} {feature: value}, {@code
   * residual}].
   */
  static Map<String, Object> run(
      ExplanationRequest request, ExplanationReport report, String by, Double threshold) {
    List<String> labels = new ArrayList<>();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("by", by);
    if (by.equals(PREDICTED)) {
      if (report.space() == OutputSpace.VALUE) {
        throw new AssayException("--group-by predicted needs a classifier's probability or logit");
      }
      double decision = ExplainRecourse.threshold(threshold, report.space());
      String cls = report.classLabel() == null ? "the class" : "class " + report.classLabel();
      for (Explainer.RowAttribution r : report.rows()) {
        labels.add(r.attribution().prediction() >= decision ? cls : "not " + cls);
      }
      doc.put("decision", decision);
    } else {
      List<String> column = TabularData.read(request.data(), List.of(), by).target();
      for (Explainer.RowAttribution r : report.rows()) {
        labels.add(column.get(r.row()));
      }
    }
    List<GroupAttributions.Group> groups = GroupAttributions.of(report.rows(), labels);
    GroupAttributions.Group reference = GroupAttributions.reference(groups);
    doc.put("reference", reference.value());
    doc.put(
        "gap",
        "mean prediction minus the reference group's = sum of the features' gaps + residual");
    List<String> features = report.features();
    List<Map<String, Object>> list = new ArrayList<>();
    for (GroupAttributions.Group g : groups) {
      GroupAttributions.Gap gap = GroupAttributions.gap(g, reference);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("value", g.value());
      m.put("rows", g.rows());
      m.put("mean_prediction", g.meanPrediction());
      m.put("mean_attributions", byFeature(features, g.meanPhi()));
      Map<String, Object> gapDoc = new LinkedHashMap<>();
      gapDoc.put("prediction", gap.predictionGap());
      gapDoc.put("features", byFeature(features, gap.featureGap()));
      gapDoc.put("residual", gap.residual());
      m.put("gap", gapDoc);
      list.add(m);
    }
    doc.put("groups", list);
    return doc;
  }

  private static Map<String, Double> byFeature(List<String> features, double[] values) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < features.size(); i++) {
      out.put(features.get(i), values[i]);
    }
    return out;
  }

  /** The groups as text: each group's size, mean prediction, gap and its three largest parts. */
  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> doc) {
    out.printf(
        Locale.ROOT,
        "%nGroups by %s (gap to the reference group '%s', split into features):%n",
        doc.get("by"),
        doc.get("reference"));
    for (Map<String, Object> g : (List<Map<String, Object>>) doc.get("groups")) {
      Map<String, Object> gap = (Map<String, Object>) g.get("gap");
      List<Map.Entry<String, Double>> parts =
          new ArrayList<>(((Map<String, Double>) gap.get("features")).entrySet());
      parts.sort((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())));
      StringBuilder top = new StringBuilder();
      for (Map.Entry<String, Double> p : parts.subList(0, Math.min(3, parts.size()))) {
        top.append(top.isEmpty() ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %+.4f", p.getKey(), p.getValue()));
      }
      out.printf(
          Locale.ROOT,
          "  %-16s %5d rows  mean %.4f  gap %+.4f (%s; residual %.1e)%n",
          g.get("value"),
          (Integer) g.get("rows"),
          (Double) g.get("mean_prediction"),
          (Double) gap.get("prediction"),
          top,
          (Double) gap.get("residual"));
    }
    out.flush();
  }
}
