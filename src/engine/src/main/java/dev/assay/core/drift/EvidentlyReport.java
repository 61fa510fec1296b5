package dev.assay.core.drift;

import java.util.List;

/**
 * Columns under Evidently's default test choice and its dataset rule: dataset drift when the share
 * of drifted columns is at least {@link EvidentlyDrift#DRIFT_SHARE}. Untested (empty) columns are
 * left out of the share.
 */
public record EvidentlyReport(List<EvidentlyFeature> features) {
  public EvidentlyReport {
    features = List.copyOf(features);
  }

  /** Columns with a test. */
  public long tested() {
    return features.stream().filter(f -> f.stattest() != null).count();
  }

  /** Drifted columns. */
  public long driftedCount() {
    return features.stream().filter(EvidentlyFeature::drift).count();
  }

  /** Drifted share of the tested columns (0 when none is tested). */
  public double shareDrifted() {
    long n = tested();
    return n == 0 ? 0 : (double) driftedCount() / n;
  }

  /** Evidently's dataset drift: the drifted share is at least 0.5. */
  public boolean drift() {
    return tested() > 0 && shareDrifted() >= EvidentlyDrift.DRIFT_SHARE;
  }

  /** The names of the drifted columns, in report order. */
  public List<String> drifted() {
    return features.stream().filter(EvidentlyFeature::drift).map(EvidentlyFeature::name).toList();
  }
}
