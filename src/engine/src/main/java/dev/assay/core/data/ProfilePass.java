package dev.assay.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One pass of the {@link DatasetProfiler} fed record by record by whoever reads the CSV: an
 * import's own loop, or an evaluation that parses a new file once for both its batches and the
 * import ({@code assay eval --data NEW.csv}). The column statistics and the record sink (the column
 * cache) run on a second thread ({@link ColumnProfilingThread}); the profile is the same whoever
 * feeds it, as long as every record arrives in file order. Not thread-safe: one reading thread
 * calls {@link #record}, {@link #finish} and {@link #close}.
 */
public final class ProfilePass implements AutoCloseable {
  private final List<String> header;
  private final int width;
  private final ColumnAccumulator[] columns;
  private final ColumnProfilingThread accumulation;
  private long rows;
  private long wrongCount;
  private final List<String> wrongExamples = new ArrayList<>();
  private final List<Long> wrongRows = new ArrayList<>();

  /**
   * Starts a pass over a CSV with this header.
   *
   * @param sink receives the header now and every record as read (any width), or null
   */
  public ProfilePass(List<String> header, CsvRecordSink sink) {
    this.header = List.copyOf(header);
    if (sink != null) {
      sink.header(this.header);
    }
    this.width = header.size();
    this.columns = new ColumnAccumulator[width];
    for (int i = 0; i < width; i++) {
      columns[i] =
          new ColumnAccumulator(
              header.get(i), i, DatasetProfiler.DISTINCT_CAP, DatasetProfiler.MAX_EXAMPLE_ROWS);
    }
    this.accumulation = new ColumnProfilingThread(columns, sink);
  }

  /**
   * One record as read, data row {@code row} starting on physical line {@code line}.
   *
   * @return whether it has the header's width (records that do not are reported and left out)
   */
  public boolean record(String[] record, long row, long line) {
    return record(record, null, row, line);
  }

  /**
   * The columns whose cells {@link #record(String[], double[], long, long)} may come with parsed
   * numbers (a mask of the header's width); call once, before the first record.
   */
  public void numericColumns(boolean[] numeric) {
    accumulation.numericColumns(numeric);
  }

  /**
   * One record with the numbers its reader already parsed: {@code numbers[c]} is {@code
   * Cells.parseOrNaN(record[c])} for every column of {@link #numericColumns}, so those cells are
   * not parsed again; {@code numbers} is null when none were parsed, and may be reused by the
   * caller after the call.
   *
   * @return whether it has the header's width (records that do not are reported and left out)
   */
  public boolean record(String[] record, double[] numbers, long row, long line) {
    accumulation.add(record, record.length == width ? numbers : null, row, line);
    if (record.length != width) {
      wrongCount++;
      if (wrongRows.size() < DatasetProfiler.MAX_EXAMPLE_ROWS) {
        wrongRows.add(row);
        wrongExamples.add("row " + row + " (line " + line + ") has " + record.length + " fields");
      }
      return false;
    }
    rows++;
    return true;
  }

  /** Data rows of the header's width so far. */
  public long rows() {
    return rows;
  }

  /** Waits for the second thread and returns the profile of every record passed. */
  public DatasetProfile finish(CsvDialect dialect) {
    accumulation.finish();
    List<DataFinding> findings = new ArrayList<>();
    DatasetProfiler.duplicateNames(header, findings);
    if (wrongCount > 0) {
      findings.add(
          new DataFinding(
              DataSeverity.WARNING,
              "wrong_field_count",
              null,
              String.format(
                  Locale.ROOT,
                  "%d %s a different number of fields than the header (%d) and %s left out: %s%s",
                  wrongCount,
                  wrongCount == 1 ? "row has" : "rows have",
                  width,
                  wrongCount == 1 ? "was" : "were",
                  String.join(", ", wrongExamples),
                  wrongCount > wrongExamples.size() ? ", ..." : ""),
              wrongRows,
              wrongCount));
    }
    List<ColumnProfile> profiles = new ArrayList<>(width);
    for (ColumnAccumulator column : columns) {
      profiles.add(column.profile());
      DatasetProfiler.columnFindings(column, rows, findings);
    }
    findings.sort(Comparator.comparing(DataFinding::severity).reversed());
    return new DatasetProfile(rows, profiles, findings, dialect);
  }

  /** Stops the second thread (after a failure or cancellation of the reading side). */
  @Override
  public void close() {
    accumulation.close();
  }
}
