package dev.assay.core.eval;

import dev.assay.core.AssayException;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnChunk;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.FeatureBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Fills input batches from a dataset's {@link ColumnCache} instead of parsing the CSV: per row
 * group it decodes the target and the bound columns once, then copies whole column runs into the
 * batch buffers. It skips, counts and refuses exactly what {@link BatchReader} does (rows with a
 * wrong field count or a missing target; missing numeric cells; text in a numeric input, named by
 * row, line and column). It decodes on a thread of its own, up to two batches ahead of the one
 * being scored; nothing is allocated per row except for raw-string chunks of text inputs.
 */
final class CachedBatchReader implements BatchSource {
  private static final int BUFFERS = BatchSource.BUFFERS;

  private static final ParsedBatch END =
      new ParsedBatch(new FeatureBatch(new Binding(List.of()), 1));

  private final ColumnCache cache;
  private final List<String> header;
  private final int targetIndex;
  private final int[][] columnIndex;
  private final boolean[] textInput;
  private final boolean targetText;
  private final BlockingQueue<ParsedBatch> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<ParsedBatch> free = new ArrayBlockingQueue<>(BUFFERS);
  private Thread thread;
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  /** The batch being filled (reader thread only). */
  private ParsedBatch batch;

  private final ColumnChunk target = new ColumnChunk();
  private final ColumnChunk[][] chunks;
  private final double[][][] values;
  private final List<String> notes = new ArrayList<>();
  private ColumnCache.Group group;
  private int[] kept = new int[0];
  private int[] entryIds = new int[0];
  private int keptCount;
  private int keptAt;
  private int nextGroup;
  private volatile long position;

  /** Written by the reader thread; read by the caller after {@link #next()} returned null. */
  private long missingTargets;

  private long missingCells;
  private long nonFiniteCells;
  private final CellPolicy cells;

  /**
   * @param regression whether targets are numbers (regression) or class labels
   */
  CachedBatchReader(
      ColumnCache cache,
      int targetIndex,
      int[][] columnIndex,
      Binding binding,
      int batchSize,
      boolean regression,
      CellPolicy cells) {
    this.cache = cache;
    this.cells = cells;
    this.header = cache.header();
    this.targetIndex = targetIndex;
    this.columnIndex = columnIndex;
    this.targetText = !cache.hasNumberChunks(targetIndex);
    ParsedBatch first =
        new ParsedBatch(new FeatureBatch(binding, batchSize), regression, targetText);
    free.add(first);
    for (int i = 1; i < BUFFERS; i++) {
      free.add(
          targetText
              ? new ParsedBatch(new FeatureBatch(binding, batchSize), regression, first)
              : new ParsedBatch(new FeatureBatch(binding, batchSize), regression, false));
    }
    this.batch = first;
    this.textInput = new boolean[columnIndex.length];
    this.chunks = new ColumnChunk[columnIndex.length][];
    this.values = new double[columnIndex.length][][];
    for (int i = 0; i < columnIndex.length; i++) {
      textInput[i] = batch.features.isText(i);
      chunks[i] = new ColumnChunk[columnIndex[i].length];
      values[i] = new double[columnIndex[i].length][];
      for (int c = 0; c < chunks[i].length; c++) {
        chunks[i][c] = new ColumnChunk();
        values[i][c] = new double[0];
      }
    }
    for (ColumnCache.WrongFieldRow row : cache.wrongFieldExamples()) {
      notes.add(
          "row "
              + row.row()
              + " (line "
              + row.line()
              + ") has "
              + row.fields()
              + " fields, the header has "
              + header.size()
              + "; skipped");
    }
  }

