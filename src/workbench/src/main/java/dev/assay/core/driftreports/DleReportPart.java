package dev.assay.core.driftreports;

import dev.assay.core.drift.Dle;
import dev.assay.core.drift.DleCategories;
import dev.assay.core.drift.DleChunks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code estimated_performance} part of a stored drift report for a regression model (Direct
 * Loss Estimation, {@link Dle}), as {@code assay drift --model} writes it and the Drift screen
 * reads it: the method and its inputs, the estimate over the current rows, the realised metrics
 * where the current rows have labels, and the chunks.
 */
public final class DleReportPart {
  private DleReportPart() {}

  /**
   * The part.
   *
   * @param names the numeric features, in the loss model's order
   * @param categorical the categorical features, in the loss model's order
   * @param realised over every current row with a label, or null when none has one
   * @param chunks per chunk, or null without chunking
   */
  public static Map<String, Object> of(
      Dle.Fitted fitted,
      List<String> names,
      List<String> categorical,
      long referenceRows,
      Dle.Estimate estimate,
      Dle.Realised realised,
      List<DleChunks.Chunk> chunks) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("method", "dle");
    e.put("loss_model", "ridge");
    e.put("alpha", Dle.ALPHA);
    e.put(
        "design",
        "z, z^2 and |z| of each numeric feature and of the prediction; one-hot of each categorical"
            + " feature's "
            + DleCategories.TOP_CATEGORIES
            + " most frequent reference categories (missing is a category) and 'other'");
    e.put("features", names);
    e.put("categorical_features", categorical);
    e.put("reference_rows", referenceRows);
    e.put("reference_mae", fitted.reference().mae());
    e.put("reference_rmse", fitted.reference().rmse());
    put(e, estimate);
    e.put("current_labelled", realised != null);
    if (realised != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", realised.rows());
      m.put("mae", realised.mae());
      m.put("rmse", realised.rmse());
      m.put("mae_error", estimate.mae() - realised.mae());
      m.put("rmse_error", estimate.rmse() - realised.rmse());
      e.put("realised", m);
    }
    if (chunks != null) {
      List<Object> out = new ArrayList<>();
      for (DleChunks.Chunk k : chunks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chunk", k.label());
        put(m, k.estimate());
        if (k.realised() != null) {
          m.put("realised_mae", k.realised().mae());
          m.put("realised_rmse", k.realised().rmse());
          m.put("mae_error", k.estimate().mae() - k.realised().mae());
          m.put("rmse_error", k.estimate().rmse() - k.realised().rmse());
        }
        out.add(m);
      }
      e.put("chunks", out);
    }
    return e;
  }

  private static void put(Map<String, Object> m, Dle.Estimate e) {
    m.put("rows", e.rows());
    m.put("mae", e.mae());
    m.put("mae_standard_error", e.maeStandardError());
    m.put("rmse", e.rmse());
    m.put(
        "rmse_standard_error",
        Double.isFinite(e.rmseStandardError()) ? e.rmseStandardError() : null);
  }
}
