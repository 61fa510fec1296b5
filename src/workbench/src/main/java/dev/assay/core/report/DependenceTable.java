package dev.assay.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Explanations sheet's partial dependence table ({@code assay explain --pdp F[,F] [--ice]},
 * JSON {@code partial_dependence}): per feature and grid value the partial dependence (the mean
 * output over the rows with the feature set to that value, scikit-learn's brute method) and, when
 * the individual (ICE) curves are stored, their spread at that value: smallest, largest and
 * standard deviation over the rows (population, ddof 0).
 */
final class DependenceTable {
  private DependenceTable() {}

  /** The table, or null when the explanation holds no partial dependence. */
  static SectionContent.Table of(JsonNode pd, String output) {
    JsonNode curves = pd.path("curves");
    if (curves.size() == 0) {
      return null;
    }
    List<List<Object>> rows = new ArrayList<>();
    int iceRows = 0;
    for (JsonNode curve : curves) {
      JsonNode grid = curve.path("grid");
      JsonNode individual = curve.path("individual");
      iceRows = Math.max(iceRows, individual.size());
      for (int g = 0; g < grid.size(); g++) {
        Double min = null;
        Double max = null;
        Double sd = null;
        if (individual.size() > 0) {
          double lo = Double.POSITIVE_INFINITY;
          double hi = Double.NEGATIVE_INFINITY;
          double sum = 0;
          for (JsonNode r : individual) {
            double v = r.path("values").get(g).asDouble();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            sum += v;
          }
          double mean = sum / individual.size();
          double squares = 0;
          for (JsonNode r : individual) {
            double d = r.path("values").get(g).asDouble() - mean;
            squares += d * d;
          }
          min = lo;
          max = hi;
          sd = Math.sqrt(squares / individual.size());
        }
        rows.add(
            Arrays.asList(
                curve.path("feature").asText(),
                grid.get(g).asDouble(),
                curve.path("average").get(g).asDouble(),
                min,
                max,
                sd));
      }
    }
    JsonNode percentiles = pd.path("percentiles");
    String title =
        String.format(
            Locale.ROOT,
            "Partial dependence (%s; scikit-learn's brute method: the mean output over the"
                + " explained rows with the feature set to each grid value; up to %d grid points"
                + " between the %s and %s quantiles, or the feature's distinct values when fewer)%s",
            output,
            pd.path("grid_resolution").asInt(),
            percent(percentiles.path(0).asDouble(0.05)),
            percent(percentiles.path(1).asDouble(0.95)),
            iceRows > 0
                ? "; spread of the " + iceRows + " individual (ICE) curves at each value"
                : "; ICE curves not stored (assay explain … --pdp F --ice)");
    return new SectionContent.Table(
        title,
        List.of(
            new SectionContent.Column("Feature", CellFormat.TEXT),
            new SectionContent.Column("Value", CellFormat.DECIMAL),
            new SectionContent.Column("Partial dependence", CellFormat.DECIMAL),
            new SectionContent.Column("ICE smallest", CellFormat.DECIMAL),
            new SectionContent.Column("ICE largest", CellFormat.DECIMAL),
            new SectionContent.Column("ICE std", CellFormat.DECIMAL)),
        rows);
  }

  private static String percent(double p) {
    return Math.round(100 * p) + "th";
  }
}
