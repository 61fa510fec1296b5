package dev.assay.core.drift;

import java.util.List;

/**
 * A numeric feature compared: KS, Wasserstein (raw and over the reference's population standard
 * deviation; NaN when that is 0), and PSI, Jensen-Shannon (base 2), Hellinger and L-infinity on the
 * reference's quantile bins.
 */
public record NumericStatistics(
    String name,
    long nReference,
    long nCurrent,
    KsResult ks,
    double wasserstein,
    double wassersteinNormed,
    double psi,
    double jensenShannon,
    double hellinger,
    double linf,
    List<BinShare> contributions,
    RateComparison missing,
    RateComparison nonFinite)
    implements FeatureStatistics {
  public NumericStatistics {
    contributions = List.copyOf(contributions);
  }

  @Override
  public double pValue() {
    return ks.pValue();
  }

  @Override
  public double effect() {
    return ks.statistic();
  }
}
