package dev.assay.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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

  /** Text values by their stripped spelling. */
  private final Map<String, ValueCount> texts = new HashMap<>();

  /** Numeric values by their bits (the equality of {@link Double#equals}), without boxing. */
  private final NumberCounts numbers = new NumberCounts();

  /** Distinct values so far, text and numeric; also each value's first-seen order. */
  private int distinct;

  private boolean distinctCapped;
  private final List<Long> missingRows = new ArrayList<>();
  private final List<Long> textRows = new ArrayList<>();
  private final List<String> textExamples = new ArrayList<>();
  private final List<Long> infiniteRows = new ArrayList<>();

  /** The first spelling of a value, when it was first seen and how often it occurs. */
  private static final class ValueCount {
    final String text;
    final int order;
    long count;

    ValueCount(String text, int order) {
      this.text = text;
      this.order = order;
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
    if (Double.isNaN(value)) {
      addText(cell, row);
      return;
    }
    addNumber(cell, value, row);
  }

  /**
   * Adds one cell of data row {@code row} whose {@code Cells.parseOrNaN} its reader already
   * computed ({@code parsed}): the same as {@link #add(String, long)} without parsing it again.
   */
  void add(String cell, double parsed, long row) {
    if (Double.isNaN(parsed)) {
      add(cell, row); // missing or text: rare in a column parsed as numbers
      return;
    }
    values++; // a cell that parses to a number is never missing (Cells.isMissing)
    addNumber(cell, parsed, row);
  }

  private void addText(String cell, long row) {
    String key = cell.strip();
    if (textRows.size() < exampleCap) {
      textRows.add(row);
      textExamples.add(key);
    }
    ValueCount count = texts.get(key);
    if (count == null) {
      if (distinct >= distinctCap) {
        distinctCapped = true;
        return;
      }
      count = new ValueCount(key, distinct++);
      texts.put(key, count);
    }
    count.count++;
  }

  private void addNumber(String cell, double value, long row) {
    numeric++;
    long key = Double.doubleToLongBits(value == 0.0 ? 0.0 : value); // -0.0 and 0.0 are one value
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
    if (!numbers.increment(key)) {
      if (distinct >= distinctCap) {
        distinctCapped = true;
        return;
      }
      numbers.insert(key, cell.strip(), distinct++);
    }
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
    return distinct;
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
    if (distinct != 1) {
      return null;
    }
    return texts.isEmpty() ? numbers.text(0) : texts.values().iterator().next().text;
  }

  ColumnProfile profile() {
    ColumnType type = type();
    boolean numericType = type == ColumnType.NUMERIC && finite > 0;
    List<CategoryCount> top = List.of();
    if (type == ColumnType.CATEGORICAL) {
      top =
          valueCounts().stream()
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
        distinct,
        distinctCapped,
        top);
  }

  /** Every counted value in first-seen order (the order ties keep in the top list). */
  private List<ValueCount> valueCounts() {
    ValueCount[] all = new ValueCount[distinct];
    for (ValueCount text : texts.values()) {
      all[text.order] = text;
    }
    for (int i = 0; i < numbers.size; i++) {
      all[numbers.orders[i]] = new ValueCount(numbers.texts[i], numbers.orders[i]);
      all[numbers.orders[i]].count = numbers.counts[i];
    }
    return Arrays.asList(all);
  }

  /**
   * Counts of numeric values keyed by their bits: an open-addressing table of indexes into dense
   * arrays, growing to stay at most half full.
   */
  private static final class NumberCounts {
    private int[] slots = new int[16]; // entry index + 1; 0 is free
    private long[] keys = new long[8];
    private long[] counts = new long[8];
    private String[] texts = new String[8];
    private int[] orders = new int[8];
    private int size;

    /** Counts one more of {@code bits}; false when the value has not been seen. */
    boolean increment(long bits) {
      int mask = slots.length - 1;
      for (int slot = hash(bits) & mask; ; slot = (slot + 1) & mask) {
        int entry = slots[slot];
        if (entry == 0) {
          return false;
        }
        if (keys[entry - 1] == bits) {
          counts[entry - 1]++;
          return true;
        }
      }
    }

    /** Adds a value not yet present, counted once. */
    void insert(long bits, String text, int order) {
      if (size == keys.length) {
        int capacity = size * 2;
        keys = Arrays.copyOf(keys, capacity);
        counts = Arrays.copyOf(counts, capacity);
        texts = Arrays.copyOf(texts, capacity);
        orders = Arrays.copyOf(orders, capacity);
      }
      keys[size] = bits;
      counts[size] = 1;
      texts[size] = text;
      orders[size] = order;
      size++;
      if (size * 2 > slots.length) {
        slots = new int[slots.length * 2];
        for (int i = 0; i < size; i++) {
          place(i);
        }
      } else {
        place(size - 1);
      }
    }

    String text(int entry) {
      return texts[entry];
    }

    private void place(int entry) {
      int mask = slots.length - 1;
      int slot = hash(keys[entry]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = entry + 1;
    }

    private static int hash(long bits) {
      long h = bits * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }
}
