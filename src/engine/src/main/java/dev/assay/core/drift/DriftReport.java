package dev.assay.core.drift;

import java.util.List;

/** Per-feature drift verdicts under one set of settings. */
public record DriftReport(DriftSettings settings, List<FeatureDrift> features) {
  public DriftReport {
    features = List.copyOf(features);
  }

  /** Whether any feature drifted. */
  public boolean drift() {
    return features.stream().anyMatch(FeatureDrift::drift);
  }

  /** The names of the drifted features, in report order. */
  public List<String> drifted() {
    return features.stream().filter(FeatureDrift::drift).map(FeatureDrift::name).toList();
  }
}
