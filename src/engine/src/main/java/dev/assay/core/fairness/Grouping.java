package dev.assay.core.fairness;

import dev.assay.core.AssayException;
import dev.assay.core.inference.ClassLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The groups of one attribute and the group of every data row: a categorical column (groups as
 * written in the data), a binned numeric column, or the Cartesian product of several (only the
 * combinations that occur).
 *
 * @param name the column, or the columns joined by {@code " & "}
 * @param labels group labels in display order
 * @param groupOfRow per data row (index row - 1), the index into {@code labels}
 * @param binning how numeric columns were binned, in words
 */
record Grouping(
    String name,
    List<String> columns,
    List<String> labels,
    int[] groupOfRow,
    List<String> binning) {
  static final String MISSING_LABEL = "(missing)";
  static final String SEPARATOR = " & ";

  /** The groups of one column under {@code settings}. */
  static Grouping of(SensitiveColumns.Column column, FairnessSettings settings) {
    return of(column, settings, null);
  }

  /**
   * The groups of one column whose row {@code i} stands for {@code weights[i]} data rows (null: one
   * each); only quantile bins depend on them.
   */
  static Grouping of(SensitiveColumns.Column column, FairnessSettings settings, long[] weights) {
    List<Double> edges = settings.binEdges().get(column.name());
    boolean manyNumbers =
        column.numeric()
            && (column.overflow() || column.values().size() > settings.maxCategories());
    if (edges != null || manyNumbers) {
      if (!column.numeric()) {
        throw new AssayException(
            "the sensitive column '"
                + column.name()
                + "' has text values (first at data row "
                + column.firstText()
                + "); bins need numbers");
      }
      NumericBins bins =
          edges != null
              ? new NumericBins(edges.stream().mapToDouble(Double::doubleValue).toArray())
              : weights == null
                  ? NumericBins.quantiles(column.numbers(), settings.quantileBins())
                  : NumericBins.quantiles(column.numbers(), weights, settings.quantileBins());
      return binned(column, bins, edges != null);
    }
    if (column.overflow()) {
      throw new AssayException(
          "the sensitive column '"
              + column.name()
              + "' has more than "
              + SensitiveColumns.MAX_DISTINCT
              + " distinct text values; it cannot form groups");
    }
    return categorical(column);
  }

  private static Grouping categorical(SensitiveColumns.Column column) {
    List<String> values = column.values();
    Integer[] order = new Integer[values.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(values::get, ClassLabels.NATURAL));
    int[] rank = new int[values.size()];
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
      labels.add(values.get(order[r]));
    }
    int[] codes = column.codes();
    int[] groups = new int[codes.length];
    int missing = -1;
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] >= 0) {
        groups[i] = rank[codes[i]];
      } else {
        if (missing < 0) {
          missing = labels.size();
          labels.add(MISSING_LABEL);
        }
        groups[i] = missing;
      }
    }
    return new Grouping(column.name(), List.of(column.name()), labels, groups, List.of());
  }

  private static Grouping binned(SensitiveColumns.Column column, NumericBins bins, boolean chosen) {
    double[] numbers = column.numbers();
    int[] groups = new int[numbers.length];
    int[] used = new int[bins.count() + 1];
    for (int i = 0; i < numbers.length; i++) {
      groups[i] = Double.isNaN(numbers[i]) ? bins.count() : bins.bin(numbers[i]);
      used[groups[i]]++;
    }
    // keep the bins that hold rows, in order; missing last
    int[] remap = new int[used.length];
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < used.length; b++) {
      remap[b] = labels.size();
      if (used[b] > 0) {
        labels.add(b == bins.count() ? MISSING_LABEL : bins.label(b));
      }
    }
    for (int i = 0; i < groups.length; i++) {
      groups[i] = remap[groups[i]];
    }
    String how =
        column.name()
            + ": "
            + (chosen ? "bins at the given edges " : "quantile bins at ")
            + Arrays.stream(bins.edges())
                .mapToObj(NumericBins::text)
                .reduce((a, b) -> a + ", " + b)
                .orElse("(none: one value)");
    return new Grouping(column.name(), List.of(column.name()), labels, groups, List.of(how));
  }

  /** The Cartesian product of {@code parts}: the combinations that occur, in order. */
  static Grouping intersection(List<Grouping> parts) {
    int rows = parts.getFirst().groupOfRow().length;
    long[] keys = new long[rows];
    for (int i = 0; i < rows; i++) {
      long key = 0;
      for (Grouping part : parts) {
        key = key * part.labels().size() + part.groupOfRow()[i];
      }
      keys[i] = key;
    }
    long[] distinct = unique(keys);
    List<String> labels = new ArrayList<>();
    for (long key : distinct) {
      String[] names = new String[parts.size()];
      long rest = key;
      for (int p = parts.size() - 1; p >= 0; p--) {
        int size = parts.get(p).labels().size();
        names[p] = parts.get(p).labels().get((int) (rest % size));
        rest /= size;
      }
      labels.add(String.join(SEPARATOR, names));
    }
    int[] groups = new int[rows];
    for (int i = 0; i < rows; i++) {
      groups[i] = Arrays.binarySearch(distinct, keys[i]);
    }
    List<String> columns = parts.stream().flatMap(p -> p.columns().stream()).toList();
    List<String> binning = parts.stream().flatMap(p -> p.binning().stream()).toList();
    return new Grouping(String.join(SEPARATOR, columns), columns, labels, groups, binning);
  }

  private static long[] unique(long[] keys) {
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    int m = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[m - 1]) {
        sorted[m++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, m);
  }
}
