package dev.assay.core.eval;

import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;
import dev.assay.core.data.CsvSource;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.FeatureBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parses the CSV into input batches on its own thread while the caller runs inference on the
 * previous batch, so parsing and inference overlap. Three batches circulate between the two
 * threads; memory stays bounded. Used when a dataset has no usable column cache; it can build one
 * on the way: every record goes to the cache writer, which is published only when the whole CSV was
 * read.
 */
final class BatchReader implements BatchSource {
  private static final int BUFFERS = BatchSource.BUFFERS;
  private static final ParsedBatch END =
      new ParsedBatch(new FeatureBatch(new Binding(List.of()), 1));

  private final CsvSource csv;
  private final List<String> header;
  private final int targetIndex;
  private final int[][] columnIndex;
  private final BlockingQueue<ParsedBatch> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<ParsedBatch> free = new ArrayBlockingQueue<>(BUFFERS);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long bytesRead;
  private volatile RuntimeException failure;
  private final RecordTap tap;

  /** The numbers {@link #fill} parsed from the current record, for the tap; null without one. */
  private final double[] numbers;

  /** Written by the reader thread; read by the caller after {@link #next()} returned null. */
  private long skippedRows;

  private long missingTargets;
  private long missingCells;
  private long nonFiniteCells;
  private final CellPolicy cells;
  private final List<String> notes = new ArrayList<>();

  /**
   * @param csv the CSV after its header; closed with the reader
   * @param tap receives every record when not null (a column cache being built, or a new file's
   *     import); told on the reader thread once the whole CSV has been read, and closed with the
   *     reader
   */
  BatchReader(
      CsvSource csv,
      List<String> header,
      int targetIndex,
      int[][] columnIndex,
      Binding binding,
      int batchSize,
      RecordTap tap,
      CellPolicy cells) {
    this.csv = csv;
    this.cells = cells;
    this.tap = tap;
    this.header = header;
    this.targetIndex = targetIndex;
    this.columnIndex = columnIndex;
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new ParsedBatch(new FeatureBatch(binding, batchSize)));
    }
    if (tap != null) {
      boolean[] numeric = new boolean[header.size()];
      FeatureBatch sample = free.peek().features;
      for (int i = 0; i < columnIndex.length; i++) {
        if (!sample.isText(i)) {
          for (int column : columnIndex[i]) {
            numeric[column] = true;
          }
        }
      }
      tap.numericColumns(numeric);
      this.numbers = new double[header.size()];
    } else {
      this.numbers = null;
    }
    this.thread = new Thread(this::read, "assay-csv-reader");
    this.thread.setDaemon(true);
  }

  @Override
  public void start() {
    thread.start();
  }

  @Override
  public long position() {
    return bytesRead;
  }

  @Override
  public long size() {
    return csv.sizeBytes();
  }

  @Override
  public long skippedRows() {
    return skippedRows;
  }

  @Override
  public long missingTargets() {
    return missingTargets;
  }

  @Override
  public long missingCells() {
    return missingCells;
  }

  @Override
  public long nonFiniteCells() {
    return nonFiniteCells;
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  /** The next full batch, or null at the end; rethrows the reader's failure. */
  @Override
  public ParsedBatch next() {
    try {
      ParsedBatch batch = full.take();
      if (batch == END) {
        thread.join();
        if (failure != null) {
          throw failure;
        }
        return null;
      }
      return batch;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.assay.core.Cancellation.CancelledException();
    }
  }

  /** Hands a processed batch back for reuse. */
  @Override
  public void recycle(ParsedBatch batch) {
    batch.features.clear();
    free.add(batch);
  }

  private void read() {
    try {
      ParsedBatch batch = free.take();
      boolean ended = false;
      while (!stopped) {
        String[] record = csv.next();
        if (record == null) {
          ended = true;
          break;
        }
        if (record.length != header.size()) {
          if (tap != null) {
            tap.record(record, null, csv.row(), csv.line());
          }
          skippedRows++;
          if (notes.size() < 10) {
            notes.add(
                "row "
                    + csv.row()
                    + " (line "
                    + csv.line()
                    + ") has "
                    + record.length
                    + " fields, the header has "
                    + header.size()
                    + "; skipped");
          }
          continue;
        }
        if (targetIndex >= 0 && Cells.isMissing(record[targetIndex])) {
          if (tap != null) {
            tap.record(record, null, csv.row(), csv.line());
          }
          skippedRows++;
          missingTargets++;
          continue;
        }
        fill(batch, record);
        if (tap != null) {
          tap.record(record, numbers, csv.row(), csv.line());
        }
        if (batch.features.isFull()) {
          bytesRead = csv.bytesRead();
          full.put(batch);
          batch = free.take();
        }
      }
      if (ended && tap != null) {
        tap.ended(csv);
      }
      if (batch.features.rows() > 0) {
        full.put(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      full.offer(END);
    }
  }

  private void fill(ParsedBatch batch, String[] record) {
    FeatureBatch features = batch.features;
    int r = features.addRow();
    batch.rowNumbers[r] = csv.row();
    batch.targets[r] = targetIndex >= 0 ? record[targetIndex] : null;
    for (int i = 0; i < columnIndex.length; i++) {
      int[] columns = columnIndex[i];
      boolean text = features.isText(i);
      for (int c = 0; c < columns.length; c++) {
        String cell = record[columns[c]];
        if (text) {
          features.setText(i, r, c, cell);
          continue;
        }
        double value = Cells.parseOrNaN(cell);
        if (numbers != null) {
          numbers[columns[c]] = value;
        }
        if (Double.isNaN(value)) {
          if (!Cells.isMissing(cell)) {
            throw new AssayException(
                "row "
                    + csv.row()
                    + " (line "
                    + csv.line()
                    + "), column '"
                    + header.get(columns[c])
                    + "': '"
                    + cell
                    + "' is not a number");
          }
          missingCells++;
          if (!cells.passMissing()) {
            cells.check(value, csv.row(), csv.line(), header.get(columns[c]));
          }
        } else if (Double.isInfinite(value)) {
          nonFiniteCells++;
          if (!cells.allowNonFinite()) {
            cells.check(value, csv.row(), csv.line(), header.get(columns[c]));
          }
        }
        features.setNumber(i, r, c, value);
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (tap != null && !thread.isAlive()) {
        tap.close();
      }
    } finally {
      csv.close();
    }
  }
}
