package dev.assay.core.drift;

/**
 * One column under Evidently's default test choice.
 *
 * @param name the column
 * @param kind Evidently's column type: {@code numerical} or {@code categorical}, or {@code empty}
 *     when a side has no value (Evidently refuses such a column; Assay reports it untested)
 * @param nReference reference values the test uses (missing and non-finite cells dropped)
 * @param nCurrent current values the test uses
 * @param nUnique distinct values of both samples together
 * @param stattest Evidently's test name: ks, chisquare, z, wasserstein or jensenshannon (null when
 *     untested)
 * @param score Evidently's drift score: a p-value (ks, chisquare, z) or a distance (wasserstein
 *     normed, Jensen-Shannon in nats)
 * @param threshold the default threshold of the test
 * @param statistic the test statistic behind a p-value (KS D, chi-square, z); NaN for distances
 * @param dof chi-square degrees of freedom, else 0
 * @param drift the verdict: p &lt;= 0.05 for ks, p &lt; 0.05 for chisquare and z, score &gt;= 0.1
 *     for the distances
 */
public record EvidentlyFeature(
    String name,
    String kind,
    long nReference,
    long nCurrent,
    int nUnique,
    String stattest,
    double score,
    double threshold,
    double statistic,
    int dof,
    boolean drift) {

  /** Whether the score is a p-value (drift when small) rather than a distance. */
  public boolean pValueScore() {
    return "ks".equals(stattest) || "chisquare".equals(stattest) || "z".equals(stattest);
  }
}
