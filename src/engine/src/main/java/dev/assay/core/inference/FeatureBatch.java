package dev.assay.core.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;

/**
 * Reusable input buffers for one batch of rows: direct native-order buffers per input, filled cell
 * by cell or a column at a time, handed to ONNX Runtime without a copy. One instance per runner;
 * {@link #clear()} between batches.
 */
public final class FeatureBatch {
  private final List<Binding.InputBinding> inputs;
  private final int capacity;
  private final Object[] buffers;
  private final Object[] scratch;
  private int rows;

  /**
   * @throws dev.assay.core.AssayException when a batch of {@code capacity} rows does not fit one
   *     buffer (2 GiB)
   */
  public FeatureBatch(Binding binding, int capacity) {
    this.inputs = binding.inputs();
    this.capacity = capacity;
    this.buffers = new Object[inputs.size()];
    this.scratch = new Object[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      Binding.InputBinding input = inputs.get(i);
      long wanted = (long) capacity * Math.max(1, input.columns().size());
      if (wanted * 8 > Integer.MAX_VALUE) {
        throw new dev.assay.core.AssayException(
            "a batch of "
                + capacity
                + " rows of input '"
                + input.input()
                + "' ("
                + input.columns().size()
                + " values a row) does not fit one buffer of 2 GiB; use a smaller --batch");
      }
      int cells = capacity * input.columns().size();
      buffers[i] =
          switch (input.elementType()) {
            case "float" -> direct(cells * 4L).asFloatBuffer();
            case "double" -> direct(cells * 8L).asDoubleBuffer();
            case "int64" -> direct(cells * 8L).asLongBuffer();
            case "int32" -> direct(cells * 4L).asIntBuffer();
            case "bool" -> direct(cells);
            case "string" -> new String[cells];
            default ->
                throw new IllegalArgumentException(
                    "unsupported element type " + input.elementType());
          };
    }
  }

  private static ByteBuffer direct(long bytes) {
    return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
  }

  public int capacity() {
    return capacity;
  }

  public int rows() {
    return rows;
  }

  public boolean isFull() {
    return rows == capacity;
  }

  public void clear() {
    rows = 0;
  }

  /** Starts a new row; returns its index in the batch. */
  public int addRow() {
    if (rows == capacity) {
      throw new IllegalStateException("batch is full");
    }
    return rows++;
  }

  /** Adds {@code count} rows at once (at most the room left); returns the index of the first. */
  public int addRows(int count) {
    if (count < 0 || count > capacity - rows) {
      throw new IllegalStateException("batch has room for " + (capacity - rows) + " rows");
    }
    int first = rows;
    rows += count;
    return first;
  }

  /** Whether input {@code input} takes text. */
  public boolean isText(int input) {
    return buffers[input] instanceof String[];
  }

  /** Sets a numeric cell; integers are rounded towards zero, booleans are value != 0. */
  public void setNumber(int input, int row, int column, double value) {
    int index = row * inputs.get(input).columns().size() + column;
    switch (buffers[input]) {
      case FloatBuffer b -> b.put(index, (float) value);
      case DoubleBuffer b -> b.put(index, value);
      case LongBuffer b -> b.put(index, (long) value);
      case IntBuffer b -> b.put(index, (int) value);
      case ByteBuffer b -> b.put(index, value != 0 ? (byte) 1 : (byte) 0);
      default -> throw new IllegalStateException("input " + input + " takes text");
    }
  }

