package dev.assay.ui.explain;

import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.DependenceRunner;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.GroupAttributions;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explain.PartialDependence;
import dev.assay.core.explain.TabularData;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores an explanation of the first 120 rows of HMDA by the linear sample (log-odds) with the
 * partial dependence and ICE of pirat and lvrat and the groups by afam, in the JSON shape {@code
 * assay explain --pdp pirat,lvrat --ice --group-by afam} writes ({@code DependenceDocument}, {@code
 * ExplainGroups}), computed by the same engine parts.
 */
public final class GroupedExplanation {
  /** The explained rows: more than {@link DependenceTab#MAX_ICE}, so the ICE lines are sampled. */
  public static final int ROWS = 120;

  /** The stored id, the curves and groups it holds. */
  public record Stored(
      long id,
      ExplanationReport report,
      List<PartialDependence.Curve> pdp,
      List<GroupAttributions.Group> groups,
      GroupAttributions.Group reference) {}

  private GroupedExplanation() {}

  public static Stored store(Workbench w, ModelVersion model, DatasetVersion data)
      throws Exception {
    ExplanationRequest request =
        ExplanationRequest.builder(
                w.models().modelFile(model), model.inspection(), w.datasets().file(data))
            .rows(0, ROWS)
            .background(30, null)
            .method(Method.LINEAR, OutputSpace.LOGIT, "1")
            .columns(null, null, 0)
            .build();
    ExplanationReport report =
        new ExplanationRunner(w.runtime(), Json.newMapper())
            .run(request, Progress.NONE, Cancellation.NONE);
    List<PartialDependence.Curve> pdp =
        new DependenceRunner(w.runtime(), Json.newMapper())
            .run(
                request,
                List.of("pirat", "lvrat"),
                PartialDependence.RESOLUTION,
                Progress.NONE,
                Cancellation.NONE);
    List<String> column = TabularData.read(request.data(), List.of(), "afam").target();
    List<String> labels = new ArrayList<>();
    for (var r : report.rows()) {
      labels.add(column.get(r.row()));
    }
    List<GroupAttributions.Group> groups = GroupAttributions.of(report.rows(), labels);
    GroupAttributions.Group reference = GroupAttributions.reference(groups);

    Map<String, Object> doc = ExplanationDocument.of(report, null);
    List<Map<String, Object>> curves = new ArrayList<>();
    for (PartialDependence.Curve c : pdp) {
      List<Map<String, Object>> individual = new ArrayList<>();
      for (int r = 0; r < c.individual().length; r++) {
        individual.add(Map.of("row", r, "values", c.individual()[r]));
      }
      Map<String, Object> curve = new LinkedHashMap<>();
      curve.put("feature", c.feature());
      curve.put("grid", c.grid());
      curve.put("average", c.average());
      curve.put("individual", individual);
      curves.add(curve);
    }
    Map<String, Object> dependence = new LinkedHashMap<>();
    dependence.put("method", "brute");
    dependence.put("grid_resolution", PartialDependence.RESOLUTION);
    dependence.put("curves", curves);
    doc.put("partial_dependence", dependence);

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
    Map<String, Object> grouped = new LinkedHashMap<>();
    grouped.put("by", "afam");
    grouped.put("reference", reference.value());
    grouped.put("groups", list);
    doc.put("groups", grouped);
    long id = w.explanations().save(report, model, data, Json.newMapper().writeValueAsString(doc));
    return new Stored(id, report, pdp, groups, reference);
  }

  private static Map<String, Double> byFeature(List<String> features, double[] values) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < features.size(); i++) {
      out.put(features.get(i), values[i]);
    }
    return out;
  }
}
