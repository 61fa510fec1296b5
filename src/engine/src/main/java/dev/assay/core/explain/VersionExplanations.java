package dev.assay.core.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.AssayException;
import dev.assay.core.compare.Intervals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * How two model versions' explanations of the same data rows differ (issue 17, "across versions"):
 * Spearman's ρ and Kendall's τ-b of the global importance mean |φ| (as {@code
 * scipy.stats.spearmanr} and {@code kendalltau}: average ranks, tie-corrected τ-b), the rows whose
 * top reason changes with a 95% Wilson interval, the mean Jaccard index of the per-row top-4 sets
 * by |φ|, and each feature's importance and rank in both. The top reason is the first
 * adverse-action reason code ({@link ReasonCodes}): the feature pushing the output furthest toward
 * the adverse outcome, ties by the first version's feature order; a row where nothing pushes that
 * way has none, and "none" against a feature counts as a change. Rows are matched by their data row
 * number.
 */
public final class VersionExplanations {
  /** Top-k of the set agreement. */
  public static final int TOP_K = 4;

  /**
   * One explanation as compared: feature names, explained data rows, per row the attributions in
   * feature order, and the global mean |φ|.
   */
  public record Explained(List<String> features, int[] rows, double[][] phi, double[] meanAbs) {
    public Explained {
      features = List.copyOf(features);
    }

    /** The explanation of a report. */
    public static Explained of(ExplanationReport report) {
      int n = report.rows().size();
      int[] rows = new int[n];
      double[][] phi = new double[n][];
      for (int r = 0; r < n; r++) {
        rows[r] = report.rows().get(r).row();
        phi[r] = report.rows().get(r).attribution().phi();
      }
      return new Explained(report.features(), rows, phi, report.meanAbs());
    }

    /**
     * The explanation in a stored or printed document ({@link ExplanationDocument}: {@code
     * features}, {@code rows[].row}, {@code rows[].attributions}, {@code global.mean_abs}).
     *
     * @throws AssayException when the document lacks one of them
     */
    public static Explained of(JsonNode doc) {
      JsonNode names = doc.path("features");
      JsonNode rowNodes = doc.path("rows");
      JsonNode meanNode = doc.path("global").path("mean_abs");
      if (!names.isArray() || !rowNodes.isArray() || !meanNode.isObject()) {
        throw new AssayException("the explanation has no features, rows or global mean |phi|");
      }
      List<String> features = new ArrayList<>();
      names.forEach(f -> features.add(f.asText()));
      int m = features.size();
      double[] meanAbs = new double[m];
      for (int i = 0; i < m; i++) {
        meanAbs[i] = number(meanNode, features.get(i));
      }
      int[] rows = new int[rowNodes.size()];
      double[][] phi = new double[rows.length][m];
      for (int r = 0; r < rows.length; r++) {
        JsonNode row = rowNodes.get(r);
        rows[r] = row.path("row").asInt();
        for (int i = 0; i < m; i++) {
          phi[r][i] = number(row.path("attributions"), features.get(i));
        }
      }
      return new Explained(features, rows, phi, meanAbs);
    }

    private static double number(JsonNode object, String field) {
      JsonNode v = object.get(field);
      if (v == null || !v.isNumber()) {
        throw new AssayException("the explanation has no number for feature " + field);
      }
      return v.doubleValue();
    }
  }

  /** One feature's global importance (mean |φ|) and rank (1 = most important) in both versions. */
  public record FeatureRank(
      String feature, double importanceA, double importanceB, int rankA, int rankB) {}

  /**
   * The comparison.
   *
   * @param rows rows compared
   * @param spearman Spearman's ρ of the two mean |φ| vectors (NaN when one is constant)
   * @param kendallTau Kendall's τ-b of the same (NaN when one is constant)
   * @param topReasonChanged rows whose top reason differs
   * @param share {@code topReasonChanged / rows}
   * @param ciLow the 95% Wilson interval's lower end of the share
   * @param ciHigh its upper end
   * @param top4JaccardMean the mean over rows of |T_a ∩ T_b| / |T_a ∪ T_b| of the top-4 sets by |φ|
   * @param features per feature, the first version's order
   */
  public record Result(
      int rows,
      double spearman,
      double kendallTau,
      int topReasonChanged,
      double share,
      double ciLow,
      double ciHigh,
      double top4JaccardMean,
      boolean adverseHigher,
      List<FeatureRank> features) {
    public Result {
      features = List.copyOf(features);
    }
  }

  private VersionExplanations() {}

