package dev.assay.core.drift;

import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnChunk;
import dev.assay.core.data.CsvSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Cuts a dataset into chunks ({@link Chunking}) and reads a feature's values chunk by chunk, from
 * the column cache when there is one, else from the CSV. Rows are numbered in file order (rows with
 * the wrong number of fields are not data rows); a row whose period cell holds no date belongs to
 * no chunk and is counted.
 */
public final class ChunkReader {
  /**
   * The chunks of a dataset.
   *
   * @param chunkOf each row's chunk, or -1
   * @param labels the chunks' labels, in order
   * @param rows rows per chunk
   * @param unassigned rows in no chunk (no date in the period column)
   * @param dataRow each row's 1-based data row number as an evaluation numbers it (rows with the
   *     wrong number of fields count there, though they are no rows here), ascending; null when row
   *     {@code r} is data row {@code r + 1}
   */
  public record Assignment(
      int[] chunkOf, List<String> labels, long[] rows, long unassigned, long[] dataRow) {
    public Assignment(int[] chunkOf, List<String> labels, long[] rows, long unassigned) {
      this(chunkOf, labels, rows, unassigned, null);
    }

    public int count() {
      return labels.size();
    }

    /** The chunk of 1-based data row {@code row} (an evaluation's numbering), or -1. */
    public int chunkOfDataRow(long row) {
      int r;
      if (dataRow == null) {
        r = row >= 1 && row <= chunkOf.length ? (int) (row - 1) : -1;
      } else {
        r = java.util.Arrays.binarySearch(dataRow, row);
      }
      return r >= 0 ? chunkOf[r] : -1;
    }
  }

  private interface Cells2 {
    void number(int row, double value);

    void text(int row, String cell);

    /** The 1-based data row number of the row the next call is about. */
    default void dataRow(long row) {}
  }

  private ChunkReader() {}

