package dev.assay.core.fairness;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.data.Cells;
import dev.assay.core.data.CsvSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sensitive columns of a dataset, read in one pass and kept by 1-based data-row number, so that
 * stored predictions (which carry their data-row numbers) can be joined with them. Values are kept
 * as written (a dictionary of distinct texts) and, where they parse, as numbers.
 */
final class SensitiveColumns {
  /** Distinct texts kept per column; a numeric column with more is only kept as numbers. */
  static final int MAX_DISTINCT = 1000;

  /** Code of a missing cell. */
  static final int MISSING = -1;

  /** Code of a value beyond {@link #MAX_DISTINCT} distinct texts. */
  static final int UNCOUNTED = -2;

  private final int rows;
  private final Map<String, Column> columns;

  private SensitiveColumns(int rows, Map<String, Column> columns) {
    this.rows = rows;
    this.columns = columns;
  }

  /**
   * One column.
   *
   * @param values distinct texts in first-seen order
   * @param codes per data row (index row - 1): index into {@code values}, {@link #MISSING} or
   *     {@link #UNCOUNTED}
   * @param numbers per data row: the value as a number, NaN when missing or not a number
   * @param firstText the first data row whose value is not a number (0 when all are numbers)
   */
  record Column(
      String name,
      List<String> values,
      int[] codes,
      double[] numbers,
      long firstText,
      boolean overflow) {
    boolean numeric() {
      return firstText == 0;
    }
  }

  /**
   * Reads {@code names} from {@code csv}.
   *
   * @throws AssayException when a column is missing, naming the dataset and its columns
   */
  static SensitiveColumns read(
      Path csv, String datasetRef, List<String> names, Cancellation cancel) {
    try (CsvSource source = CsvSource.open(csv)) {
      List<String> header = source.header();
      int[] index = new int[names.size()];
      for (int c = 0; c < names.size(); c++) {
        index[c] = header.indexOf(names.get(c));
        if (index[c] < 0) {
          throw new AssayException(
              "the dataset "
                  + datasetRef
                  + " has no column '"
                  + names.get(c)
                  + "'; columns: "
                  + String.join(", ", header));
        }
      }
      Builder[] builders = new Builder[names.size()];
      for (int c = 0; c < builders.length; c++) {
        builders[c] = new Builder(names.get(c));
      }
      String[] record;
      int row = 0;
      while ((record = source.next()) != null) {
        row = Math.toIntExact(source.row());
        for (int c = 0; c < builders.length; c++) {
          builders[c].add(row, index[c] < record.length ? record[index[c]] : null);
        }
        if ((row & 0xFFFF) == 0) {
          cancel.throwIfCancelled();
        }
      }
      Map<String, Column> columns = new HashMap<>();
      for (Builder b : builders) {
        columns.put(b.name, b.build(row));
      }
      return new SensitiveColumns(row, columns);
    }
  }

  /**
   * The columns of rows given as texts (null or a missing-value text: missing), numbered from 1 in
   * the given order, as {@link #read} keeps them.
   */
  static SensitiveColumns of(List<String> names, List<? extends List<String>> rows) {
    Builder[] builders = new Builder[names.size()];
    for (int c = 0; c < builders.length; c++) {
      builders[c] = new Builder(names.get(c));
    }
    int row = 0;
    for (List<String> texts : rows) {
      row++;
      for (int c = 0; c < builders.length; c++) {
        builders[c].add(row, texts.get(c));
      }
    }
    Map<String, Column> columns = new HashMap<>();
    for (Builder b : builders) {
      columns.put(b.name, b.build(row));
    }
    return new SensitiveColumns(row, columns);
  }

  /** Data rows read. */
  int rows() {
    return rows;
  }

  Column column(String name) {
    return columns.get(name);
  }

  private static final class Builder {
    final String name;
    final List<String> values = new ArrayList<>();
    final Map<String, Integer> dictionary = new HashMap<>();
    int[] codes = new int[1024];
    double[] numbers = new double[1024];
    long firstText;
    boolean overflow;

    Builder(String name) {
      this.name = name;
    }

    void add(int row, String cell) {
      int i = row - 1;
      if (i >= codes.length) {
        int size = Math.max(codes.length * 2, row);
        codes = Arrays.copyOf(codes, size);
        numbers = Arrays.copyOf(numbers, size);
      }
      if (cell == null || Cells.isMissing(cell)) {
        codes[i] = MISSING;
        numbers[i] = Double.NaN;
        return;
      }
      double number = Cells.parseOrNaN(cell);
      numbers[i] = number;
      if (Double.isNaN(number) && firstText == 0) {
        firstText = row;
      }
      Integer code = dictionary.get(cell);
      if (code == null) {
        if (values.size() >= MAX_DISTINCT) {
          overflow = true;
          codes[i] = UNCOUNTED;
          return;
        }
        code = values.size();
        values.add(cell);
        dictionary.put(cell, code);
      }
      codes[i] = code;
    }

    Column build(int rows) {
      return new Column(
          name,
          List.copyOf(values),
          Arrays.copyOf(codes, rows),
          Arrays.copyOf(numbers, rows),
          firstText,
          overflow);
    }
  }
}
