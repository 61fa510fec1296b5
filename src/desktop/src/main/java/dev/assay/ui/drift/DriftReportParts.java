package dev.assay.ui.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a stored drift report beyond the per-feature table, as the Drift screen shows them:
 * the domain classifier ({@code assay drift --domain-classifier}: AUC, permutation p-value, the
 * columns ranked by how much they separate the data) and the notes of features compared against a
 * sketched reference ({@code method: asymp_sketch}, {@code statistic_error}).
 */
final class DriftReportParts {
  private DriftReportParts() {}

  /** The one-line summary of the report's {@code domain_classifier}, empty when it has none. */
  static String domainSummary(JsonNode doc) {
    JsonNode m = doc.path("domain_classifier");
    if (!m.isObject()) {
      return "";
    }
    if (!m.has("drift")) {
      return "Domain classifier: not run (" + m.path("note").asText("no reason given") + ")";
    }
    return String.format(
        Locale.ROOT,
        "%s Domain classifier (logistic regression, %d-fold, %d reference + %d current rows):"
            + " AUC %.4f, permutation p %.3f (%d permutations); drift when p < %s and AUC ≥ %s",
        m.path("drift").asBoolean() ? "✗ DRIFT:" : "✓ no drift:",
        m.path("folds").asInt(),
        m.path("reference_rows").asInt(),
        m.path("current_rows").asInt(),
        m.path("auc").asDouble(Double.NaN),
        m.path("p_value").asDouble(Double.NaN),
        m.path("permutations").asInt(),
        m.path("alpha").asText("?"),
        m.path("min_auc").asText("?"));
  }

  /** Whether the domain classifier ran and found drift; null when it did not run. */
  static Boolean domainDrift(JsonNode doc) {
    JsonNode m = doc.path("domain_classifier");
    return m.has("drift") ? m.path("drift").asBoolean() : null;
  }

  /** The columns ranked by how much they separate the two datasets, most first. */
  static List<DriftViewModel.SeparatingRow> separating(JsonNode doc) {
    List<DriftViewModel.SeparatingRow> rows = new ArrayList<>();
    int rank = 1;
    for (JsonNode s : doc.path("domain_classifier").path("separating_features")) {
      boolean categorical = "categorical".equals(s.path("kind").asText());
      String shift =
          categorical
              ? String.format(
                  Locale.ROOT,
                  "share of '%s' %+.1f points",
                  s.path("category").asText(),
                  100 * s.path("largest_share_shift").asDouble())
              : String.format(Locale.ROOT, "mean %+.3f sd", s.path("mean_shift_sd").asDouble());
      rows.add(
          new DriftViewModel.SeparatingRow(
              rank++,
              s.path("name").asText(),
              categorical ? "categorical" : "numeric",
              s.path("weight").asDouble(Double.NaN),
              shift));
    }
    return List.copyOf(rows);
  }

  /** The KS test's name: its method, and the statistic's error when the reference is a sketch. */
  static String ksTest(JsonNode ks) {
    String method = ks.path("method").asText("?");
    if (ks.has("statistic_error")) {
      return String.format(
          Locale.ROOT, "KS (%s, ± %.1e)", method, ks.path("statistic_error").asDouble());
    }
    return "KS (" + method + ")";
  }

  /**
   * What a reader should know when features were compared against a sketch of the reference: how
   * many, the grid, the largest KS error; empty when none were.
   */
  static String sketchNote(JsonNode doc) {
    int count = 0;
    long grid = 0;
    double maxError = 0;
    for (JsonNode f : doc.path("features")) {
      JsonNode sketch = f.path("tests").path("reference_sketch");
      if (sketch.isObject()) {
        count++;
        grid = Math.max(grid, sketch.path("grid_points").asLong());
        maxError =
            Math.max(maxError, f.path("tests").path("ks").path("statistic_error").asDouble(0));
      }
    }
    if (count == 0) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "ⓘ %d numeric feature%s compared against a sketch of the reference (%,d grid values,"
            + " method asymp_sketch): KS D within ± %.1e of its exact value at most, Wasserstein"
            + " within its stated error; binned distances (PSI, JS, Hellinger), rates and counts"
            + " exact; the decision rule is unchanged.",
        count,
        count == 1 ? " was" : "s were",
        grid,
        maxError);
  }
}
