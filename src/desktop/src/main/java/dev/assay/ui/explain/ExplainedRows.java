package dev.assay.ui.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The explained rows of a stored explanation as the waterfall and beeswarm read them: per row its
 * prediction f(x), attributions φ, efficiency error and feature values ({@code rows[].values},
 * absent in explanations stored before the values were kept: shown as "?" and coloured neutral).
 * FX-free.
 *
 * @param features the features in the explanation's order
 * @param baseValue the base value, mean f over the background
 * @param space the output space as the axes name it: "probability of class C", "log-odds", "value"
 * @param meanAbs the stored global importance (mean |φ| over the explained rows), feature order
 * @param rows the explained rows in stored order
 */
record ExplainedRows(
    List<String> features, double baseValue, String space, double[] meanAbs, List<Row> rows) {

  /**
   * One explained row.
   *
   * @param row the 0-based data row
   * @param prediction f(x) as stored
   * @param efficiencyError |Σφ − (f(x) − base)| as stored
   * @param phi the attributions, feature order
   * @param values the feature values, NaN where not a number (or not stored)
   * @param shown the feature values as text ("?" where not stored)
   */
  record Row(
      long row,
      double prediction,
      double efficiencyError,
      double[] phi,
      double[] values,
      String[] shown) {}

  static final ExplainedRows NONE =
      new ExplainedRows(List.of(), 0, "output", new double[0], List.of());

  /** The rows of a stored explanation document ({@code assay explain --json}). */
  static ExplainedRows of(JsonNode doc) {
    List<String> features = new ArrayList<>();
    doc.path("features").forEach(f -> features.add(f.asText()));
    int m = features.size();
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : doc.path("rows")) {
      double[] phi = new double[m];
      double[] values = new double[m];
      String[] shown = new String[m];
      for (int i = 0; i < m; i++) {
        String f = features.get(i);
        phi[i] = r.path("attributions").path(f).asDouble(Double.NaN);
        JsonNode v = r.path("values").path(f);
        values[i] = v.isNumber() ? v.asDouble() : Double.NaN;
        shown[i] =
            v.isNumber()
                ? ExplanationsViewModel.value(v.asDouble())
                : v.isTextual() ? v.asText() : "?";
      }
      rows.add(
          new Row(
              r.path("row").asLong(),
              r.path("prediction").asDouble(),
              r.path("efficiency_error").asDouble(),
              phi,
              values,
              shown));
    }
    double[] meanAbs = new double[m];
    JsonNode stored = doc.path("global").path("mean_abs");
    for (int i = 0; i < m; i++) {
      meanAbs[i] = stored.path(features.get(i)).asDouble(Double.NaN);
    }
    return new ExplainedRows(
        List.copyOf(features),
        doc.path("base_value").asDouble(),
        space(doc.path("output").asText(""), doc.path("class")),
        meanAbs,
        List.copyOf(rows));
  }

  /** The output space in words: {@code probability}, {@code logit} or {@code value}. */
  static String space(String output, JsonNode cls) {
    String of =
        cls == null || cls.isMissingNode() || cls.isNull() ? "" : " of class " + cls.asText();
    return switch (output.toLowerCase(Locale.ROOT)) {
      case "probability" -> "probability" + of;
      case "logit" -> "log-odds" + of;
      case "value" -> "value";
      default -> output.isEmpty() ? "output" : output;
    };
  }
}