  /**
   * Whether the cache holds what this evaluation reads exactly: text inputs and class-label targets
   * need each cell's spelling, which float64 chunks do not keep (the CSV is read then).
   */
  static boolean canServe(
      ColumnCache cache,
      Binding binding,
      int[][] columnIndex,
      int targetIndex,
      boolean regression) {
    if (!regression && cache.hasNumberChunks(targetIndex)) {
      return false;
    }
    for (int i = 0; i < columnIndex.length; i++) {
      if ("string".equals(binding.inputs().get(i).elementType())) {
        for (int column : columnIndex[i]) {
          if (cache.hasNumberChunks(column)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Starts the reader thread, which decodes the next batches while the current one is scored. */
  @Override
  public void start() {
    thread = Thread.ofPlatform().name("assay-cache-reader").daemon().unstarted(this::read);
    thread.start();
  }

  /** The next full batch, or null at the end; rethrows the reader's failure. */
  @Override
  public ParsedBatch next() {
    try {
      ParsedBatch next = full.take();
      if (next == END) {
        full.offer(END); // later calls see the end too
        thread.join();
        if (failure != null) {
          throw failure;
        }
        return null;
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.assay.core.Cancellation.CancelledException();
    }
  }

  private void read() {
    try {
      while (!stopped) {
        batch = free.take();
        if (!fillBatch()) {
          break;
        }
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

  /** Fills {@link #batch} with the next rows; false when there were none left. */
  private boolean fillBatch() {
    FeatureBatch features = batch.features;
    features.clear();
    while (!features.isFull()) {
      if (keptAt == keptCount) {
        if (!loadGroup()) {
          break;
        }
        continue;
      }
      int take = Math.min(features.capacity() - features.rows(), keptCount - keptAt);
      fill(features.addRows(take), take);
      keptAt += take;
    }
    return features.rows() > 0;
  }

  private void fill(int first, int take) {
    FeatureBatch features = batch.features;
    for (int k = 0; k < take; k++) {
      int r = kept[keptAt + k];
      batch.rowNumbers[first + k] = group.row(r);
      if (targetText) {
        batch.targets[first + k] = target.text(r);
        batch.targetIds[first + k] = targetId(r);
      }
      if (batch.hasTargetNumbers) {
        batch.targetNumbers[first + k] = target.number(r);
      }
    }
    for (int i = 0; i < columnIndex.length; i++) {
      if (textInput[i]) {
        for (int c = 0; c < columnIndex[i].length; c++) {
          ColumnChunk chunk = chunks[i][c];
          for (int k = 0; k < take; k++) {
            features.setText(i, first + k, c, chunk.text(kept[keptAt + k]));
          }
        }
      } else {
        features.setRows(i, first, values[i], kept, keptAt, take);
      }
    }
  }

  /** The evaluation-wide id of row {@code r}'s target spelling. */
  private int targetId(int r) {
    return target.kind() == ColumnChunk.Kind.DICTIONARY
        ? entryIds[target.code(r)]
        : batch.idOf(target.text(r));
  }

  /** Decodes the next row group; false at the end. */
  private boolean loadGroup() {
    if (nextGroup == cache.groupCount()) {
      return false;
    }
    group = cache.group(nextGroup);
    position = cache.groupEnd(nextGroup);
    nextGroup++;
    int rows = group.rows();
    if (kept.length < rows) {
      kept = new int[rows];
    }
    group.column(targetIndex, target);
    if (targetText && target.kind() == ColumnChunk.Kind.DICTIONARY) {
      if (entryIds.length < target.entries()) {
        entryIds = new int[target.entries()];
      }
      for (int e = 0; e < target.entries(); e++) {
        entryIds[e] = batch.idOf(target.entry(e));
      }
    }
    keptCount = 0;
    for (int r = 0; r < rows; r++) {
      if (!target.isMissing(r)) {
        kept[keptCount++] = r;
      }
    }
    keptAt = 0;
    missingTargets += rows - keptCount;
    int errorAt = Integer.MAX_VALUE;
    int errorInput = -1;
    int errorColumn = -1;
    for (int i = 0; i < columnIndex.length; i++) {
      for (int c = 0; c < columnIndex[i].length; c++) {
        ColumnChunk chunk = group.column(columnIndex[i][c], chunks[i][c]);
        if (textInput[i]) {
          continue;
        }
        if (values[i][c].length < rows) {
          values[i][c] = new double[rows];
        }
        double[] numbers = values[i][c];
        chunk.numbers(numbers);
        for (int k = 0; k < keptCount; k++) {
          int r = kept[k];
          double value = numbers[r];
          if (!Double.isFinite(value)) {
            boolean text = Double.isNaN(value) && chunk.isText(r);
            if (!text) {
              if (Double.isNaN(value)) {
                missingCells++;
              } else {
                nonFiniteCells++;
              }
            }
            if (text || cells.refuses(value)) {
              if (k < errorAt) {
                errorAt = k;
                errorInput = i;
                errorColumn = c;
              }
              break;
            }
          }
        }
      }
    }
    if (errorInput >= 0) {
      int r = kept[errorAt];
      ColumnChunk chunk = chunks[errorInput][errorColumn];
      double value = values[errorInput][errorColumn][r];
      if (!chunk.isText(r)) {
        cells.check(
            value, group.row(r), group.line(r), header.get(columnIndex[errorInput][errorColumn]));
      }
      throw new AssayException(
          "row "
              + group.row(r)
              + " (line "
              + group.line(r)
              + "), column '"
              + header.get(columnIndex[errorInput][errorColumn])
              + "': '"
              + chunks[errorInput][errorColumn].text(r)
              + "' is not a number");
    }
    return true;
  }

  @Override
  public void recycle(ParsedBatch parsed) {
    parsed.features.clear();
    free.add(parsed);
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long size() {
    return cache.sizeBytes();
  }

  @Override
  public long skippedRows() {
    return cache.wrongFieldRows() + missingTargets;
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

  @Override
  public void close() {
    stopped = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // the cache's mappings are released with it
  }
}
