package dev.assay.core.drift;

/**
 * One feature's verdict.
 *
 * @param statistics the comparison
 * @param pAdjusted the distribution test's adjusted p-value (NaN without a test)
 * @param threshold δ: the effect must exceed it (see {@link EffectThreshold})
 * @param distributionDrift adjusted p &lt; α and effect &gt; δ
 * @param missing the missing-rate verdict
 * @param nonFinite the non-finite-rate verdict (numeric features), or null
 */
public record FeatureDrift(
    FeatureStatistics statistics,
    double pAdjusted,
    double threshold,
    boolean distributionDrift,
    RateVerdict missing,
    RateVerdict nonFinite) {

  /** Whether anything about the feature drifted: its distribution or a rate. */
  public boolean drift() {
    return distributionDrift || missing.drift() || (nonFinite != null && nonFinite.drift());
  }

  public String name() {
    return statistics.name();
  }
}
