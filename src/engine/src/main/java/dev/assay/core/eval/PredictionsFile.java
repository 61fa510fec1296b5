package dev.assay.core.eval;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-row predictions of a run in a compact binary form (kept in the workbench's prediction store,
 * named by the run's row; see {@link dev.assay.core.store.PredictionStore}). Classification rows:
 * data-row number, true class index, predicted class index, C probabilities (NaN without
 * probabilities). Regression rows: data-row number, actual, predicted.
 */
public final class PredictionsFile {
  /** The true class of a row scored without a target ({@link EvaluationRequest#labelled()}). */
  public static final int NO_CLASS = -1;

  /** Format name stored with the run. */
  public static final String FORMAT = "assay-predictions-v1";

  private static final int MAGIC = 0x41535950; // "ASYP"

  private PredictionsFile() {}

  /**
   * Streams predictions to a file. Rows are gathered in a buffer written out whole, so a row costs
   * a few stores rather than a stream call per value; the bytes are those of {@link
   * DataOutputStream} (big-endian).
   */
  public static final class Writer implements AutoCloseable {
    private final java.nio.channels.FileChannel out;

    /** Direct, so that writing it out copies nothing on the Java side. */
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 18);

    private final int classes;

    /**
     * @param classLabels class labels (empty for regression)
     */
    public Writer(Path file, List<String> classLabels) throws IOException {
      this.out =
          java.nio.channels.FileChannel.open(
              file,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.WRITE,
              java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
      this.classes = classLabels.size();
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      try (DataOutputStream data = new DataOutputStream(header)) {
        data.writeInt(MAGIC);
        data.writeInt(classes);
        for (String label : classLabels) {
          data.writeUTF(label);
        }
      }
      writeFully(ByteBuffer.wrap(header.toByteArray()));
    }

    public void classification(long row, int trueClass, int predicted, float[] probs, int offset)
        throws IOException {
      room(16 + 4 * classes);
      buffer.putLong(row).putInt(trueClass).putInt(predicted);
      for (int c = 0; c < classes; c++) {
        buffer.putFloat(probs == null ? Float.NaN : probs[offset + c]);
      }
    }

    public void regression(long row, double actual, double predicted) throws IOException {
      room(24);
      buffer.putLong(row).putDouble(actual).putDouble(predicted);
    }

    private void room(int bytes) throws IOException {
      if (buffer.remaining() < bytes) {
        flush();
        if (buffer.remaining() < bytes) {
          buffer = ByteBuffer.allocateDirect(bytes);
        }
      }
    }

    private void flush() throws IOException {
      buffer.flip();
      writeFully(buffer);
      buffer.clear();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        flush();
      } finally {
        out.close();
      }
    }
  }

  /** One stored row. For regression, {@code actual} and {@code predicted} hold the values. */
  public record Row(
      long row,
      int trueClass,
      int predictedClass,
      float[] probabilities,
      double actual,
      double predicted) {}

  /** Reads every row, calling {@code sink} for each. */
  public static List<String> read(Path file, java.util.function.Consumer<Row> sink) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not an Assay predictions file");
      }
      int classes = in.readInt();
      List<String> labels = new ArrayList<>();
      for (int c = 0; c < classes; c++) {
        labels.add(in.readUTF());
      }
      while (true) {
        long row;
        try {
          row = in.readLong();
        } catch (EOFException end) {
          break;
        }
        if (classes == 0) {
          double actual = in.readDouble();
          sink.accept(new Row(row, -1, -1, null, actual, in.readDouble()));
        } else {
          int truth = in.readInt();
          int predicted = in.readInt();
          float[] probs = new float[classes];
          for (int c = 0; c < classes; c++) {
            probs[c] = in.readFloat();
          }
          sink.accept(new Row(row, truth, predicted, probs, Double.NaN, Double.NaN));
        }
      }
      return labels;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
