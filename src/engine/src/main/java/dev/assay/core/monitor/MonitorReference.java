package dev.assay.core.monitor;

import dev.assay.core.drift.CategoricalSample;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureSample;
import java.util.List;

/**
 * What windows are compared with: the reference dataset's features as {@code assay drift} reads
 * them ({@link dev.assay.core.drift.FeatureReader}), the model's predicted labels on that dataset
 * (or null when none are known), and the drift settings.
 */
public record MonitorReference(
    List<FeatureSample> features, CategoricalSample predictions, DriftSettings settings) {
  public MonitorReference {
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a reference needs at least one feature");
    }
  }
}
