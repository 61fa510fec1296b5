package dev.assay.core.data;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Profiles a CSV dataset in one pass with bounded memory: per-column type, missing values, numeric
 * statistics or top categories, and data-quality findings (missing values, non-numeric cells in
 * numeric columns, rows with the wrong number of fields, duplicate column names, constant and empty
 * columns, infinite values).
 *
 * <p>Rows whose field count differs from the header are reported and left out of the profile. The
 * record sink (an import's column cache) and the column statistics are fed on a second thread
 * ({@link ColumnProfilingThread}) while this one decompresses and parses the file.
 */
public final class DatasetProfiler {

  /** Distinct values counted per column; beyond it the count is a lower bound. */
  public static final int DISTINCT_CAP = 10_000;

  /** Example row numbers kept per finding. */
  public static final int MAX_EXAMPLE_ROWS = 20;

  /** A column with at least this share of missing values gets a WARNING rather than INFO. */
  static final double MISSING_WARNING_SHARE = 0.10;

  private static final int CHECK_EVERY_ROWS = 4096;

  private DatasetProfiler() {}

  /**
   * Profiles a CSV file.
   *
   * @param progress receives bytes read of the file size on disk
   * @param cancellation polled every few thousand rows
   * @throws dev.assay.core.AssayException when the file cannot be read as CSV
   * @throws Cancellation.CancelledException when cancelled
   */
  public static DatasetProfile profile(Path file, Progress progress, Cancellation cancellation) {
    return profile(file, progress, cancellation, null);
  }

  /**
   * Profiles a CSV file and passes every record to {@code sink} in the same pass.
   *
   * @param sink receives the header and every record as read, or null
   * @see #profile(Path, Progress, Cancellation)
   */
  public static DatasetProfile profile(
      Path file, Progress progress, Cancellation cancellation, CsvRecordSink sink) {
    try (CsvSource source = CsvSource.open(file);
        ProfilePass pass = new ProfilePass(source.header(), sink)) {
      String label = "Profiling " + file.getFileName();
      progress.update(0, source.sizeBytes(), label);
      String[] record;
      while ((record = source.next()) != null) {
        long row = source.row();
        if (pass.record(record, row, source.line()) && row % CHECK_EVERY_ROWS == 0) {
          cancellation.throwIfCancelled();
          progress.update(source.bytesRead(), source.sizeBytes(), label);
        }
      }
      DatasetProfile profile = pass.finish(source.dialect());
      progress.update(source.sizeBytes(), source.sizeBytes(), label);
      return profile;
    }
  }

  static void duplicateNames(List<String> header, List<DataFinding> findings) {
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      positions.computeIfAbsent(header.get(i), k -> new ArrayList<>()).add(i + 1);
    }
    positions.forEach(
        (name, at) -> {
          if (at.size() > 1) {
            findings.add(
                new DataFinding(
                    DataSeverity.ERROR,
                    "duplicate_column",
                    name,
                    String.format(
                        Locale.ROOT,
                        "column name '%s' appears %d times (columns %s); rename them so each"
                            + " column can be told apart",
                        name,
                        at.size(),
                        join(at)),
                    List.of(),
                    at.size()));
          }
        });
  }

  static void columnFindings(ColumnAccumulator column, long rows, List<DataFinding> out) {
    String name = column.name();
    ColumnType type = column.type();
    if (rows == 0) {
      return;
    }
    if (type == ColumnType.EMPTY) {
      out.add(
          new DataFinding(
              DataSeverity.WARNING,
              "empty_column",
              name,
              String.format(
                  Locale.ROOT, "column '%s' is empty: all %d values are missing", name, rows),
              List.of(),
              rows));
      return;
    }
    long missing = column.missing();
    if (missing > 0) {
      double share = (double) missing / rows;
      out.add(
          new DataFinding(
              share >= MISSING_WARNING_SHARE ? DataSeverity.WARNING : DataSeverity.INFO,
              "missing_values",
              name,
              String.format(
                  Locale.ROOT,
                  "column '%s': %d of %d values missing (%.1f%%)",
                  name,
                  missing,
                  rows,
                  100 * share),
              column.missingRows(),
              missing));
    }
    if (type == ColumnType.NUMERIC && column.nonNumeric() > 0) {
      long count = column.nonNumeric();
      out.add(
          new DataFinding(
              DataSeverity.WARNING,
              "non_numeric",
              name,
              String.format(
                  Locale.ROOT,
                  "column '%s' is numeric but %d %s not a number (treated as missing): %s",
                  name,
                  count,
                  count == 1 ? "value is" : "values are",
                  examples(column.textRows(), column.textExamples(), count)),
              column.textRows(),
              count));
    }
    if (type == ColumnType.NUMERIC && column.infinite() > 0) {
      long count = column.infinite();
      out.add(
          new DataFinding(
              DataSeverity.WARNING,
              "infinite_values",
              name,
              String.format(
                  Locale.ROOT,
                  "column '%s': %d infinite %s (rows %s%s); they are left out of min, max and"
                      + " mean",
                  name,
                  count,
                  count == 1 ? "value" : "values",
                  join(column.infiniteRows()),
                  count > column.infiniteRows().size() ? ", ..." : ""),
              column.infiniteRows(),
              count));
    }
    String only = column.onlyValue();
    if (only != null && !column.distinctCapped() && rows > 1) {
      out.add(
          new DataFinding(
              DataSeverity.WARNING,
              "constant_column",
              name,
              String.format(
                  Locale.ROOT,
                  "column '%s' is constant: every present value is '%s'; it carries no"
                      + " information",
                  name,
                  only),
              List.of(),
              column.values() - missing));
    }
  }

  private static String examples(List<Long> rows, List<String> values, long total) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < rows.size() && i < 5; i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append("row ").append(rows.get(i)).append(" '").append(values.get(i)).append('\'');
    }
    if (total > Math.min(rows.size(), 5)) {
      text.append(", ...");
    }
    return text.toString();
  }

  private static String join(List<? extends Number> numbers) {
    StringBuilder text = new StringBuilder();
    for (Number n : numbers) {
      if (!text.isEmpty()) {
        text.append(", ");
      }
      text.append(n);
    }
    return text.toString();
  }
}
