package dev.assay.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One column's running statistics for {@link DatasetProfiler}: counts, Welford mean and variance
 * over the finite numbers, and value counts up to a cap. Memory is bounded by the distinct cap and
 * the example-row cap.
 */
final class ColumnAccumulator {

  private final String name;
  private final int index;
  private final int distinctCap;
  private final int exampleCap;

  private long values;
  private long missing;
  private long numeric;
  private long infinite;
  private long finite;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private final Map<Object, ValueCount> counts = new LinkedHashMap<>();
  private boolean distinctCapped;
  private final List<Long> missingRows = new ArrayList<>();
  private final List<Long> textRows = new ArrayList<>();
  private final List<String> textExamples = new ArrayList<>();
  private final List<Long> infiniteRows = new ArrayList<>();

  /** The first spelling of a value and how often it occurs. */
  private static final class ValueCount {
    final String text;
    long count;

    ValueCount(String text) {
      this.text = text;
    }
  }

  ColumnAccumulator(String name, int index, int distinctCap, int exampleCap) {
    this.name = name;
    this.index = index;
    this.distinctCap = distinctCap;
    this.exampleCap = exampleCap;
  }

  String name() {
    return name;
  }

  /** Adds one cell of data row {@code row}. */
  void add(String cell, long row) {
    values++;
    if (Cells.isMissing(cell)) {
      missing++;
      example(missingRows, row);
      return;
    }
    double value = Cells.parseOrNaN(cell);
    Object key;
    if (Double.isNaN(value)) {
      key = cell.strip();
      if (textRows.size() < exampleCap) {
        textRows.add(row);
        textExamples.add((String) key);
      }
    } else {
      numeric++;
      key = value == 0.0 ? 0.0 : value; // -0.0 and 0.0 are one value
      if (Double.isInfinite(value)) {
        infinite++;
        example(infiniteRows, row);
      } else {
        finite++;
        double delta = value - mean;
        mean += delta / finite;
        m2 += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    ValueCount count = counts.get(key);
    if (count == null) {
      if (counts.size() >= distinctCap) {
        distinctCapped = true;
        return;
      }
      count = new ValueCount(key instanceof String s ? s : cell.strip());
      counts.put(key, count);
    }
    count.count++;
  }

  private void example(List<Long> rows, long row) {
    if (rows.size() < exampleCap) {
      rows.add(row);
    }
  }

  ColumnType type() {
    long present = values - missing;
    if (present == 0) {
      return ColumnType.EMPTY;
    }
    return numeric * 10 >= present * 9 ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
  }

  long values() {
    return values;
  }

  long missing() {
    return missing;
  }

  long nonNumeric() {
    return values - missing - numeric;
  }

  long infinite() {
    return infinite;
  }

  long distinct() {
    return counts.size();
  }

  boolean distinctCapped() {
    return distinctCapped;
  }

  List<Long> missingRows() {
    return missingRows;
  }

  List<Long> textRows() {
    return textRows;
  }

  List<String> textExamples() {
    return textExamples;
  }

  List<Long> infiniteRows() {
    return infiniteRows;
  }

  /** The only value of a constant column as written, when there is exactly one. */
  String onlyValue() {
    return counts.size() == 1 ? counts.values().iterator().next().text : null;
  }

  ColumnProfile profile() {
    ColumnType type = type();
    boolean numericType = type == ColumnType.NUMERIC && finite > 0;
    List<CategoryCount> top = List.of();
    if (type == ColumnType.CATEGORICAL) {
      top =
          counts.values().stream()
              .sorted(Comparator.comparingLong((ValueCount v) -> v.count).reversed())
              .limit(10)
              .map(v -> new CategoryCount(v.text, v.count))
              .toList();
    }
    return new ColumnProfile(
        name,
        index,
        type,
        missing,
        nonNumeric(),
        infinite,
        numericType ? min : null,
        numericType ? max : null,
        numericType ? mean : null,
        numericType && finite > 1 ? Math.sqrt(m2 / (finite - 1)) : null,
        counts.size(),
        distinctCapped,
        top);
  }
}
