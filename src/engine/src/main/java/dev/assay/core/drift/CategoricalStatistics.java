package dev.assay.core.drift;

import java.util.List;

/**
 * A categorical feature compared over its top-K categories plus "(other)": chi-square of
 * homogeneity, Jensen-Shannon (base 2), Hellinger, L-infinity and PSI, and the share of current
 * rows whose category the reference never has.
 */
public record CategoricalStatistics(
    String name,
    long nReference,
    long nCurrent,
    ChiSquareResult chi2,
    double jensenShannon,
    double hellinger,
    double linf,
    double psi,
    double unseenShare,
    List<BinShare> contributions,
    RateComparison missing)
    implements FeatureStatistics {
  public CategoricalStatistics {
    contributions = List.copyOf(contributions);
  }

  @Override
  public double pValue() {
    return chi2.pValue();
  }

  @Override
  public double effect() {
    return linf;
  }
}
