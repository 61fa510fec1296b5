package dev.assay.core.drift;

import dev.assay.core.data.ColumnChunk;
import java.util.Arrays;

/** Gathers a numeric column's finite values and counts its missing and infinite cells. */
final class NumericCollector {
  private double[] values;
  private int count;
  private long missing;
  private long nonFinite;
  private double[] buffer = new double[0];

  NumericCollector(long expectedRows) {
    values = new double[(int) Math.min(Math.max(expectedRows, 16), Integer.MAX_VALUE - 16)];
  }

  void add(ColumnChunk chunk) {
    int rows = chunk.rows();
    if (chunk.kind() == ColumnChunk.Kind.STRINGS) {
      for (int i = 0; i < rows; i++) {
        add(chunk.number(i));
      }
      return;
    }
    if (buffer.length < rows) {
      buffer = new double[rows];
    }
    chunk.numbers(buffer);
    ensure(rows);
    for (int i = 0; i < rows; i++) {
      double v = buffer[i];
      if (Double.isFinite(v)) {
        values[count++] = v;
      } else if (Double.isNaN(v)) {
        missing++;
      } else {
        nonFinite++;
      }
    }
  }

  /** One cell's number: NaN for missing and text cells. */
  void add(double value) {
    if (Double.isFinite(value)) {
      ensure(1);
      values[count++] = value;
    } else if (Double.isNaN(value)) {
      missing++;
    } else {
      nonFinite++;
    }
  }

  private void ensure(int more) {
    if (count + more > values.length) {
      values = Arrays.copyOf(values, Math.max(count + more, values.length * 2));
    }
  }

  /** Adds the values and counts another collector gathered (a later part of the same column). */
  void merge(NumericCollector other) {
    ensure(other.count);
    System.arraycopy(other.values, 0, values, count, other.count);
    count += other.count;
    missing += other.missing;
    nonFinite += other.nonFinite;
  }

  /** Writes the gathered values and counts exactly (for {@link #readFrom}). */
  void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(count);
    out.writeLong(missing);
    out.writeLong(nonFinite);
    for (int i = 0; i < count; i++) {
      out.writeDouble(values[i]);
    }
  }

  static NumericCollector readFrom(java.io.DataInput in) throws java.io.IOException {
    int n = in.readInt();
    NumericCollector c = new NumericCollector(n);
    c.missing = in.readLong();
    c.nonFinite = in.readLong();
    for (int i = 0; i < n; i++) {
      c.values[i] = in.readDouble();
    }
    c.count = n;
    return c;
  }

  NumericSample sample(String name) {
    return NumericSample.of(name, values, count, missing, nonFinite);
  }
}
