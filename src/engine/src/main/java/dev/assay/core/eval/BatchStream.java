package dev.assay.core.eval;

import dev.assay.core.data.DatasetFiles;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.FeatureBatch;
import java.util.List;

/**
 * One streaming pass over a dataset for callers outside this package (comparisons): batches come
 * from the dataset's column cache when it is intact and holds what the binding needs, else from the
 * CSV parsed on a second thread, by the same readers evaluations use, with the same rules for
 * skipped rows, missing targets and bad cells. Each batch returned by {@link #next()} is valid
 * until the next call.
 */
public final class BatchStream implements AutoCloseable {
  private final BatchSource reader;
  private final List<String> openNotes;
  private final Batch view = new Batch();
  private ParsedBatch current;

  private BatchStream(BatchSource reader, List<String> openNotes) {
    this.reader = reader;
    this.openNotes = openNotes;
  }

  /** The dataset of {@code version}, opened once: its columns, then its batches. */
  public static Dataset of(DatasetFiles datasets, DatasetVersion version) {
    return new Dataset(DatasetInput.open(datasets, version));
  }

  /** A dataset about to be streamed. */
  public static final class Dataset {
    private final DatasetInput input;

    private Dataset(DatasetInput input) {
      this.input = input;
    }

    /** The dataset's columns. */
    public List<String> header() {
      return input.header();
    }

    /**
     * Starts reading the dataset.
     *
     * @param target the target column, holding class labels (rows without a value are skipped)
     * @param binding the columns to read into model inputs
     * @param cells what to do with infinite and missing numeric cells
     */
    public BatchStream open(String target, Binding binding, int batchSize, CellPolicy cells) {
      List<String> header = input.header();
      int[][] columnIndex = new int[binding.inputs().size()][];
      for (int i = 0; i < columnIndex.length; i++) {
        columnIndex[i] =
            binding.inputs().get(i).columns().stream().mapToInt(header::indexOf).toArray();
      }
      List<String> notes = new java.util.ArrayList<>();
      BatchSource source =
          input.batches(
              header.indexOf(target), columnIndex, binding, batchSize, false, notes, cells);
      try {
        source.start();
        return new BatchStream(source, notes);
      } catch (RuntimeException e) {
        source.close();
        throw e;
      }
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
    return reader.size();
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

  /**
   * Notes about skipped rows, and about a damaged cache passed over; final once {@link #next()}
   * returned null.
   */
  public List<String> notes() {
    List<String> all = new java.util.ArrayList<>(openNotes);
    all.addAll(reader.notes());
    return all;
  }

  @Override
  public void close() {
    reader.close();
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