  /**
   * Compares two explanations of the same rows and features.
   *
   * @param adverseHigher whether a higher explained output is the adverse outcome
   * @throws AssayException when the feature sets or the explained rows differ
   */
  public static Result compare(Explained a, Explained b, boolean adverseHigher) {
    int m = a.features().size();
    if (m == 0
        || b.features().size() != m
        || !new HashSet<>(a.features()).equals(new HashSet<>(b.features()))) {
      throw new AssayException(
          "the two explanations have different features: " + a.features() + " and " + b.features());
    }
    int[] featureOfB = new int[m];
    for (int i = 0; i < m; i++) {
      featureOfB[i] = b.features().indexOf(a.features().get(i));
    }
    Map<Integer, Integer> rowOfB = new HashMap<>();
    for (int r = 0; r < b.rows().length; r++) {
      rowOfB.put(b.rows()[r], r);
    }
    int n = a.rows().length;
    if (n == 0 || b.rows().length != n || rowOfB.size() != n) {
      throw new AssayException(
          "the two explanations cover different rows: " + n + " and " + b.rows().length);
    }
    int changed = 0;
    double jaccard = 0;
    int k = Math.min(TOP_K, m);
    for (int r = 0; r < n; r++) {
      Integer other = rowOfB.get(a.rows()[r]);
      if (other == null) {
        throw new AssayException(
            "the two explanations cover different rows: row "
                + a.rows()[r]
                + " is explained only in the first");
      }
      double[] phiA = a.phi()[r];
      double[] phiB = new double[m];
      for (int i = 0; i < m; i++) {
        phiB[i] = b.phi()[other][featureOfB[i]];
      }
      if (topReason(phiA, adverseHigher) != topReason(phiB, adverseHigher)) {
        changed++;
      }
      int[] topA = Stability.ranked(phiA, k);
      int[] topB = Stability.ranked(phiB, k);
      int shared = 0;
      for (int i : topA) {
        for (int j : topB) {
          shared += i == j ? 1 : 0;
        }
      }
      jaccard += shared / (double) (2 * k - shared);
    }
    double[] importanceB = new double[m];
    for (int i = 0; i < m; i++) {
      importanceB[i] = b.meanAbs()[featureOfB[i]];
    }
    int[] rankA = order(a.meanAbs(), a.features());
    int[] rankB = order(importanceB, a.features());
    List<FeatureRank> features = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      features.add(
          new FeatureRank(a.features().get(i), a.meanAbs()[i], importanceB[i], rankA[i], rankB[i]));
    }
    double[] ci = Intervals.wilson(changed, n);
    return new Result(
        n,
        Stability.spearman(a.meanAbs(), importanceB),
        kendallTau(a.meanAbs(), importanceB),
        changed,
        changed / (double) n,
        ci[0],
        ci[1],
        jaccard / n,
        adverseHigher,
        features);
  }

  /**
   * The feature pushing furthest toward the adverse outcome (ties by feature order), or -1 when
   * none pushes that way: the first reason of {@link ReasonCodes}.
   */
  static int topReason(double[] phi, boolean adverseHigher) {
    int best = -1;
    double largest = 0;
    for (int i = 0; i < phi.length; i++) {
      double push = adverseHigher ? phi[i] : -phi[i];
      if (push > largest) {
        largest = push;
        best = i;
      }
    }
    return best;
  }

  /** 1-based ranks by descending importance, ties by feature name. */
  private static int[] order(double[] importance, List<String> names) {
    Integer[] idx = new Integer[importance.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(
        idx,
        (x, y) -> {
          int c = Double.compare(importance[y], importance[x]);
          return c != 0 ? c : names.get(x).compareTo(names.get(y));
        });
    int[] rank = new int[importance.length];
    for (int p = 0; p < idx.length; p++) {
      rank[idx[p]] = p + 1;
    }
    return rank;
  }

  /**
   * Kendall's τ-b, {@code (P - Q) / sqrt((P + Q + T) (P + Q + U))} with P concordant and Q
   * discordant pairs, T pairs tied only in x and U only in y (as {@code scipy.stats.kendalltau});
   * NaN when x or y is constant.
   */
  public static double kendallTau(double[] x, double[] y) {
    long concordant = 0;
    long discordant = 0;
    long tiedX = 0;
    long tiedY = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        int sx = Double.compare(x[i], x[j]);
        int sy = Double.compare(y[i], y[j]);
        if (sx == 0 && sy == 0) {
          continue;
        } else if (sx == 0) {
          tiedX++;
        } else if (sy == 0) {
          tiedY++;
        } else if (sx == sy) {
          concordant++;
        } else {
          discordant++;
        }
      }
    }
    double denominator =
        Math.sqrt((double) (concordant + discordant + tiedX) * (concordant + discordant + tiedY));
    return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
  }
}
