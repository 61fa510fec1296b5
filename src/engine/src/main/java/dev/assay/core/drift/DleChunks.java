package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * DLE per chunk: the current rows (the scored rows of a run, in data order) cut as {@link
 * CbpeChunks} cuts them, each chunk's MAE and RMSE estimated by the loss models fitted once on the
 * reference, and, where the rows have labels, the realised MAE and RMSE beside them (the
 * back-test).
 */
public final class DleChunks {
  /**
   * One chunk's estimate.
   *
   * @param label "rows a-b" (1-based, inclusive) among the scored rows, or the period
   * @param realised over the chunk's rows with a finite target, or null when it has none
   */
  public record Chunk(
      String label, int from, int to, Dle.Estimate estimate, Dle.Realised realised) {}

  private DleChunks() {}

  /**
   * Estimates each chunk (rows or count chunking).
   *
   * @param features column-major, one array per feature over the scored rows
   * @param actual per row the target (NaN: none), or null when the rows have no labels
   * @throws IllegalArgumentException for period chunks (use the overload with the data rows)
   */
  public static List<Chunk> of(
      Dle.Fitted fitted,
      double[][] features,
      double[] prediction,
      double[] actual,
      Chunking chunking) {
    return of(fitted, features, null, prediction, actual, chunking);
  }

  /**
   * As {@link #of(Dle.Fitted, double[][], double[], double[], Chunking)} with categorical features.
   *
   * @param categories column-major categorical cells over the scored rows; null for none
   */
  public static List<Chunk> of(
      Dle.Fitted fitted,
      double[][] features,
      String[][] categories,
      double[] prediction,
      double[] actual,
      Chunking chunking) {
    int total = prediction.length;
    int count;
    long size;
    if (chunking instanceof Chunking.Rows r) {
      size = r.size();
      count = (int) Math.max(1, (total + size - 1) / size);
    } else if (chunking instanceof Chunking.Count c) {
      size = 0;
      count = Math.min(c.count(), Math.max(1, total));
    } else {
      throw new IllegalArgumentException(
          "period chunks need each scored row's data row: use of(fitted, ..., dataRow, chunks)");
    }
    List<Chunk> chunks = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int from = (int) (size == 0 ? (long) total * k / count : k * size);
      int to = (int) (size == 0 ? (long) total * (k + 1) / count : Math.min(total, (k + 1) * size));
      if (to <= from) {
        continue;
      }
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      chunks.add(
          chunk(
              "rows " + (from + 1) + "-" + to,
              from,
              to,
              fitted,
              features,
              categories,
              prediction,
              actual,
              rows));
    }
    return chunks;
  }

  /**
   * Period chunks: each scored row belongs to the chunk of its data row in {@code chunks}; a row in
   * no chunk is in none; a chunk with no scored row is left out.
   *
   * @param dataRow per scored row its 1-based data row number in the dataset
   */
  public static List<Chunk> of(
      Dle.Fitted fitted,
      double[][] features,
      String[][] categories,
      double[] prediction,
      double[] actual,
      long[] dataRow,
      ChunkReader.Assignment chunks) {
    int k = chunks.count();
    int[] sizes = new int[k];
    int[] of = new int[prediction.length];
    for (int i = 0; i < prediction.length; i++) {
      of[i] = chunks.chunkOfDataRow(dataRow[i]);
      if (of[i] >= 0) {
        sizes[of[i]]++;
      }
    }
    int[][] rows = new int[k][];
    int[] filled = new int[k];
    for (int c = 0; c < k; c++) {
      rows[c] = new int[sizes[c]];
    }
    for (int i = 0; i < prediction.length; i++) {
      if (of[i] >= 0) {
        rows[of[i]][filled[of[i]]++] = i;
      }
    }
    List<Chunk> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (sizes[c] > 0) {
        out.add(
            chunk(
                chunks.labels().get(c),
                -1,
                -1,
                fitted,
                features,
                categories,
                prediction,
                actual,
                rows[c]));
      }
    }
    return out;
  }

  private static Chunk chunk(
      String label,
      int from,
      int to,
      Dle.Fitted fitted,
      double[][] features,
      String[][] categories,
      double[] prediction,
      double[] actual,
      int[] rows) {
    double[][] f = new double[features.length][rows.length];
    String[][] t = categories == null ? null : new String[categories.length][rows.length];
    double[] p = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      p[i] = prediction[rows[i]];
      for (int j = 0; j < features.length; j++) {
        f[j][i] = features[j][rows[i]];
      }
      for (int j = 0; t != null && j < t.length; j++) {
        t[j][i] = categories[j][rows[i]];
      }
    }
    return new Chunk(label, from, to, fitted.estimate(f, t, p), realised(prediction, actual, rows));
  }

  /** Realised MAE and RMSE over the rows with a finite target, or null when there are none. */
  public static Dle.Realised realised(double[] prediction, double[] actual, int[] rows) {
    if (actual == null) {
      return null;
    }
    int n = 0;
    for (int i : rows) {
      n += Double.isFinite(actual[i]) ? 1 : 0;
    }
    if (n == 0) {
      return null;
    }
    double[] p = new double[n];
    double[] a = new double[n];
    int m = 0;
    for (int i : rows) {
      if (Double.isFinite(actual[i])) {
        p[m] = prediction[i];
        a[m++] = actual[i];
      }
    }
    return Dle.Realised.of(p, a);
  }
}
