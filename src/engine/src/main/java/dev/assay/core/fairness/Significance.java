package dev.assay.core.fairness;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.discrete.HypergeometricDistribution;
import org.hipparchus.stat.inference.ChiSquareTest;

/**
 * Significance tests for differences in rates between groups (Hipparchus distributions): Pearson's
 * chi-square test of independence on the groups x outcome table (without continuity correction, as
 * {@code scipy.stats.chi2_contingency(correction=False)}), or Fisher's exact test (two-sided, as
 * {@code scipy.stats.fisher_exact}) when any expected count is under 5. Fisher's test is exact for
 * 2 x 2 tables only: with more groups and small expected counts, the two groups that set the gap
 * are compared.
 */
final class Significance {
  static final String CHI_SQUARE = "chi-square test of independence";
  static final String FISHER = "Fisher exact test";
  static final String NONE = "none";

  /** A p-value and the test that gave it. */
  record Result(double pValue, String test) {
    static final Result UNTESTABLE = new Result(Double.NaN, NONE);
  }

  private Significance() {}

  /**
   * Tests whether the outcome depends on the group.
   *
   * @param table per group: {@code {count with the outcome, count without}}
   * @param high row of the group with the highest rate (for the small-count fallback)
   * @param low row of the group with the lowest rate
   */
  static Result independence(long[][] table, int high, int low) {
    List<long[]> rows = new ArrayList<>();
    int highRow = -1;
    int lowRow = -1;
    for (int g = 0; g < table.length; g++) {
      if (table[g][0] + table[g][1] > 0) {
        if (g == high) {
          highRow = rows.size();
        }
        if (g == low) {
          lowRow = rows.size();
        }
        rows.add(table[g]);
      }
    }
    if (rows.size() < 2) {
      return Result.UNTESTABLE;
    }
    long total = 0;
    long with = 0;
    for (long[] r : rows) {
      total += r[0] + r[1];
      with += r[0];
    }
    if (with == 0 || with == total) {
      // one outcome only: every group has the same rate, nothing to test
      return new Result(1.0, NONE + " (all groups have the same outcome)");
    }
    boolean small = false;
    for (long[] r : rows) {
      double n = r[0] + r[1];
      small |= n * with / total < 5 || n * (total - with) / total < 5;
    }
    if (!small) {
      long[][] counts = rows.toArray(long[][]::new);
      return new Result(new ChiSquareTest().chiSquareTest(counts), CHI_SQUARE);
    }
    if (rows.size() == 2) {
      return new Result(fisher(rows.get(0), rows.get(1)), FISHER);
    }
    if (highRow < 0 || lowRow < 0 || highRow == lowRow) {
      return Result.UNTESTABLE;
    }
    return new Result(
        fisher(rows.get(highRow), rows.get(lowRow)), FISHER + " (highest vs lowest group)");
  }

  /** Tests two groups against each other: chi-square, or Fisher when an expected count is < 5. */
  static Result pair(long[] a, long[] b) {
    return independence(new long[][] {a, b}, 0, 1);
  }

  /**
   * Two-sided Fisher exact test of the 2 x 2 table {@code {a, b}}: the probability, given the
   * margins, of a table at most as likely as the observed one (relative tolerance 1e-7, as scipy).
   */
  static double fisher(long[] first, long[] second) {
    int rowTotal = Math.toIntExact(first[0] + first[1]);
    int columnTotal = Math.toIntExact(first[0] + second[0]);
    int total = Math.toIntExact(first[0] + first[1] + second[0] + second[1]);
    HypergeometricDistribution h = new HypergeometricDistribution(total, columnTotal, rowTotal);
    int observed = Math.toIntExact(first[0]);
    double threshold = h.logProbability(observed) + Math.log1p(1e-7);
    double p = 0;
    for (int x = h.getSupportLowerBound(); x <= h.getSupportUpperBound(); x++) {
      double log = h.logProbability(x);
      if (log <= threshold) {
        p += Math.exp(log);
      }
    }
    return Math.min(1.0, p);
  }

  /** Bonferroni: the smaller p-value of two tests times two, capped at 1. */
  static Result either(Result a, Result b) {
    if (Double.isNaN(a.pValue())) {
      return b;
    }
    if (Double.isNaN(b.pValue())) {
      return a;
    }
    Result smaller = a.pValue() <= b.pValue() ? a : b;
    return new Result(
        Math.min(1.0, 2 * smaller.pValue()), smaller.test() + ", Bonferroni over TPR and FPR");
  }
}
