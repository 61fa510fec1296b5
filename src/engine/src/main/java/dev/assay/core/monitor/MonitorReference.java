package dev.assay.core.monitor;

import dev.assay.core.drift.CategoricalSample;
import dev.assay.core.drift.Cbpe;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureSample;
import java.util.List;

/**
 * What windows are compared with: the reference dataset's features as {@code assay drift} reads
 * them ({@link dev.assay.core.drift.FeatureReader}), the model's predicted labels on that dataset
 * (or null when none are known), the drift settings, and the label-free performance estimator
 * ({@link Cbpe}) fitted on the reference run's scores and labels with the positive class as events
 * spell it (both null when the run has no positive-class scores or no labels).
 */
public record MonitorReference(
    List<FeatureSample> features,
    CategoricalSample predictions,
    DriftSettings settings,
    Cbpe.Fitted cbpe,
    String positive) {

  /** A reference without performance estimation. */
  public MonitorReference(
      List<FeatureSample> features, CategoricalSample predictions, DriftSettings settings) {
    this(features, predictions, settings, null, null);
  }

  public MonitorReference {
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a reference needs at least one feature");
    }
  }
}
