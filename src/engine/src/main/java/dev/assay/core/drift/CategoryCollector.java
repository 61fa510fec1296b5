package dev.assay.core.drift;

import dev.assay.core.data.Cells;
import dev.assay.core.data.ColumnChunk;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts a categorical column's values as written, and its missing cells. A chunk stored as numbers
 * (every cell of its row group numeric) keeps no spellings: its values are written as integers when
 * whole ({@code 3}), else in Java's shortest form ({@code 2.5}).
 */
final class CategoryCollector {
  private final Map<String, Long> counts = new HashMap<>();
  private long missing;
  private int[] codeCounts = new int[0];

  void add(ColumnChunk chunk) {
    int rows = chunk.rows();
    switch (chunk.kind()) {
      case DICTIONARY -> {
        int entries = chunk.entries();
        if (codeCounts.length < entries) {
          codeCounts = new int[entries];
        }
        java.util.Arrays.fill(codeCounts, 0, entries, 0);
        for (int i = 0; i < rows; i++) {
          codeCounts[chunk.code(i)]++;
        }
        for (int e = 0; e < entries; e++) {
          if (codeCounts[e] > 0) {
            add(chunk.entry(e), codeCounts[e]);
          }
        }
      }
      case STRINGS -> {
        for (int i = 0; i < rows; i++) {
          add(chunk.text(i), 1);
        }
      }
      case NUMBER -> {
        for (int i = 0; i < rows; i++) {
          double v = chunk.number(i);
          if (Double.isNaN(v)) {
            missing++;
          } else {
            counts.merge(spelling(v), 1L, Long::sum);
          }
        }
      }
    }
  }

  void add(String cell) {
    add(cell, 1);
  }

  /** One cell stored as a number (NaN: missing). */
  void addNumber(double v) {
    if (Double.isNaN(v)) {
      missing++;
    } else {
      counts.merge(spelling(v), 1L, Long::sum);
    }
  }

  private void add(String cell, long times) {
    if (Cells.isMissing(cell)) {
      missing += times;
    } else {
      counts.merge(cell, times, Long::sum);
    }
  }

  private static String spelling(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** Adds the counts of another collector (a later part of the same column). */
  void merge(CategoryCollector other) {
    other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    missing += other.missing;
  }

  /** Writes the counts exactly (for {@link #readFrom}). */
  void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeLong(missing);
    out.writeInt(counts.size());
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      writeString(out, e.getKey());
      out.writeLong(e.getValue());
    }
  }

  static CategoryCollector readFrom(java.io.DataInput in) throws java.io.IOException {
    CategoryCollector c = new CategoryCollector();
    c.missing = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      c.counts.put(readString(in), in.readLong());
    }
    return c;
  }

  /** A string of any length (writeUTF stops at 64 KB). */
  static void writeString(java.io.DataOutput out, String s) throws java.io.IOException {
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(java.io.DataInput in) throws java.io.IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  CategoricalSample sample(String name) {
    return new CategoricalSample(name, counts, missing);
  }
}
