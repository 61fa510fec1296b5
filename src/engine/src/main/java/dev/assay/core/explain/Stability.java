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

  private Stability() {}

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
    Integer[] order = new Integer[phi.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(Math.abs(phi[y]), Math.abs(phi[x])));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = order[i];
    }
    Arrays.sort(out);
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
