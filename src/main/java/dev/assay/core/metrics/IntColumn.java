package dev.assay.core.metrics;

import java.util.Arrays;

/** A growable primitive int array (4 bytes a value); merging appends. */
final class IntColumn {
  private int[] values = new int[1024];
  private int size;

  void add(int value) {
    ensure(size + 1);
    values[size++] = value;
  }

  void addAll(int[] source, int offset, int length) {
    ensure(size + length);
    System.arraycopy(source, offset, values, size, length);
    size += length;
  }

  void addAll(IntColumn other) {
    addAll(other.values, 0, other.size);
  }

  int get(int index) {
    return values[index];
  }

  /** A copy of the values, exactly {@link #size()} long. */
  int[] toArray() {
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
