package dev.assay.core.metrics;

import java.util.Arrays;

/** A growable primitive float array (4 bytes a value); merging appends. */
final class FloatColumn {
  private float[] values = new float[1024];
  private int size;

  void add(float value) {
    ensure(size + 1);
    values[size++] = value;
  }

  void addAll(float[] source, int offset, int length) {
    ensure(size + length);
    System.arraycopy(source, offset, values, size, length);
    size += length;
  }

  void addAll(FloatColumn other) {
    addAll(other.values, 0, other.size);
  }

  float get(int index) {
    return values[index];
  }

  /** A copy of the values, exactly {@link #size()} long. */
  float[] toArray() {
    return Arrays.copyOf(values, size);
  }

  int size() {
    return size;
  }

  private void ensure(int capacity) {
    if (capacity > values.length) {
      values = Arrays.copyOf(values, Math.max(capacity, values.length + (values.length >> 1)));
    }
  }
}