  /**
   * Sets {@code count} consecutive rows of numeric input {@code input} from one source array per
   * column, converting as {@link #setNumber} does: cell (row + k, c) gets {@code
   * columns[c][indices[from + k]]}. The rows are assembled in a heap array and copied into the
   * buffer at once.
   */
  public void setRows(int input, int row, double[][] columns, int[] indices, int from, int count) {
    int width = inputs.get(input).columns().size();
    if (columns.length != width) {
      throw new IllegalArgumentException(
          "input " + input + " has " + width + " columns, got " + columns.length);
    }
    int cells = count * width;
    int at = row * width;
    switch (buffers[input]) {
      case FloatBuffer b -> {
        float[] rows = (float[]) scratch(input, float[]::new);
        // column by column: one source array per inner loop, so the loop has no 2-D lookups
        for (int c = 0; c < width; c++) {
          double[] column = columns[c];
          for (int k = 0, i = c; k < count; k++, i += width) {
            rows[i] = (float) column[indices[from + k]];
          }
        }
        b.put(at, rows, 0, cells);
      }
      case DoubleBuffer b -> {
        double[] rows = (double[]) scratch(input, double[]::new);
        for (int k = 0, i = 0; k < count; k++) {
          int r = indices[from + k];
          for (int c = 0; c < width; c++) {
            rows[i++] = columns[c][r];
          }
        }
        b.put(at, rows, 0, cells);
      }
      case LongBuffer b -> {
        long[] rows = (long[]) scratch(input, long[]::new);
        for (int k = 0, i = 0; k < count; k++) {
          int r = indices[from + k];
          for (int c = 0; c < width; c++) {
            rows[i++] = (long) columns[c][r];
          }
        }
        b.put(at, rows, 0, cells);
      }
      case IntBuffer b -> {
        int[] rows = (int[]) scratch(input, int[]::new);
        for (int k = 0, i = 0; k < count; k++) {
          int r = indices[from + k];
          for (int c = 0; c < width; c++) {
            rows[i++] = (int) columns[c][r];
          }
        }
        b.put(at, rows, 0, cells);
      }
      case ByteBuffer b -> {
        byte[] rows = (byte[]) scratch(input, byte[]::new);
        for (int k = 0, i = 0; k < count; k++) {
          int r = indices[from + k];
          for (int c = 0; c < width; c++) {
            rows[i++] = columns[c][r] != 0 ? (byte) 1 : (byte) 0;
          }
        }
        b.put(at, rows, 0, cells);
      }
      default -> throw new IllegalStateException("input " + input + " takes text");
    }
  }

  /**
   * Sets {@code count} whole rows of numeric input {@code input}, starting at batch row {@code
   * row}, from {@code values} stored row-major from {@code offset} (one value per column),
   * converting as {@link #setNumber} does; float and double inputs are copied in bulk.
   */
  public void setRowMajor(int input, int row, double[] values, int offset, int count) {
    int width = inputs.get(input).columns().size();
    int cells = count * width;
    switch (buffers[input]) {
      case FloatBuffer b -> {
        float[] rows = (float[]) scratch(input, float[]::new);
        for (int i = 0; i < cells; i++) {
          rows[i] = (float) values[offset + i];
        }
        b.put(row * width, rows, 0, cells);
      }
      case DoubleBuffer b -> b.put(row * width, values, offset, cells);
      default -> {
        for (int k = 0; k < count; k++) {
          for (int c = 0; c < width; c++) {
            setNumber(input, row + k, c, values[offset + k * width + c]);
          }
        }
      }
    }
  }

  /** The input's heap staging array, made on first use with room for a full batch. */
  private Object scratch(int input, java.util.function.IntFunction<Object> make) {
    if (scratch[input] == null) {
      scratch[input] = make.apply(capacity * inputs.get(input).columns().size());
    }
    return scratch[input];
  }

  public void setText(int input, int row, int column, String value) {
    ((String[]) buffers[input])[row * inputs.get(input).columns().size() + column] = value;
  }

  int inputCount() {
    return inputs.size();
  }

  String inputName(int input) {
    return inputs.get(input).input();
  }

  OnnxTensor tensor(OrtEnvironment environment, int input) throws OrtException {
    Binding.InputBinding binding = inputs.get(input);
    int width = binding.columns().size();
    long[] shape = binding.rank() == 1 ? new long[] {rows} : new long[] {rows, width};
    int cells = rows * width;
    return switch (buffers[input]) {
      case FloatBuffer b -> OnnxTensor.createTensor(environment, b.slice(0, cells), shape);
      case DoubleBuffer b -> OnnxTensor.createTensor(environment, b.slice(0, cells), shape);
      case LongBuffer b -> OnnxTensor.createTensor(environment, b.slice(0, cells), shape);
      case IntBuffer b -> OnnxTensor.createTensor(environment, b.slice(0, cells), shape);
      case ByteBuffer b ->
          OnnxTensor.createTensor(
              environment, b.slice(0, cells), shape, ai.onnxruntime.OnnxJavaType.BOOL);
      case String[] texts -> {
        String[] used = java.util.Arrays.copyOf(texts, cells);
        yield OnnxTensor.createTensor(environment, used, shape);
      }
      default -> throw new IllegalStateException("unknown buffer");
    };
  }
}
