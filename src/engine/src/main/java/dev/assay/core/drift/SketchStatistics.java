package dev.assay.core.drift;

import java.util.List;

/**
 * The figures of a {@link SketchComparison} from its counts: KS D and Wasserstein-1 within stated
 * bounds, the binned distances exact (see {@link SketchComparison} for how each is derived).
 */
final class SketchStatistics {
  private SketchStatistics() {}

  /**
   * The comparison of the current values counted per grid value and bin with the reference.
   *
   * @param equal current values equal to each grid value
   * @param between current values strictly between the grid value before and each one (index m:
   *     above the last)
   * @param sums summed distances of those values to the grid value (index m: above the last)
   * @param binCounts current values per quantile bin
   */
  static FeatureStatistics of(
      NumericSketch r,
      long[] equal,
      long[] between,
      double[] sums,
      long[] binCounts,
      long count,
      long missing,
      long nonFinite) {
    double[] grid = r.grid();
    double[] edges = r.binEdges();
    long currentRows = count + missing + nonFinite;
    RateComparison missingRate = RateComparison.of(r.missing(), r.rows(), missing, currentRows);
    RateComparison nonFiniteRate =
        RateComparison.of(r.nonFinite(), r.rows(), nonFinite, currentRows);
    int n1 = r.count();
    if (n1 == 0 || count == 0) {
      return new NoValues(r.name(), n1, count, missingRate);
    }
    int n2 = (int) count;
    int m = grid.length;
    int[] eqR = r.equal();
    int[] betweenR = r.between();
    double[] gapR = r.gapSums();
    double low = 0;
    double high = 0;
    double wLow = sums[0] / n2 + sums[m] / n2;
    double wExcess = 0;
    long rLe = 0;
    long cLe = between[0];
    double maxPlus = 0;
    double maxMinus = 0;
    for (int k = 0; k < m; k++) {
      long rLtK = rLe + betweenR[k];
      long cLtK = k == 0 ? cLe : cLe + between[k];
      double a = (double) rLe / n1;
      double c = (double) cLe / n2;
      double b = (double) rLtK / n1;
      double d = (double) cLtK / n2;
      if (k > 0) {
        double length = grid[k] - grid[k - 1];
        double integralR = a * length + gapR[k] / n1;
        double integralC = c * length + sums[k] / n2;
        wLow += Math.abs(integralR - integralC);
        double up = b - c;
        double down = d - a;
        if (up > 0 && down > 0) {
          wExcess += 2 * length * Math.min(up, down);
        }
        high = Math.max(high, Math.max(up, down));
      }
      double left = b - d;
      rLe = rLtK + eqR[k];
      cLe = cLtK + equal[k];
      double at = (double) rLe / n1 - (double) cLe / n2;
      maxPlus = Math.max(maxPlus, Math.max(left, at));
      maxMinus = Math.min(maxMinus, Math.min(left, at));
    }
    low = Math.max(maxPlus, Math.min(1, -maxMinus));
    high = Math.max(low, Math.min(1, high));
    double ks = (low + high) / 2;
    KsResult exactRule = KolmogorovSmirnov.ofStatistic(ks, n1, n2);
    KsResult result =
        new KsResult(exactRule.statistic(), exactRule.pValue(), KsMethod.ASYMP_SKETCH);
    double w = wLow + wExcess / 2;
    long[] rc = r.binCounts();
    List<BinShare> shares = FeatureComparison.binShares(edges, rc, binCounts);
    return new NumericStatistics(
        r.name(),
        n1,
        n2,
        result,
        w,
        r.sd() > 0 ? w / r.sd() : Double.NaN,
        BinnedDistances.psi(rc, binCounts),
        BinnedDistances.jensenShannon(rc, binCounts),
        BinnedDistances.hellinger(rc, binCounts),
        BinnedDistances.linf(rc, binCounts),
        shares,
        missingRate,
        nonFiniteRate,
        new SketchBounds(low, high, (high - low) / 2, wExcess / 2, m, r.maxGap()));
  }
}
