package dev.assay.core.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How strongly a feature is associated with a sensitive attribute, so that a reason that may stand
 * in for a protected attribute is flagged. A feature with more than {@value #DISCRETE_LIMIT}
 * distinct values is numeric and measured by the correlation ratio η = sqrt(SS_between / SS_total)
 * of the feature over the attribute's groups (for a two-group attribute η is the absolute
 * point-biserial correlation); a feature with at most {@value #DISCRETE_LIMIT} distinct values is
 * categorical and measured by Cramér's V of the feature × attribute contingency table (without bias
 * correction, as {@code scipy.stats.contingency.association(method="cramer")}). Both lie in [0, 1];
 * rows with an empty attribute cell are left out.
 */
public final class ProxyAssociation {
  /** The most distinct values of a feature measured by Cramér's V. */
  public static final int DISCRETE_LIMIT = 10;

  /** The default flagging threshold (a medium association by Cohen's convention). */
  public static final double DEFAULT_THRESHOLD = 0.3;

  /** Measure names as reported. */
  public static final String ETA = "correlation_ratio";

  public static final String CRAMER = "cramers_v";

  /**
   * One feature against one attribute.
   *
   * @param measure {@link #ETA} or {@link #CRAMER}
   * @param flagged whether {@code value} is at or above the threshold
   */
  public record Association(
      String feature, String attribute, String measure, double value, boolean flagged) {}

  private ProxyAssociation() {}

  /**
   * Each feature (column {@code j} of the row-major {@code values}, {@code features.size()}
   * columns) against the attribute's {@code groups} (one label per row).
   */
  public static List<Association> of(
      List<String> features,
      double[] values,
      String attribute,
      List<String> groups,
      double threshold) {
    int m = features.size();
    int n = groups.size();
    List<Integer> kept = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (groups.get(r) != null && !groups.get(r).isBlank()) {
        kept.add(r);
      }
    }
    String[] g = new String[kept.size()];
    for (int k = 0; k < g.length; k++) {
      g[k] = groups.get(kept.get(k));
    }
    List<Association> out = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      double[] x = new double[g.length];
      for (int k = 0; k < g.length; k++) {
        x[k] = values[kept.get(k) * m + j];
      }
      boolean discrete =
          x.length > 0 && java.util.Arrays.stream(x).distinct().count() <= DISCRETE_LIMIT;
      double v = discrete ? cramersV(x, g) : correlationRatio(x, g);
      out.add(
          new Association(
              features.get(j), attribute, discrete ? CRAMER : ETA, v, !(v < threshold)));
    }
    return out;
  }

  /** η = sqrt(SS_between / SS_total) of {@code x} over the groups; 0 when x is constant. */
  public static double correlationRatio(double[] x, String[] groups) {
    Map<String, double[]> sums = new HashMap<>();
    double total = 0;
    for (int k = 0; k < x.length; k++) {
      double[] s = sums.computeIfAbsent(groups[k], key -> new double[2]);
      s[0] += x[k];
      s[1]++;
      total += x[k];
    }
    double mean = total / x.length;
    double ssTotal = 0;
    for (double v : x) {
      ssTotal += (v - mean) * (v - mean);
    }
    double ssBetween = 0;
    for (double[] s : sums.values()) {
      double d = s[0] / s[1] - mean;
      ssBetween += s[1] * d * d;
    }
    return ssTotal == 0 ? 0 : Math.sqrt(Math.min(1, ssBetween / ssTotal));
  }

  /**
   * Cramér's V = sqrt(χ² / (n · (min(r, c) − 1))) of the value × group table; 0 when either has one
   * level.
   */
  public static double cramersV(double[] x, String[] groups) {
    Map<Double, Integer> rowIndex = new LinkedHashMap<>();
    Map<String, Integer> colIndex = new LinkedHashMap<>();
    for (int k = 0; k < x.length; k++) {
      rowIndex.putIfAbsent(x[k], rowIndex.size());
      colIndex.putIfAbsent(groups[k], colIndex.size());
    }
    int r = rowIndex.size();
    int c = colIndex.size();
    if (r < 2 || c < 2) {
      return 0;
    }
    double[][] table = new double[r][c];
    for (int k = 0; k < x.length; k++) {
      table[rowIndex.get(x[k])][colIndex.get(groups[k])]++;
    }
    double n = x.length;
    double[] rowSum = new double[r];
    double[] colSum = new double[c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        rowSum[i] += table[i][j];
        colSum[j] += table[i][j];
      }
    }
    double chi2 = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        double expected = rowSum[i] * colSum[j] / n;
        chi2 += (table[i][j] - expected) * (table[i][j] - expected) / expected;
      }
    }
    return Math.sqrt(chi2 / (n * (Math.min(r, c) - 1)));
  }
}
