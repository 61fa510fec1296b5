package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-hot encoding of a categorical column in {@link Dle}'s design, fixed on the reference rows
 * without looking at the target: a 0/1 indicator for each of the column's {@link #TOP_CATEGORIES}
 * most frequent categories on the reference (count descending, ties by name; a missing cell is the
 * category {@link #MISSING}), then, when the reference has more categories than that, one indicator
 * {@link #OTHER} for all the rest. On any row, a category outside the top ones (a rare one of the
 * reference, or one the reference never had) sets {@link #OTHER} when the column has it, and no
 * indicator otherwise. Indicators are not standardised (scikit-learn's {@code OneHotEncoder}).
 */
public final class DleCategories {
  /** Categories of a column that get their own indicator. */
  public static final int TOP_CATEGORIES = 10;

  /** The indicator of the categories outside the top ones. */
  public static final String OTHER = "(other)";

  /** The category of a missing cell. */
  public static final String MISSING = "(missing)";

  private DleCategories() {}

  /**
   * The indicators' categories in design order, from a column's reference cells (null: missing).
   */
  public static List<String> levels(String[] reference) {
    Map<String, Integer> counts = new HashMap<>();
    for (String s : reference) {
      counts.merge(s == null ? MISSING : s, 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
    ranked.sort(
        (a, b) ->
            !a.getValue().equals(b.getValue())
                ? Integer.compare(b.getValue(), a.getValue())
                : a.getKey().compareTo(b.getKey()));
    List<String> levels = new ArrayList<>();
    for (int k = 0; k < Math.min(TOP_CATEGORIES, ranked.size()); k++) {
      levels.add(ranked.get(k).getKey());
    }
    if (ranked.size() > TOP_CATEGORIES) {
      levels.add(OTHER);
    }
    return List.copyOf(levels);
  }

  /** Per row the index of its indicator among {@code levels}, or -1 for none. */
  static int[] codes(String[] cells, List<String> levels) {
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < levels.size(); k++) {
      index.put(levels.get(k), k);
    }
    int other = levels.indexOf(OTHER);
    int[] out = new int[cells.length];
    for (int i = 0; i < cells.length; i++) {
      out[i] = index.getOrDefault(cells[i] == null ? MISSING : cells[i], other);
    }
    return out;
  }

  /** {@link #codes(String[], List)} per column; an empty array for no categorical column. */
  static int[][] codes(String[][] categories, List<List<String>> levels, int rows) {
    int c = categories == null ? 0 : categories.length;
    if (c != levels.size()) {
      throw new IllegalArgumentException(
          "the loss model has " + levels.size() + " categorical features, not " + c);
    }
    int[][] out = new int[c][];
    for (int j = 0; j < c; j++) {
      if (categories[j].length != rows) {
        throw new IllegalArgumentException("features and predictions differ in row count");
      }
      out[j] = codes(categories[j], levels.get(j));
    }
    return out;
  }

  /** The number of indicator columns. */
  static int width(List<List<String>> levels) {
    int w = 0;
    for (List<String> l : levels) {
      w += l.size();
    }
    return w;
  }
}
