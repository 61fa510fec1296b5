package dev.assay.spark;

import dev.assay.core.eval.PredictionsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One partition's per-row predictions, in the rows of the engine's {@link PredictionsFile}
 * (data-row number, true class, predicted class, C probabilities; for a regression model data-row
 * number, actual, predicted; big-endian, as its writer stores them), kept in chunks of at most
 * {@link #CHUNK} bytes so that no partition needs one array of its whole size. The driver writes
 * the file's header with the engine's writer and appends the partitions' chunks in partition order,
 * which is row order (each partition's rows renumbered by {@link #numbered}): the file is byte for
 * byte what a local run of the same rows stores.
 */
final class PredictionRows implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Bytes per chunk. */
  static final int CHUNK = 1 << 22;

  private final List<byte[]> chunks = new ArrayList<>();
  private transient ByteBuffer open;
  private long rows;

  /** Bytes per row of a model with {@code classes} classes (0: a regression model). */
  static int rowBytes(int classes) {
    return classes == 0 ? 24 : 16 + 4 * classes;
  }

  /** Adds one regression row (data-row number, actual, predicted), as the engine's writer. */
  void addRegression(long row, double actual, double predicted) {
    room(24);
    open.putLong(row).putDouble(actual).putDouble(predicted);
    rows++;
  }

  private void room(int bytes) {
    if (open == null || open.remaining() < bytes) {
      seal();
      open = ByteBuffer.allocate(Math.max(CHUNK, bytes));
    }
  }

  /** Adds one classification row ({@code probs} null: NaN, as the engine's writer does). */
  void add(long row, int trueClass, int predicted, float[] probs, int offset, int classes) {
    room(16 + 4 * classes);
    open.putLong(row).putInt(trueClass).putInt(predicted);
    for (int c = 0; c < classes; c++) {
      open.putFloat(probs == null ? Float.NaN : probs[offset + c]);
    }
    rows++;
  }

  /** Closes the open chunk (before the partition is handed to Spark). */
  PredictionRows seal() {
    if (open != null && open.position() > 0) {
      byte[] bytes = new byte[open.position()];
      open.flip().get(bytes);
      chunks.add(bytes);
    }
    open = null;
    return this;
  }

  long rows() {
    return rows;
  }

  Iterator<byte[]> chunks() {
    return chunks.iterator();
  }

  /**
   * The chunks with each row's number (numbered within the partition while scoring) made the data
   * row's: {@code offset} (the rows before the partition) added. Changes the chunks in place: call
   * it on a fresh copy (a serialized cached block read again).
   */
  Iterator<byte[]> numbered(long offset, int rowBytes) {
    for (byte[] chunk : chunks) {
      ByteBuffer buffer = ByteBuffer.wrap(chunk);
      for (int at = 0; at < chunk.length; at += rowBytes) {
        buffer.putLong(at, buffer.getLong(at) + offset);
      }
    }
    return chunks.iterator();
  }

  /**
   * Writes a predictions file: the header for {@code classLabels} by the engine's writer, then the
   * chunks as they come (partition after partition, in row order).
   *
   * @return the bytes of rows written
   */
  static long write(Path file, List<String> classLabels, Iterator<byte[]> chunks)
      throws IOException {
    new PredictionsFile.Writer(file, classLabels).close();
    long bytes = 0;
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      while (chunks.hasNext()) {
        byte[] chunk = chunks.next();
        out.write(chunk);
        bytes += chunk.length;
      }
    }
    return bytes;
  }
}
