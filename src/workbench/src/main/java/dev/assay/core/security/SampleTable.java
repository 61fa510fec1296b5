package dev.assay.core.security;

import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;
import dev.assay.core.data.CsvSource;
import dev.assay.core.eval.CellPolicy;
import dev.assay.core.inference.Binding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first rows of a dataset, held in memory as the model's bound columns: numbers as doubles (NaN
 * when missing), text as strings. Also knows each numeric column's spread, range and whether it
 * only holds whole numbers.
 */
final class SampleTable {
  /** Integer columns with at most this many distinct values are treated as categories. */
  static final int MAX_CATEGORY_VALUES = 10;

  final List<String> columns;
  final boolean[] text;
  final double[][] values;
  final String[][] texts;
  final double[] std;
  final double[] min;
  final double[] max;
  final boolean[] integral;
  final boolean[] categorical;

  /** Other columns of the same rows as text (the target, a sensitive attribute), by name. */
  final Map<String, String[]> extra;

  private SampleTable(
      List<String> columns,
      boolean[] text,
      double[][] values,
      String[][] texts,
      Map<String, String[]> extra) {
    this.columns = columns;
    this.text = text;
    this.values = values;
    this.texts = texts;
    this.extra = extra;
    int c = columns.size();
    std = new double[c];
    min = new double[c];
    max = new double[c];
    integral = new boolean[c];
    categorical = new boolean[c];
    for (int j = 0; j < c; j++) {
      describe(j);
    }
  }

  int rows() {
    return values.length;
  }

  /** Reads up to {@code maxRows} rows of {@code csv} for the columns of {@code binding}. */
  static SampleTable read(Path csv, Binding binding, int maxRows) {
    return read(csv, binding, maxRows, List.of(), CellPolicy.LENIENT);
  }

  /**
   * Reads up to {@code maxRows} rows of {@code csv} for the columns of {@code binding}, and the
   * {@code extraColumns} of the same rows as text ({@link #extra}).
   *
   * @param policy what to do with infinite and missing numeric cells
   */
  static SampleTable read(
      Path csv, Binding binding, int maxRows, List<String> extraColumns, CellPolicy policy) {
    List<String> columns = binding.columns();
    boolean[] text = new boolean[columns.size()];
    int k = 0;
    for (Binding.InputBinding input : binding.inputs()) {
      for (int j = 0; j < input.columns().size(); j++) {
        text[k++] = input.elementType().equals("string");
      }
    }
    List<double[]> numbers = new ArrayList<>();
    List<String[]> strings = new ArrayList<>();
    List<String> extraNames = List.copyOf(new LinkedHashSet<>(extraColumns));
    List<String[]> extraCells = new ArrayList<>();
    try (CsvSource source = CsvSource.open(csv)) {
      List<String> header = source.header();
      int[] index = columns.stream().mapToInt(header::indexOf).toArray();
      for (int j = 0; j < index.length; j++) {
        if (index[j] < 0) {
          throw new AssayException("the dataset has no column '" + columns.get(j) + "'");
        }
      }
      int[] extraIndex = extraNames.stream().mapToInt(header::indexOf).toArray();
      for (int j = 0; j < extraIndex.length; j++) {
        if (extraIndex[j] < 0) {
          throw new AssayException("the dataset has no column '" + extraNames.get(j) + "'");
        }
      }
      String[] record;
      while (numbers.size() < maxRows && (record = source.next()) != null) {
        double[] row = new double[index.length];
        String[] words = new String[index.length];
        for (int j = 0; j < index.length; j++) {
          String cell = index[j] < record.length ? record[index[j]] : null;
          if (text[j]) {
            words[j] = cell == null ? "" : cell;
            row[j] = Double.NaN;
          } else {
            row[j] = Cells.parseOrNaN(cell);
            if (policy.refuses(row[j])
                && (cell == null || !Double.isNaN(row[j]) || Cells.isMissing(cell))) {
              policy.check(row[j], source.row(), source.line(), columns.get(j));
            }
          }
        }
        numbers.add(row);
        strings.add(words);
        String[] others = new String[extraIndex.length];
        for (int j = 0; j < extraIndex.length; j++) {
          String cell = extraIndex[j] < record.length ? record[extraIndex[j]] : null;
          others[j] = cell == null ? "" : cell;
        }
        extraCells.add(others);
      }
    }
    if (numbers.isEmpty()) {
      throw new AssayException("the dataset has no rows to test with");
    }
    Map<String, String[]> extra = new LinkedHashMap<>();
    for (int j = 0; j < extraNames.size(); j++) {
      String[] cells = new String[extraCells.size()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = extraCells.get(i)[j];
      }
      extra.put(extraNames.get(j), cells);
    }
    return new SampleTable(
        columns,
        text,
        numbers.toArray(double[][]::new),
        strings.toArray(String[][]::new),
        Map.copyOf(extra));
  }

  private void describe(int j) {
    if (text[j]) {
      return;
    }
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    boolean whole = true;
    Set<Double> distinct = new HashSet<>();
    for (double[] row : values) {
      double v = row[j];
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      n++;
      sum += v;
      sumSq += v * v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      whole &= v == Math.rint(v);
      if (distinct.size() <= MAX_CATEGORY_VALUES) {
        distinct.add(v);
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    std[j] = n < 2 ? 0 : Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
    min[j] = n == 0 ? Double.NEGATIVE_INFINITY : lo;
    max[j] = n == 0 ? Double.POSITIVE_INFINITY : hi;
    integral[j] = n > 0 && whole;
    categorical[j] = integral[j] && distinct.size() <= MAX_CATEGORY_VALUES;
  }

  /** A copy of the numeric values, for perturbing. */
  double[][] copyValues() {
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i].clone();
    }
    return copy;
  }

  /** Rounds {@code value} for a whole-number column. */
  double wholeIfIntegral(int j, double value) {
    return integral[j] && !Double.isNaN(value) ? Math.rint(value) : value;
  }

  /** Puts {@code value} back into the column's domain: whole numbers stay whole, within range. */
  double constrain(int j, double value) {
    if (Double.isNaN(value)) {
      return value;
    }
    double v = integral[j] ? Math.rint(value) : value;
    return Math.min(max[j], Math.max(min[j], v));
  }
}
