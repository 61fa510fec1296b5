package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The design matrix of the {@link DomainClassifier} for the sampled rows (reference rows first,
 * then current rows):
 *
 * <ul>
 *   <li>columns 0 .. d-1: each numeric column standardised by the pooled sample's mean and
 *       population sd (a missing cell, or a constant column, gives 0); columns d .. 2d-1: their
 *       squares;
 *   <li>then one block per categorical column: a 0/1 indicator for each of its {@link
 *       #TOP_CATEGORIES} most frequent categories in the pooled sample (count descending, ties by
 *       name; a missing cell is the category {@link #MISSING}), then one indicator {@link #OTHER}
 *       for every other category, present only when some sampled row has one. Indicators are not
 *       standardised (scikit-learn's OneHotEncoder).
 * </ul>
 */
final class DomainFeatures {
  /** Categories of a column that get their own indicator. */
  static final int TOP_CATEGORIES = 10;

  /** The indicator of the categories outside the top ones. */
  static final String OTHER = "(other)";

  /** The category of a missing cell. */
  static final String MISSING = "(missing)";

  /**
   * The columns of one input column in the design matrix.
   *
   * @param name the input column
   * @param from first design column
   * @param levels the categories of the indicators in order (empty for a numeric column)
   * @param shift numeric: current mean minus reference mean of the standardised value; categorical:
   *     the largest change of a category's share (current minus reference), signed
   * @param shiftLevel the category of that change (null for a numeric column)
   */
  record Block(String name, int from, List<String> levels, double shift, String shiftLevel) {}

  final double[][] x;
  final int[] y;
  final List<Block> numeric = new ArrayList<>();
  final List<Block> categorical = new ArrayList<>();

  private DomainFeatures(int n, int width) {
    x = new double[n][width];
    y = new int[n];
  }

  /**
   * Builds the matrix of reference rows {@code r} and current rows {@code c}.
   *
   * @param reference column-major numeric reference values (NaN: missing)
   * @param referenceText column-major categorical reference cells (null: missing)
   */
  static DomainFeatures build(
      List<String> names,
      double[][] reference,
      double[][] current,
      List<String> textNames,
      String[][] referenceText,
      String[][] currentText,
      int[] r,
      int[] c) {
    int d = names.size();
    int n = r.length + c.length;
    List<List<String>> levels = new ArrayList<>();
    List<String[]> cells = new ArrayList<>();
    int width = 2 * d;
    for (int j = 0; j < textNames.size(); j++) {
      String[] v = new String[n];
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String s = i < r.length ? referenceText[j][r[i]] : currentText[j][c[i - r.length]];
        v[i] = s == null ? MISSING : s;
        counts.merge(v[i], 1, Integer::sum);
      }
      List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
      ranked.sort(
          (a, b) ->
              !a.getValue().equals(b.getValue())
                  ? Integer.compare(b.getValue(), a.getValue())
                  : a.getKey().compareTo(b.getKey()));
      List<String> top = new ArrayList<>();
      for (int k = 0; k < Math.min(TOP_CATEGORIES, ranked.size()); k++) {
        top.add(ranked.get(k).getKey());
      }
      if (ranked.size() > TOP_CATEGORIES) {
        top.add(OTHER);
      }
      levels.add(top);
      cells.add(v);
      width += top.size();
    }
    DomainFeatures f = new DomainFeatures(n, width);
    for (int i = r.length; i < n; i++) {
      f.y[i] = 1;
    }
    for (int j = 0; j < d; j++) {
      f.numeric.add(f.standardise(j, d, reference[j], current[j], names.get(j), r, c));
    }
    int at = 2 * d;
    for (int j = 0; j < textNames.size(); j++) {
      f.categorical.add(f.oneHot(at, textNames.get(j), levels.get(j), cells.get(j), r.length));
      at += levels.get(j).size();
    }
    return f;
  }

  private Block standardise(
      int j, int d, double[] reference, double[] current, String name, int[] r, int[] c) {
    int n = y.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i < r.length ? reference[r[i]] : current[c[i - r.length]];
    }
    double mean = 0;
    int count = 0;
    for (double e : v) {
      if (!Double.isNaN(e)) {
        mean += e;
        count++;
      }
    }
    mean = count == 0 ? 0 : mean / count;
    double squares = 0;
    for (double e : v) {
      if (!Double.isNaN(e)) {
        squares += (e - mean) * (e - mean);
      }
    }
    double sd = count == 0 ? 0 : Math.sqrt(squares / count);
    double refSum = 0;
    double curSum = 0;
    for (int i = 0; i < n; i++) {
      double z = Double.isNaN(v[i]) || sd == 0 ? 0 : (v[i] - mean) / sd;
      x[i][j] = z;
      x[i][d + j] = z * z;
      if (i < r.length) {
        refSum += z;
      } else {
        curSum += z;
      }
    }
    return new Block(name, j, List.of(), curSum / c.length - refSum / r.length, null);
  }

  private Block oneHot(int from, String name, List<String> levels, String[] v, int nr) {
    int n = y.length;
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < levels.size(); k++) {
      index.put(levels.get(k), k);
    }
    int other = levels.size() - 1;
    long[] ref = new long[levels.size()];
    long[] cur = new long[levels.size()];
    for (int i = 0; i < n; i++) {
      int k = index.getOrDefault(v[i], other);
      x[i][from + k] = 1;
      if (i < nr) {
        ref[k]++;
      } else {
        cur[k]++;
      }
    }
    double shift = 0;
    String level = levels.get(0);
    for (int k = 0; k < levels.size(); k++) {
      double s = (double) cur[k] / (n - nr) - (double) ref[k] / nr;
      if (Math.abs(s) > Math.abs(shift)) {
        shift = s;
        level = levels.get(k);
      }
    }
    return new Block(name, from, List.copyOf(levels), shift, level);
  }
}
