package dev.assay.core.eval;

import dev.assay.core.data.CsvSource;

/**
 * Work done on every record of a CSV in the same pass as an evaluation's batches, on the reading
 * thread of a {@link BatchReader}: a column cache being built for a dataset that has none, or the
 * whole import (profile, column cache) of a new file ({@link ImportingInput}).
 */
interface RecordTap extends AutoCloseable {

  /** One record as read (any width), data row {@code row} starting on line {@code line}. */
  void record(String[] record, long row, long line);

  /**
   * The columns whose cells the reader parses as numbers for every record it scores (a mask of the
   * header's width), told once before the first record.
   */
  default void numericColumns(boolean[] numeric) {}

  /**
   * One record as read with the numbers the reader parsed from it: for a record it scores, {@code
   * numbers[c]} is {@code Cells.parseOrNaN(record[c])} for every column {@code c} of {@link
   * #numericColumns}; null for a record it does not score. The array is reused after the call.
   */
  default void record(String[] record, double[] numbers, long row, long line) {
    record(record, row, line);
  }

  /** The whole CSV has been read (not called after a failure or cancellation). */
  void ended(CsvSource csv);

  /** Releases what the tap holds; called whether or not it {@link #ended}. */
  @Override
  void close();
}
