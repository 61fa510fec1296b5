package dev.assay.core.explain;

import dev.assay.core.AssayException;
import dev.assay.core.data.CsvSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Numeric feature rows read from a CSV file, row-major, with an optional target column kept as
 * text.
 *
 * @param values {@code rows() * columns().size()} numbers
 * @param target the target column's cells, or null when none was asked for
 */
public record TabularData(List<String> columns, double[] values, List<String> target) {
  public TabularData {
    columns = List.copyOf(columns);
  }

  public int rows() {
    return values.length / columns.size();
  }

  /** Row r ({@code 0}-based). */
  public double[] row(int r) {
    double[] row = new double[columns.size()];
    System.arraycopy(values, r * columns.size(), row, 0, row.length);
    return row;
  }

  /** Rows {@code from .. to − 1}, row-major. */
  public double[] slice(int from, int to) {
    int m = columns.size();
    double[] out = new double[(to - from) * m];
    System.arraycopy(values, from * m, out, 0, out.length);
    return out;
  }

  /**
   * Reads the named columns (and the target, when not null) of every row.
   *
   * @throws AssayException naming the file, column and 1-based row of a missing or non-numeric
   *     cell, or a column the file lacks
   */
  public static TabularData read(Path csv, List<String> columns, String targetColumn) {
    try (CsvSource source = CsvSource.open(csv)) {
      List<String> header = source.header();
      int[] index = new int[columns.size()];
      for (int c = 0; c < index.length; c++) {
        index[c] = header.indexOf(columns.get(c));
        if (index[c] < 0) {
          throw new AssayException(csv.getFileName() + " has no column '" + columns.get(c) + "'");
        }
      }
      int targetIndex = targetColumn == null ? -1 : header.indexOf(targetColumn);
      if (targetColumn != null && targetIndex < 0) {
        throw new AssayException(csv.getFileName() + " has no column '" + targetColumn + "'");
      }
      double[] values = new double[1024 * index.length];
      List<String> target = targetColumn == null ? null : new ArrayList<>();
      int rows = 0;
      String[] record;
      while ((record = source.next()) != null) {
        if (values.length < (rows + 1) * index.length) {
          values = java.util.Arrays.copyOf(values, values.length * 2);
        }
        for (int c = 0; c < index.length; c++) {
          String cell = index[c] < record.length ? record[index[c]].strip() : "";
          try {
            values[rows * index.length + c] = Double.parseDouble(cell);
          } catch (NumberFormatException e) {
            throw new AssayException(
                csv.getFileName()
                    + " row "
                    + (rows + 1)
                    + ", column '"
                    + columns.get(c)
                    + "': '"
                    + cell
                    + "' is not a number; explanations need numeric features");
          }
        }
        if (target != null) {
          target.add(targetIndex < record.length ? record[targetIndex].strip() : "");
        }
        rows++;
      }
      if (rows == 0) {
        throw new AssayException(csv.getFileName() + " has no data rows");
      }
      return new TabularData(columns, java.util.Arrays.copyOf(values, rows * index.length), target);
    }
  }
}
