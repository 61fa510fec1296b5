package dev.assay.core.explain;

import java.util.Arrays;
import java.util.List;

/**
 * How much two explanations of the same rows agree (across seeds, or across two backgrounds of the
 * same size): the share of rows whose top-k features by |φ| are the same set, and Spearman's rank
 * correlation of the global importance mean |φ| (average ranks for ties, as {@code
 * scipy.stats.spearmanr}).
 */
public final class Stability {
  /**
   * @param topK the k of the top-k comparison
   * @param topAgreement share of rows whose top-k features by |φ| are the same set
   * @param spearman Spearman's ρ of the two mean |φ| vectors (NaN when one is constant)
   */
  public record Agreement(int topK, double topAgreement, double spearman) {}

  /**
   * Per-row top-k overlap of two explanations of the same rows.
   *
   * @param topK the k compared
   * @param jaccard per row, |T_a ∩ T_b| / |T_a ∪ T_b| of the two top-k feature sets by |φ|
   * @param firstTop per row, the first explanation's top-k feature indices, largest |φ| first
   * @param secondTop per row, the second's
   * @param identical share of rows whose two top-k sets are equal
   * @param topOne share of rows whose largest |φ| is the same feature
   * @param spearman Spearman's ρ of the two mean |φ| vectors (NaN when one is constant)
   */
  public record Overlap(
      int topK,
      double[] jaccard,
      int[][] firstTop,
      int[][] secondTop,
      double identical,
      double topOne,
      double spearman) {
    /** The mean of the per-row Jaccard indices. */
    public double meanJaccard() {
      return Arrays.stream(jaccard).average().orElse(Double.NaN);
    }

    /** The smallest per-row Jaccard index. */
    public double minJaccard() {
      return Arrays.stream(jaccard).min().orElse(Double.NaN);
    }
  }

  private Stability() {}

  /**
   * The per-row top-k overlap of two explanations of the same rows in the same order.
   *
   * @throws IllegalArgumentException when the row counts differ or there are no rows
   */
  public static Overlap overlap(
      List<Explainer.RowAttribution> a, List<Explainer.RowAttribution> b, int topK) {
    if (a.size() != b.size() || a.isEmpty()) {
      throw new IllegalArgumentException("the same, non-empty rows are needed");
    }
    int m = a.get(0).attribution().phi().length;
    int k = Math.min(topK, m);
    int n = a.size();
    double[] jaccard = new double[n];
    int[][] firstTop = new int[n][];
    int[][] secondTop = new int[n][];
    int identical = 0;
    int topOne = 0;
    for (int r = 0; r < n; r++) {
      firstTop[r] = ranked(a.get(r).attribution().phi(), k);
      secondTop[r] = ranked(b.get(r).attribution().phi(), k);
      int shared = 0;
      for (int i : firstTop[r]) {
        for (int j : secondTop[r]) {
          if (i == j) {
            shared++;
          }
        }
      }
      jaccard[r] = shared / (double) (2 * k - shared);
      identical += shared == k ? 1 : 0;
      topOne += firstTop[r][0] == secondTop[r][0] ? 1 : 0;
    }
    return new Overlap(
        k,
        jaccard,
        firstTop,
        secondTop,
        identical / (double) n,
        topOne / (double) n,
        spearman(Explainer.meanAbs(a, m), Explainer.meanAbs(b, m)));
  }

  /**
   * Compares two explanations of the same rows in the same order.
   *
   * @throws IllegalArgumentException when the row counts or feature counts differ
   */
  public static Agreement compare(
      List<Explainer.RowAttribution> a, List<Explainer.RowAttribution> b, int topK) {
    if (a.size() != b.size() || a.isEmpty()) {
      throw new IllegalArgumentException("the same, non-empty rows are needed");
    }
    int m = a.get(0).attribution().phi().length;
    int k = Math.min(topK, m);
    int same = 0;
    for (int r = 0; r < a.size(); r++) {
      if (Arrays.equals(
          top(a.get(r).attribution().phi(), k), top(b.get(r).attribution().phi(), k))) {
        same++;
      }
    }
    return new Agreement(
        k, same / (double) a.size(), spearman(Explainer.meanAbs(a, m), Explainer.meanAbs(b, m)));
  }

  /** The indices of the k largest |φ| (ties by feature order), sorted. */
  static int[] top(double[] phi, int k) {
    int[] out = ranked(phi, k);
    Arrays.sort(out);
    return out;
  }

  /** The indices of the k largest |φ|, largest first (ties by feature order). */
  static int[] ranked(double[] phi, int k) {
    Integer[] order = new Integer[phi.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(Math.abs(phi[y]), Math.abs(phi[x])));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** Spearman's ρ: Pearson's correlation of the average ranks. */
  public static double spearman(double[] x, double[] y) {
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    double mx = Arrays.stream(rx).average().orElse(0);
    double my = Arrays.stream(ry).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** 1-based ranks, ties given their average rank (scipy.stats.rankdata, method "average"). */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
    double[] rank = new double[v.length];
    int i = 0;
    while (i < v.length) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double average = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        rank[order[t]] = average;
      }
      i = j + 1;
    }
    return rank;
  }
}
