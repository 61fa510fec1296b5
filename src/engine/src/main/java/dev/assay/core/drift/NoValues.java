package dev.assay.core.drift;

import java.util.List;

/** A feature with no usable value in the reference or the current data: only rates compare. */
public record NoValues(String name, long nReference, long nCurrent, RateComparison missing)
    implements FeatureStatistics {
  @Override
  public double pValue() {
    return Double.NaN;
  }

  @Override
  public double effect() {
    return Double.NaN;
  }

  @Override
  public List<BinShare> contributions() {
    return List.of();
  }
}
