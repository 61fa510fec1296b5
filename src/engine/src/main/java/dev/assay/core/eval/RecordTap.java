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

  /** The whole CSV has been read (not called after a failure or cancellation). */
  void ended(CsvSource csv);

  /** Releases what the tap holds; called whether or not it {@link #ended}. */
  @Override
  void close();
}
