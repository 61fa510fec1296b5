package dev.assay.core.monitor;

import java.util.List;
import java.util.Locale;

/**
 * An alert rule: it fires when {@code metric comparison threshold} holds for {@code forWindows}
 * consecutive windows (once per such run of windows; a window where the metric has no value, such
 * as accuracy without labels, breaks the run).
 *
 * <p>Metrics of a window ({@link #value}): {@code accuracy} (realised), {@code drifted_features}
 * (how many features drifted), {@code predictions}, {@code labelled}, {@code late}, {@code
 * invalid}, {@code alarms} (detector signals), {@code drift_alarms} (detector drift signals),
 * {@code prediction_psi}, {@code prediction_drift} (1 or 0), and per feature {@code psi:FEATURE},
 * {@code effect:FEATURE}, {@code p_value:FEATURE} (adjusted), {@code drift:FEATURE} (1 or 0).
 *
 * @param id the stored rule's id (0 before it is stored)
 * @param comparison one of {@code > >= < <=}
 */
public record AlertRule(
    long id, String name, String metric, String comparison, double threshold, int forWindows) {
  private static final List<String> COMPARISONS = List.of(">", ">=", "<", "<=");
  private static final List<String> WINDOW_METRICS =
      List.of(
          "accuracy",
          "drifted_features",
          "predictions",
          "labelled",
          "late",
          "invalid",
          "alarms",
          "drift_alarms",
          "prediction_psi",
          "prediction_drift");
  private static final List<String> FEATURE_METRICS = List.of("psi", "effect", "p_value", "drift");

  /**
   * @throws IllegalArgumentException when the metric, comparison, threshold or window count is not
   *     one this class knows
   */
  public AlertRule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an alert rule needs a name");
    }
    if (!COMPARISONS.contains(comparison)) {
      throw new IllegalArgumentException(
          "comparison '" + comparison + "' is not one of " + String.join(" ", COMPARISONS));
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("the threshold must be a finite number");
    }
    if (forWindows < 1) {
      throw new IllegalArgumentException("--for must be at least 1 window");
    }
    int colon = metric == null ? -1 : metric.indexOf(':');
    boolean known =
        metric != null
            && (WINDOW_METRICS.contains(metric)
                || colon > 0
                    && colon < metric.length() - 1
                    && FEATURE_METRICS.contains(metric.substring(0, colon)));
    if (!known) {
      throw new IllegalArgumentException(
          "metric '"
              + metric
              + "' is not one of "
              + String.join(", ", WINDOW_METRICS)
              + " or psi|effect|p_value|drift:FEATURE");
    }
  }

  /** The rule as one line: {@code name: metric > 0.2 for 3 windows}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s: %s %s %s for %d window%s",
        name,
        metric,
        comparison,
        threshold,
        forWindows,
        forWindows == 1 ? "" : "s");
  }

  /** Whether the condition holds for {@code value} (false for null). */
  public boolean holds(Double value) {
    if (value == null || value.isNaN()) {
      return false;
    }
    double v = value;
    return switch (comparison) {
      case ">" -> v > threshold;
      case ">=" -> v >= threshold;
      case "<" -> v < threshold;
      default -> v <= threshold;
    };
  }

  /** The metric's value in window {@code w}, or null when it has none there. */
  public Double value(WindowResult w) {
    int colon = metric.indexOf(':');
    if (colon > 0) {
      String feature = metric.substring(colon + 1);
      for (WindowResult.FeatureWindow f : w.features()) {
        if (f.name().equals(feature)) {
          return switch (metric.substring(0, colon)) {
            case "psi" -> f.psi();
            case "effect" -> f.effect();
            case "p_value" -> f.pAdjusted();
            default -> f.drift() ? 1.0 : 0.0;
          };
        }
      }
      return null;
    }
    return switch (metric) {
      case "accuracy" -> w.accuracy();
      case "drifted_features" -> (double) w.drifted().size();
      case "predictions" -> (double) w.predictions();
      case "labelled" -> (double) w.labelled();
      case "late" -> (double) w.late();
      case "invalid" -> (double) w.invalid();
      case "alarms" -> (double) w.alarms().size();
      case "drift_alarms" ->
          (double) w.alarms().stream().filter(a -> a.signal().equals("drift")).count();
      case "prediction_psi" -> w.prediction() == null ? null : w.prediction().psi();
      default -> w.prediction() == null ? null : w.prediction().drift() ? 1.0 : 0.0;
    };
  }
}
