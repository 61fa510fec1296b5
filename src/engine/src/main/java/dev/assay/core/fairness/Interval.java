package dev.assay.core.fairness;

/**
 * A 95% confidence interval.
 *
 * @param method {@code bootstrap} (percentile, stratified by group) or {@code delong}
 */
public record Interval(double low, double high, String method) {
  static final String BOOTSTRAP = "bootstrap";
  static final String DELONG = "delong";

  static final Interval NONE = new Interval(Double.NaN, Double.NaN, BOOTSTRAP);
}
