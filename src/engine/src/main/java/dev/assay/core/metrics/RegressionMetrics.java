package dev.assay.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of regression metrics with scikit-learn's definitions. NaN when there are no rows (and
 * r2 with fewer than two rows).
 *
 * @param rows rows accumulated
 * @param mae {@code mean_absolute_error}
 * @param mse {@code mean_squared_error}
 * @param rmse square root of mse
 * @param r2 {@code r2_score}: 1 - SS_res / SS_tot; when SS_tot is 0, 1.0 for a perfect fit else 0.0
 * @param medianAbsoluteError {@code median_absolute_error}
 * @param maxError {@code max_error}
 * @param mape {@code mean_absolute_percentage_error}: mean of |y - yhat| / max(|y|, 2^-52), a
 *     fraction (not percent)
 */
public record RegressionMetrics(
    long rows,
    double mae,
    double mse,
    double rmse,
    double r2,
    double medianAbsoluteError,
    double maxError,
    double mape) {

  /**
   * The regression keys of {@code assay eval --json} {@code metrics}: {@code mae, mse, rmse, r2,
   * median_absolute_error, max_error, mape}; NaN becomes null.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mae", ClassificationMetrics.finite(mae));
    m.put("mse", ClassificationMetrics.finite(mse));
    m.put("rmse", ClassificationMetrics.finite(rmse));
    m.put("r2", ClassificationMetrics.finite(r2));
    m.put("median_absolute_error", ClassificationMetrics.finite(medianAbsoluteError));
    m.put("max_error", ClassificationMetrics.finite(maxError));
    m.put("mape", ClassificationMetrics.finite(mape));
    return m;
  }
}
