package dev.assay.core.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of a monitored stream: a prediction the deployed model made, or a label that arrived
 * later for one of them (matched by {@code id}).
 */
public sealed interface MonitorEvent permits MonitorEvent.Prediction, MonitorEvent.Label {
  /** The prediction's id, unique within the stream. */
  String id();

  /** When the event happened (event time, not arrival time). */
  Instant ts();

  /**
   * A prediction.
   *
   * @param model {@code NAME:VERSION} of the model that made it
   * @param variant the deployment variant ({@code champion}, {@code challenger}, ...), or null
   * @param features feature values: a {@link Double}, a {@link String} or null (missing)
   * @param prediction the predicted label as text (a whole number written without decimals)
   * @param probabilities class probabilities by class label; may be empty
   */
  record Prediction(
      String id,
      String model,
      String variant,
      Instant ts,
      Map<String, Object> features,
      String prediction,
      Map<String, Double> probabilities)
      implements MonitorEvent {
    public Prediction {
      features =
          features instanceof FeatureRow
              ? features
              : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
      probabilities = probabilities.isEmpty() ? Map.of() : Map.copyOf(probabilities);
    }
  }

  /** A label (the true outcome) for the prediction {@code id}, as text. */
  record Label(String id, Instant ts, String label) implements MonitorEvent {}
}