  /**
   * Assigns every row of {@code source} to a chunk.
   *
   * @throws AssayException when the period column is not in the dataset or no row has a date
   */
  public static Assignment assign(DatasetDrift.Source source, Chunking chunking) {
    if (chunking instanceof Chunking.Period p) {
      List<String> perRow = new ArrayList<>();
      long[][] dataRows = {new long[1024]};
      boolean[] dense = {true};
      visit(
          source,
          p.column(),
          false,
          new Cells2() {
            @Override
            public void dataRow(long row) {
              int r = perRow.size();
              if (r == dataRows[0].length) {
                dataRows[0] = java.util.Arrays.copyOf(dataRows[0], r * 2);
              }
              dataRows[0][r] = row;
              dense[0] &= row == r + 1;
            }

            @Override
            public void number(int row, double value) {
              perRow.add(null);
            }

            @Override
            public void text(int row, String cell) {
              perRow.add(Chunking.periodOf(cell, p.unit()));
            }
          });
      TreeMap<String, Integer> order = new TreeMap<>();
      perRow.forEach(label -> order.putIfAbsent(label == null ? "" : label, 0));
      order.remove("");
      if (order.isEmpty()) {
        throw new AssayException(
            "column '"
                + p.column()
                + "' of "
                + source.dataset().ref()
                + " holds no date (yyyy-mm-dd) to cut periods by");
      }
      List<String> labels = new ArrayList<>(order.keySet());
      for (int i = 0; i < labels.size(); i++) {
        order.put(labels.get(i), i);
      }
      int[] chunkOf = new int[perRow.size()];
      long[] rows = new long[labels.size()];
      long unassigned = 0;
      for (int r = 0; r < chunkOf.length; r++) {
        String label = perRow.get(r);
        chunkOf[r] = label == null ? -1 : order.get(label);
        if (label == null) {
          unassigned++;
        } else {
          rows[chunkOf[r]]++;
        }
      }
      return new Assignment(
          chunkOf,
          labels,
          rows,
          unassigned,
          dense[0] ? null : java.util.Arrays.copyOf(dataRows[0], chunkOf.length));
    }
    int total = Math.toIntExact(rowCount(source));
    long size =
        chunking instanceof Chunking.Rows r
            ? r.size()
            : Math.max(1, total / (long) ((Chunking.Count) chunking).count());
    int count =
        chunking instanceof Chunking.Count c
            ? Math.min(c.count(), Math.max(1, total))
            : (int) Math.max(1, (total + size - 1) / size);
    int[] chunkOf = new int[total];
    long[] rows = new long[count];
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      long from = chunking instanceof Chunking.Count ? (long) total * k / count : k * size;
      long to =
          chunking instanceof Chunking.Count
              ? (long) total * (k + 1) / count
              : Math.min(total, (k + 1) * size);
      for (long r = from; r < to; r++) {
        chunkOf[(int) r] = k;
      }
      rows[k] = to - from;
      labels.add("rows " + (from + 1) + "-" + to);
    }
    return new Assignment(chunkOf, labels, rows, 0);
  }

  /**
   * Reads {@code feature} of {@code source}, one sample per chunk of {@code chunks}.
   *
   * @throws AssayException when the column is not in the dataset or rows do not match
   */
  public static List<FeatureSample> read(
      DatasetDrift.Source source, FeatureReader.Feature feature, Assignment chunks) {
    boolean numeric = feature.kind() == FeatureReader.Kind.NUMERIC;
    NumericCollector[] numbers = new NumericCollector[chunks.count()];
    CategoryCollector[] categories = new CategoryCollector[chunks.count()];
    for (int k = 0; k < chunks.count(); k++) {
      if (numeric) {
        numbers[k] = new NumericCollector(chunks.rows()[k]);
      } else {
        categories[k] = new CategoryCollector();
      }
    }
    int[] chunkOf = chunks.chunkOf();
    visit(
        source,
        feature.name(),
        numeric,
        new Cells2() {
          @Override
          public void number(int row, double value) {
            int k = row < chunkOf.length ? chunkOf[row] : -1;
            if (k >= 0) {
              if (numeric) {
                numbers[k].add(value);
              } else {
                categories[k].addNumber(value);
              }
            }
          }

          @Override
          public void text(int row, String cell) {
            int k = row < chunkOf.length ? chunkOf[row] : -1;
            if (k >= 0) {
              categories[k].add(cell);
            }
          }
        });
    List<FeatureSample> samples = new ArrayList<>();
    for (int k = 0; k < chunks.count(); k++) {
      samples.add(
          numeric ? numbers[k].sample(feature.name()) : categories[k].sample(feature.name()));
    }
    return samples;
  }

  private static long rowCount(DatasetDrift.Source source) {
    if (source.cache().isPresent()) {
      ColumnCache cache = source.cache().get();
      long rows = 0;
      for (int g = 0; g < cache.groupCount(); g++) {
        rows += cache.group(g).rows();
      }
      return rows;
    }
    long[] rows = {0};
    try (CsvSource csv = CsvSource.open(source.csv())) {
      int width = csv.header().size();
      String[] record;
      while ((record = csv.next()) != null) {
        if (record.length == width) {
          rows[0]++;
        }
      }
    }
    return rows[0];
  }

  /** Calls {@code sink} for every data row's cell of {@code column}, in file order. */
  private static void visit(
      DatasetDrift.Source source, String column, boolean numeric, Cells2 sink) {
    if (source.cache().isPresent()) {
      ColumnCache cache = source.cache().get();
      int index = index(cache.header(), column, source);
      ColumnChunk chunk = new ColumnChunk();
      int row = 0;
      for (int g = 0; g < cache.groupCount(); g++) {
        ColumnCache.Group group = cache.group(g);
        group.column(index, chunk);
        for (int i = 0; i < chunk.rows(); i++, row++) {
          sink.dataRow(group.row(i));
          if (numeric || chunk.kind() == ColumnChunk.Kind.NUMBER) {
            sink.number(row, chunk.number(i));
          } else {
            sink.text(row, chunk.text(i));
          }
        }
      }
      return;
    }
    try (CsvSource csv = CsvSource.open(source.csv())) {
      int index = index(csv.header(), column, source);
      int width = csv.header().size();
      String[] record;
      int row = 0;
      while ((record = csv.next()) != null) {
        if (record.length != width) {
          continue;
        }
        sink.dataRow(csv.row());
        if (numeric) {
          sink.number(row, Cells.parseOrNaN(record[index]));
        } else {
          sink.text(row, record[index]);
        }
        row++;
      }
    }
  }

  private static int index(List<String> header, String column, DatasetDrift.Source source) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new AssayException(
          "column '" + column + "' is not in dataset " + source.dataset().ref());
    }
    return index;
  }
}
