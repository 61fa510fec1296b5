package dev.assay.core.eval;

import dev.assay.core.AssayException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline condition on a metric, written {@code "f1 < 0.85"}: when it holds, the evaluation
 * fails the pipeline.
 *
 * @param text the condition as written
 */
public record QualityGate(String text, String metric, String operator, double threshold) {
  private static final Pattern FORM =
      Pattern.compile(
          "\\s*([a-z_0-9]+)\\s*(<=|>=|==|!=|<|>)\\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*");

  /** Parses a condition, e.g. {@code f1 < 0.85}. */
  public static QualityGate parse(String text) {
    Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new AssayException(
          "'" + text + "' is not a condition; write METRIC OP NUMBER, e.g. \"f1 < 0.85\"");
    }
    if (!KNOWN_METRICS.contains(m.group(1))) {
      throw new AssayException(
          "unknown metric '"
              + m.group(1)
              + "' in condition '"
              + text.strip()
              + "'; known: "
              + String.join(", ", new java.util.TreeSet<>(KNOWN_METRICS)));
    }
    return new QualityGate(text.strip(), m.group(1), m.group(2), Double.parseDouble(m.group(3)));
  }

  /** Every metric a condition may name (classification and regression). */
  public static final java.util.Set<String> KNOWN_METRICS =
      java.util.Set.of(
          "accuracy",
          "balanced_accuracy",
          "precision",
          "recall",
          "f1",
          "precision_macro",
          "recall_macro",
          "f1_macro",
          "f1_micro",
          "f1_weighted",
          "roc_auc",
          "roc_auc_ovr_macro",
          "roc_auc_ovo_macro",
          "average_precision",
          "log_loss",
          "brier",
          "ece",
          "mae",
          "mse",
          "rmse",
          "r2",
          "median_absolute_error",
          "max_error",
          "mape");

  /** The outcome of checking a gate against a run's metrics. */
  public record Outcome(QualityGate gate, Double value, boolean holds) {
    public String describe() {
      return gate.text()
          + (value == null
              ? " (metric not available)"
              : " (" + gate.metric() + " = " + value + ")");
    }
  }

  /**
   * Checks the condition against a run's metrics.
   *
   * @throws AssayException when the metric is unknown
   */
  public Outcome check(Map<String, Object> metrics) {
    if (!metrics.containsKey(metric)) {
      throw new AssayException(
          "unknown metric '"
              + metric
              + "' in condition '"
              + text
              + "'; known: "
              + metrics.keySet());
    }
    Object raw = metrics.get(metric);
    if (!(raw instanceof Number number) || Double.isNaN(number.doubleValue())) {
      return new Outcome(this, null, true);
    }
    double v = number.doubleValue();
    boolean holds =
        switch (operator) {
          case "<" -> v < threshold;
          case "<=" -> v <= threshold;
          case ">" -> v > threshold;
          case ">=" -> v >= threshold;
          case "==" -> v == threshold;
          case "!=" -> v != threshold;
          default -> throw new IllegalStateException(operator);
        };
    return new Outcome(this, v, holds);
  }
}
