package dev.assay.core.drift;

import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;
import dev.assay.core.data.CsvSource;
import java.nio.file.Path;
import java.util.List;

/**
 * Numeric columns of a CSV file read row-aligned (column-major), for the multivariate drift: a
 * missing, text or infinite cell is NaN (imputed later by the reference mean).
 */
public final class NumericColumns {
  private NumericColumns() {}

  /**
   * Reads {@code names} from {@code csv}.
   *
   * @throws AssayException when a column is missing or the file cannot be read
   */
  public static double[][] read(Path csv, List<String> names) {
    try (CsvSource source = CsvSource.open(csv)) {
      int[] index = indices(source, names, csv);
      double[][] out = new double[index.length][1024];
      int n = 0;
      String[] record;
      while ((record = source.next()) != null) {
        if (n == out[0].length) {
          for (int j = 0; j < out.length; j++) {
            out[j] = java.util.Arrays.copyOf(out[j], n * 2);
          }
        }
        for (int j = 0; j < index.length; j++) {
          double v = index[j] < record.length ? Cells.parseOrNaN(record[index[j]]) : Double.NaN;
          out[j][n] = Double.isFinite(v) ? v : Double.NaN;
        }
        n++;
      }
      for (int j = 0; j < out.length; j++) {
        out[j] = java.util.Arrays.copyOf(out[j], n);
      }
      return out;
    }
  }

  /**
   * Reads the cells of {@code names} from {@code csv} as written (column-major, for the categorical
   * columns of the domain classifier): a missing cell (empty, NA, ...) is null.
   *
   * @throws AssayException when a column is missing or the file cannot be read
   */
  public static String[][] text(Path csv, List<String> names) {
    try (CsvSource source = CsvSource.open(csv)) {
      int[] index = indices(source, names, csv);
      String[][] out = new String[index.length][1024];
      int n = 0;
      String[] record;
      while ((record = source.next()) != null) {
        if (out.length > 0 && n == out[0].length) {
          for (int j = 0; j < out.length; j++) {
            out[j] = java.util.Arrays.copyOf(out[j], n * 2);
          }
        }
        for (int j = 0; j < index.length; j++) {
          String cell = index[j] < record.length ? record[index[j]] : null;
          out[j][n] = cell == null || Cells.isMissing(cell) ? null : cell;
        }
        n++;
      }
      for (int j = 0; j < out.length; j++) {
        out[j] = java.util.Arrays.copyOf(out[j], n);
      }
      return out;
    }
  }

  private static int[] indices(CsvSource source, List<String> names, Path csv) {
    int[] index = new int[names.size()];
    for (int j = 0; j < index.length; j++) {
      index[j] = source.header().indexOf(names.get(j));
      if (index[j] < 0) {
        throw new AssayException("column '" + names.get(j) + "' is not in " + csv.getFileName());
      }
    }
    return index;
  }
}
