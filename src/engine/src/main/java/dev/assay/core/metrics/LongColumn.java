package dev.assay.core.metrics;

import java.util.Arrays;

/** A growable primitive long array (8 bytes a value); merging appends. */
final class LongColumn {
  private long[] values = new long[1024];
  private int size;

  void add(long value) {
    ensure(size + 1);
    values[size++] = value;
  }

  void addAll(long[] source, int offset, int length) {
    ensure(size + length);
    System.arraycopy(source, offset, values, size, length);
    size += length;
  }

  void addAll(LongColumn other) {
    addAll(other.values, 0, other.size);
  }

  long get(int index) {
    return values[index];
  }

  /** A copy of the values, exactly {@link #size()} long. */
  long[] toArray() {
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
