package dev.assay.ui.explain;

import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.AccumulatedLocalEffects;
import dev.assay.core.explain.DependenceRunner;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.security.RecourseSearch;
import dev.assay.workbench.Workbench;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores an explanation of the first 40 rows of HMDA by the linear sample (log-odds) with the ALE
 * curves of pirat and lvrat and the recourse of its adverse rows, in the JSON shape {@code assay
 * explain --ale pirat,lvrat --recourse 3 --margin 0.05} writes, computed by the same engine parts.
 */
public final class PlottedExplanation {
  /** The stored id, the ALE curves and the recourse it holds. */
  public record Stored(
      long id,
      List<AccumulatedLocalEffects.Curve> ale,
      List<RecourseSearch.RowRecourse> recourse) {}

  private PlottedExplanation() {}

  public static Stored store(Workbench w, ModelVersion model, DatasetVersion data)
      throws Exception {
    ExplanationRequest request =
        ExplanationRequest.builder(
                w.models().modelFile(model), model.inspection(), w.datasets().file(data))
            .rows(0, 40)
            .background(50, null)
            .method(Method.LINEAR, OutputSpace.LOGIT, "1")
            .columns(null, null, 0)
            .build();
    ExplanationReport report =
        new ExplanationRunner(w.runtime(), Json.newMapper())
            .run(request, Progress.NONE, Cancellation.NONE);
    DependenceRunner dependence = new DependenceRunner(w.runtime(), Json.newMapper());
    List<AccumulatedLocalEffects.Curve> ale =
        dependence.ale(request, List.of("pirat", "lvrat"), Progress.NONE, Cancellation.NONE);
    List<RecourseSearch.RowRecourse> recourse =
        dependence.withModel(
            request,
            (f, binding, rows) ->
                new RecourseSearch(f, request.data(), binding, List.of("afam"), 0, true, 0.05, true)
                    .search(rows, 0, 3));
    Map<String, Object> doc = ExplanationDocument.of(report, null);
    List<Map<String, Object>> curves = new ArrayList<>();
    for (AccumulatedLocalEffects.Curve c : ale) {
      curves.add(Map.of("feature", c.feature(), "grid", c.grid(), "values", c.values()));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> global = (Map<String, Object>) doc.get("global");
    global.put("ale", Map.of("curves", curves));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RecourseSearch.RowRecourse r : recourse) {
      List<Map<String, Object>> cfs = new ArrayList<>();
      for (RecourseSearch.Counterfactual cf : r.counterfactuals()) {
        List<Map<String, Object>> changes = new ArrayList<>();
        for (RecourseSearch.Change c : cf.changes()) {
          changes.add(Map.of("feature", c.feature(), "from", c.from(), "to", c.to()));
        }
        cfs.add(
            Map.of("distance", cf.distance(), "prediction", cf.prediction(), "changes", changes));
      }
      rows.add(Map.of("row", r.row(), "prediction", r.prediction(), "counterfactuals", cfs));
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("threshold", 0.0);
    rec.put("adverse", "higher");
    rec.put("margin", 0.05);
    rec.put(
        "distance", "L-infinity in standard deviations of the data, plus 1 per changed category");
    rec.put("rows", rows);
    doc.put("recourse", rec);
    long id = w.explanations().save(report, model, data, Json.newMapper().writeValueAsString(doc));
    return new Stored(id, ale, recourse);
  }
}
