package dev.assay.core.eval;

import java.util.List;

/**
 * Where an evaluation's input batches come from: the CSV ({@link BatchReader}) or the dataset's
 * column cache ({@link CachedBatchReader}). Both skip the same rows (wrong field count, missing
 * target), count the same things and fail with the same messages.
 */
interface BatchSource extends AutoCloseable {

  /** Batches scored at once at most (one per core, up to this many). */
  int MAX_IN_FLIGHT = 4;

  /**
   * Batches a source keeps: one being filled, the others in flight (scored at once on several
   * cores, plus one queued for the next free core, see {@code EvaluationRunner}) or waiting.
   */
  int BUFFERS = MAX_IN_FLIGHT + 3;

  /** Starts reading (a background thread for sources that have one). */
  void start();

  /**
   * The next batch, or null at the end.
   *
   * @throws dev.assay.core.AssayException for a cell that cannot be read, naming row and column
   */
  ParsedBatch next();

  /** Hands a processed batch back for reuse; call it before the next {@link #next()}. */
  void recycle(ParsedBatch batch);

  /** How far reading has come, in units of {@link #size()}, for progress. */
  long position();

  /** The size of what is read (bytes of the file), for progress. */
  long size();

  /** Rows skipped: wrong field count or missing target. Valid once {@link #next()} gave null. */
  long skippedRows();

  /** Rows skipped because their target is missing. */
  long missingTargets();

  /** Missing cells of numeric inputs passed to the model as NaN. */
  long missingCells();

  /** Infinite cells of numeric inputs passed to the model (see {@link CellPolicy}). */
  long nonFiniteCells();

  /** Messages about skipped rows (the first ten with a wrong field count). */
  List<String> notes();

  @Override
  void close();
}
