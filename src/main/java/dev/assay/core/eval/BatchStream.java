package dev.assay.core.eval;

import dev.assay.core.data.CsvSource;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.FeatureBatch;
import java.nio.file.Path;
import java.util.List;

/**
 * One streaming pass over a dataset for callers outside this package (comparisons): the CSV is
 * parsed into batches on a second thread by the same reader evaluations use, with the same rules
 * for skipped rows, missing targets and bad cells. Each batch returned by {@link #next()} is valid
 * until the next call.
 */
public final class BatchStream implements AutoCloseable {
  private final CsvSource csv;
  private final BatchReader reader;
  private final Batch view = new Batch();
  private ParsedBatch current;

  private BatchStream(CsvSource csv, BatchReader reader) {
    this.csv = csv;
    this.reader = reader;
  }

  /**
   * Opens {@code file} and starts parsing.
   *
   * @param header the file's columns
   * @param target the target column (rows without a value are skipped)
   * @param binding the columns to parse into model inputs
   */
  public static BatchStream open(
      Path file, List<String> header, String target, Binding binding, int batchSize) {
    int[][] columnIndex = new int[binding.inputs().size()][];
    for (int i = 0; i < columnIndex.length; i++) {
      columnIndex[i] =
          binding.inputs().get(i).columns().stream().mapToInt(header::indexOf).toArray();
    }
    CsvSource csv = CsvSource.open(file);
    try {
      BatchReader reader =
          new BatchReader(
              csv,
              header,
              header.indexOf(target),
              columnIndex,
              binding,
              batchSize,
              null,
              unused -> {});
      reader.start();
      return new BatchStream(csv, reader);
    } catch (RuntimeException e) {
      csv.close();
      throw e;
    }
  }

  /** The next batch, or null at the end; hands the previous batch back for reuse. */
  public Batch next() {
    if (current != null) {
      reader.recycle(current);
      current = null;
    }
    current = reader.next();
    if (current == null) {
      return null;
    }
    view.parsed = current;
    return view;
  }

  public long bytesRead() {
    return reader.position();
  }

  public long sizeBytes() {
    return csv.sizeBytes();
  }

  /** Rows skipped (wrong field count or no target); final once {@link #next()} returned null. */
  public long skippedRows() {
    return reader.skippedRows();
  }

  /** Rows skipped for a missing target; final once {@link #next()} returned null. */
  public long missingTargets() {
    return reader.missingTargets();
  }

  /** Missing feature cells passed on as NaN; final once {@link #next()} returned null. */
  public long missingCells() {
    return reader.missingCells();
  }

  /** Notes about skipped rows; final once {@link #next()} returned null. */
  public List<String> notes() {
    return List.copyOf(reader.notes());
  }

  @Override
  public void close() {
    try {
      reader.close();
    } finally {
      csv.close();
    }
  }

  /** A view of one parsed batch. */
  public static final class Batch {
    private ParsedBatch parsed;

    private Batch() {}

    public FeatureBatch features() {
      return parsed.features;
    }

    public int rows() {
      return parsed.features.rows();
    }

    /** The data-row number (1-based, as in messages and predictions) of row {@code i}. */
    public long rowNumber(int i) {
      return parsed.rowNumbers[i];
    }

    /** The target cell of row {@code i}. */
    public String target(int i) {
      return parsed.targets[i];
    }
  }
}
