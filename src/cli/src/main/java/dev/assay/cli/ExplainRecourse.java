package dev.assay.cli;

import dev.assay.core.AssayException;
import dev.assay.core.explain.DependenceRunner;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.security.RecourseSearch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code assay explain --recourse}: counterfactuals for the explained rows, JSON and text. */
final class ExplainRecourse {
  private ExplainRecourse() {}

  /** The decision threshold: the option's value, else 0.5 for a probability and 0 for log-odds. */
  static double threshold(Double given, OutputSpace space) {
    if (given != null) {
      return given;
    }
    return switch (space == null ? OutputSpace.PROBABILITY : space) {
      case PROBABILITY -> 0.5;
      case LOGIT -> 0;
      default ->
          throw new AssayException("--recourse on a regression needs --threshold T (the decision)");
    };
  }

  /** The {@code recourse} document of the request's rows. */
  static Map<String, Object> run(
      DependenceRunner runner,
      ExplanationRequest request,
      List<String> immutable,
      double threshold,
      boolean adverseHigher,
      double margin,
      boolean swapCategories,
      int count) {
    return runner.withModel(
        request,
        (model, binding, rows) -> {
          RecourseSearch search =
              new RecourseSearch(
                  model,
                  request.data(),
                  binding,
                  immutable,
                  threshold,
                  adverseHigher,
                  margin,
                  swapCategories);
          List<RecourseSearch.RowRecourse> found = search.search(rows, request.firstRow(), count);
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("threshold", threshold);
          doc.put("adverse", adverseHigher ? "higher" : "lower");
          doc.put("count", count);
          doc.put("immutable", immutable);
          doc.put("margin", margin);
          doc.put("movable", search.movable());
          doc.put("swappable", search.swappable());
          doc.put(
              "distance",
              "L-infinity in standard deviations of the data, plus 1 per changed category");
          List<Map<String, Object>> list = new ArrayList<>();
          for (RecourseSearch.RowRecourse row : found) {
            List<Map<String, Object>> cfs = new ArrayList<>();
            for (RecourseSearch.Counterfactual cf : row.counterfactuals()) {
              List<Map<String, Object>> changes = new ArrayList<>();
              for (RecourseSearch.Change c : cf.changes()) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("feature", c.feature());
                change.put("from", c.from());
                change.put("to", c.to());
                changes.add(change);
              }
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("distance", cf.distance());
              m.put("prediction", cf.prediction());
              m.put("changes", changes);
              cfs.add(m);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("row", row.row());
            r.put("prediction", row.prediction());
            r.put("counterfactuals", cfs);
            list.add(r);
          }
          doc.put("rows", list);
          return doc;
        });
  }

  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> doc) {
    out.printf(
        Locale.ROOT,
        "%nRecourse (decision at %s, margin %s, adverse %s; nearest first, L-inf in SDs + 1 per"
            + " changed category):%n",
        doc.get("threshold"),
        doc.get("margin"),
        doc.get("adverse"));
    for (Map<String, Object> row : (List<Map<String, Object>>) doc.get("rows")) {
      List<Map<String, Object>> cfs = (List<Map<String, Object>>) row.get("counterfactuals");
      out.printf(
          Locale.ROOT,
          "row %s (%.4f): %s%n",
          row.get("row"),
          (Double) row.get("prediction"),
          cfs.isEmpty() ? "no counterfactual found within the constraints" : "");
      for (Map<String, Object> cf : cfs) {
        StringBuilder line = new StringBuilder();
        for (Map<String, Object> c : (List<Map<String, Object>>) cf.get("changes")) {
          line.append(line.isEmpty() ? "" : ", ")
              .append(
                  String.format(
                      Locale.ROOT, "%s %s -> %s", c.get("feature"), c.get("from"), c.get("to")));
        }
        out.printf(
            Locale.ROOT,
            "  %.3f SD -> %.4f: %s%n",
            (Double) cf.get("distance"),
            (Double) cf.get("prediction"),
            line);
      }
    }
    out.flush();
  }
}
