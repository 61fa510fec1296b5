package dev.assay.ui.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code estimated_performance} part of a stored drift report ({@code assay drift --model}) as
 * the Drift screen shows it, for both methods the report can hold: CBPE for a binary classifier
 * (accuracy with its band, ROC AUC) and DLE for a regression model (MAE and RMSE with their bands).
 * One row per metric over all current rows, then per chunk; the band is the estimate ± {@link
 * #BAND_Z} standard errors (what {@code assay drift} prints), and where the rows have labels the
 * realised value stands beside it with the estimate's error. Nothing is recomputed: the values are
 * the report's.
 */
public final class EstimatedPerformance {
  /** The band's half-width in standard errors (95 %). */
  public static final double BAND_Z = 1.96;

  /** The label of the row over every current row. */
  public static final String ALL_ROWS = "all current rows";

  /**
   * One metric of one chunk.
   *
   * @param chunk {@link #ALL_ROWS}, "rows a-b" or a period
   * @param metric e.g. {@code MAE}
   * @param standardError NaN when the method gives none for this metric (ROC AUC)
   * @param realised NaN when the rows have no labels
   */
  public record Row(
      String chunk,
      long rows,
      String metric,
      double estimate,
      double standardError,
      double realised) {
    public double lower() {
      return estimate - BAND_Z * standardError;
    }

    public double upper() {
      return estimate + BAND_Z * standardError;
    }

    /** Estimate minus realised; NaN without labels. */
    public double error() {
      return estimate - realised;
    }

    /** Whether the realised value lies in the band, with a mark; empty without one of the two. */
    public String backTest() {
      if (!Double.isFinite(realised) || !Double.isFinite(standardError)) {
        return Double.isFinite(realised) ? "" : "no labels";
      }
      return realised >= lower() && realised <= upper() ? "✓ in band" : "✗ outside band";
    }
  }

  /**
   * What the screen shows.
   *
   * @param summary one line: the method, its inputs and the whole estimate
   * @param metrics the metrics in order; the first has a band and is charted
   * @param rows per metric: all current rows, then each chunk
   */
  public record View(String summary, List<String> metrics, List<Row> rows) {
    static final View NONE = new View("", List.of(), List.of());

    /** The rows of one metric, {@link #ALL_ROWS} first. */
    public List<Row> of(String metric) {
      return rows.stream().filter(r -> r.metric().equals(metric)).toList();
    }
  }

  private record Metric(String label, String key, String standardError) {}

  private static final List<Metric> DLE =
      List.of(
          new Metric("MAE", "mae", "mae_standard_error"),
          new Metric("RMSE", "rmse", "rmse_standard_error"));

  private static final List<Metric> CBPE =
      List.of(
          new Metric("accuracy", "accuracy", "accuracy_standard_error"),
          new Metric("ROC AUC", "roc_auc", null));

  private EstimatedPerformance() {}

  /** The report's estimate, or {@link View#NONE} (empty summary) when it has none. */
  static View of(JsonNode doc) {
    JsonNode e = doc.path("estimated_performance");
    String method = e.path("method").asText("");
    List<Metric> metrics =
        switch (method) {
          case "dle" -> DLE;
          case "cbpe" -> CBPE;
          default -> List.of();
        };
    if (metrics.isEmpty()) {
      return View.NONE;
    }
    List<Row> rows = new ArrayList<>();
    for (Metric m : metrics) {
      JsonNode realised = e.path("realised");
      rows.add(
          new Row(
              ALL_ROWS,
              e.path("rows").asLong(),
              m.label(),
              number(e.path(m.key())),
              m.standardError() == null ? Double.NaN : number(e.path(m.standardError())),
              number(realised.path(m.key()))));
      for (JsonNode c : e.path("chunks")) {
        rows.add(
            new Row(
                c.path("chunk").asText(),
                c.path("rows").asLong(),
                m.label(),
                number(c.path(m.key())),
                m.standardError() == null ? Double.NaN : number(c.path(m.standardError())),
                number(c.path("realised_" + m.key()))));
      }
    }
    return new View(
        summary(method, e), metrics.stream().map(Metric::label).toList(), List.copyOf(rows));
  }

  private static String summary(String method, JsonNode e) {
    if ("dle".equals(method)) {
      return String.format(
          Locale.ROOT,
          "Estimated performance without labels (DLE: ridge loss models on %d numeric and %d"
              + " categorical features, fitted on %,d labelled reference rows with MAE %.4f,"
              + " RMSE %.4f); band ± %.2f SE%s",
          e.path("features").size(),
          e.path("categorical_features").size(),
          e.path("reference_rows").asLong(),
          number(e.path("reference_mae")),
          number(e.path("reference_rmse")),
          BAND_Z,
          labelled(e));
    }
    return String.format(
        Locale.ROOT,
        "Estimated performance without labels (CBPE: %s probabilities, ECE %.4f raw, %.4f"
            + " calibrated (5-fold)); band ± %.2f SE%s",
        e.path("calibrated").asBoolean() ? "isotonic-calibrated" : "uncalibrated",
        number(e.path("ece_raw")),
        number(e.path("ece_calibrated_cv")),
        BAND_Z,
        labelled(e));
  }

  private static String labelled(JsonNode e) {
    return e.path("current_labelled").asBoolean(false)
        ? "; the current rows have labels, so the realised value stands beside each estimate"
        : "; the current rows have no labels";
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }
}
