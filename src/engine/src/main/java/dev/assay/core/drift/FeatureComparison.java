package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Computes one feature's {@link FeatureStatistics} from its reference and current samples. */
public final class FeatureComparison {
  /** The label of the pooled categories beyond the top K. */
  public static final String OTHER = "(other)";

  private FeatureComparison() {}

  /**
   * Compares a numeric feature.
   *
   * @throws IllegalArgumentException when a sample has no rows
   */
  public static FeatureStatistics numeric(
      NumericSample reference, NumericSample current, DriftSettings settings) {
    RateComparison missing =
        RateComparison.of(reference.missing(), reference.rows(), current.missing(), current.rows());
    RateComparison nonFinite =
        RateComparison.of(
            reference.nonFinite(), reference.rows(), current.nonFinite(), current.rows());
    int n1 = reference.count();
    int n2 = current.count();
    if (n1 == 0 || n2 == 0) {
      return new NoValues(reference.name(), n1, n2, missing);
    }
    double[] r = reference.sorted();
    double[] c = current.sorted();
    SortedMerge merged = SortedMerge.of(r, n1, c, n2);
    KsResult ks = KolmogorovSmirnov.ofStatistic(merged.ks(), n1, n2);
    double w = merged.wasserstein();
    double sd = Wasserstein.standardDeviation(r, n1);
    QuantileBins bins = QuantileBins.ofReference(r, n1, settings.bins());
    long[] rc = bins.countSorted(r, n1);
    long[] cc = bins.countSorted(c, n2);
    List<BinShare> shares = binShares(bins.edges(), rc, cc);
    return new NumericStatistics(
        reference.name(),
        n1,
        n2,
        ks,
        w,
        sd > 0 ? w / sd : Double.NaN,
        BinnedDistances.psi(rc, cc),
        BinnedDistances.jensenShannon(rc, cc),
        BinnedDistances.hellinger(rc, cc),
        BinnedDistances.linf(rc, cc),
        shares,
        missing,
        nonFinite);
  }

  /**
   * Compares a categorical feature over the reference's top K categories and "(other)". Categories
   * are ranked by reference count, then current count, then name; with more than K categories the
   * rest, unseen ones included, are pooled.
   *
   * @throws IllegalArgumentException when a sample has no rows
   */
  public static FeatureStatistics categorical(
      CategoricalSample reference, CategoricalSample current, DriftSettings settings) {
    RateComparison missing =
        RateComparison.of(reference.missing(), reference.rows(), current.missing(), current.rows());
    long n1 = reference.present();
    long n2 = current.present();
    if (n1 == 0 || n2 == 0) {
      return new NoValues(reference.name(), n1, n2, missing);
    }
    Map<String, Long> ref = reference.counts();
    Map<String, Long> cur = current.counts();
    Set<String> all = new HashSet<>(ref.keySet());
    all.addAll(cur.keySet());
    List<String> ranked = new ArrayList<>(all);
    ranked.sort(
        Comparator.comparing((String k) -> -ref.getOrDefault(k, 0L))
            .thenComparing(k -> -cur.getOrDefault(k, 0L))
            .thenComparing(Comparator.naturalOrder()));
    int kept = ranked.size() > settings.topK() ? settings.topK() : ranked.size();
    int width = kept + (ranked.size() > kept ? 1 : 0);
    long[] rc = new long[width];
    long[] cc = new long[width];
    long unseen = 0;
    for (int i = 0; i < ranked.size(); i++) {
      String k = ranked.get(i);
      int slot = Math.min(i, kept);
      rc[slot] += ref.getOrDefault(k, 0L);
      cc[slot] += cur.getOrDefault(k, 0L);
      if (!ref.containsKey(k)) {
        unseen += cur.getOrDefault(k, 0L);
      }
    }
    List<BinShare> shares = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      shares.add(share(i < kept ? ranked.get(i) : OTHER, rc, cc, i));
    }
    return new CategoricalStatistics(
        reference.name(),
        n1,
        n2,
        ChiSquareHomogeneity.test(rc, cc),
        BinnedDistances.jensenShannon(rc, cc),
        BinnedDistances.hellinger(rc, cc),
        BinnedDistances.linf(rc, cc),
        BinnedDistances.psi(rc, cc),
        (double) unseen / n2,
        shares,
        missing);
  }

  /** The shares and PSI terms of numeric bins with inner {@code edges}. */
  static List<BinShare> binShares(double[] edges, long[] rc, long[] cc) {
    List<BinShare> shares = new ArrayList<>();
    for (int i = 0; i < rc.length; i++) {
      String from = i == 0 ? "-inf" : format(edges[i - 1]);
      String to = i == edges.length ? "inf" : format(edges[i]);
      shares.add(share("[" + from + ", " + to + ")", rc, cc, i));
    }
    return shares;
  }

  private static BinShare share(String label, long[] rc, long[] cc, int i) {
    long a = 0;
    long b = 0;
    for (int j = 0; j < rc.length; j++) {
      a += rc[j];
      b += cc[j];
    }
    double pseudo = BinnedDistances.PSI_PSEUDO_COUNT * rc.length;
    return new BinShare(
        label,
        (double) rc[i] / a,
        (double) cc[i] / b,
        BinnedDistances.psiTerm(rc[i], a + pseudo, cc[i], b + pseudo));
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
