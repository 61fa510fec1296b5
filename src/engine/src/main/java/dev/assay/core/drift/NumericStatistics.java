package dev.assay.core.drift;

import java.util.List;

/**
 * A numeric feature compared: KS, Wasserstein (raw and over the reference's population standard
 * deviation; NaN when that is 0), and PSI, Jensen-Shannon (base 2), Hellinger and L-infinity on the
 * reference's quantile bins.
 *
 * @param sketch null when the reference's values were all at hand (every statistic exact); else the
 *     reference was a stored {@link NumericSketch} and this says how far KS D and Wasserstein may
 *     be from their exact values (the binned distances are exact either way)
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
    RateComparison nonFinite,
    SketchBounds sketch)
    implements FeatureStatistics {
  public NumericStatistics {
    contributions = List.copyOf(contributions);
  }

  /** Statistics computed from both samples' values (no sketch). */
  public NumericStatistics(
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
      RateComparison nonFinite) {
    this(
        name,
        nReference,
        nCurrent,
        ks,
        wasserstein,
        wassersteinNormed,
        psi,
        jensenShannon,
        hellinger,
        linf,
        contributions,
        missing,
        nonFinite,
        null);
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
