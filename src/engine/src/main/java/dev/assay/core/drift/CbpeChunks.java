package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CBPE per chunk: the current rows (the scored rows of a run, in data order) cut by row count or
 * number of chunks exactly as {@link ChunkReader} cuts a dataset for the feature chunks, each
 * chunk's performance estimated by a calibration fitted once on the reference, and, when the rows
 * have labels, its realised performance beside it (the back-test).
 */
public final class CbpeChunks {
  /**
   * One chunk's estimate.
   *
   * @param label "rows a-b" (1-based, inclusive) among the scored rows
   * @param realised the chunk's realised performance, or null without labels
   */
  public record Chunk(
      String label, int from, int to, Cbpe.Estimate estimate, RealisedPerformance realised) {}

  private CbpeChunks() {}

  /**
   * Estimates each chunk of {@code score}.
   *
   * @param truth per row 1 for the positive class, else 0; null when the rows have no labels
   * @throws IllegalArgumentException for period chunks (use the overload with the data rows)
   */
  public static List<Chunk> of(Cbpe.Fitted fitted, double[] score, int[] truth, Chunking chunking) {
    int total = score.length;
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
          "period chunks need each scored row's data row: use of(fitted, score, truth, dataRow, chunks)");
    }
    List<Chunk> chunks = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int from = (int) (size == 0 ? (long) total * k / count : k * size);
      int to = (int) (size == 0 ? (long) total * (k + 1) / count : Math.min(total, (k + 1) * size));
      if (to <= from) {
        continue;
      }
      chunks.add(
          chunk(
              "rows " + (from + 1) + "-" + to,
              from,
              to,
              fitted,
              Arrays.copyOfRange(score, from, to),
              truth == null ? null : Arrays.copyOfRange(truth, from, to)));
    }
    return chunks;
  }

  /**
   * Period chunks ({@code --chunk period=COL:UNIT}): each scored row belongs to the chunk of its
   * data row in {@code chunks}, the current dataset cut by {@link ChunkReader#assign}, so each
   * chunk is estimated over exactly the scored rows whose timestamp falls in its period. A row in
   * no chunk (no date, or a row number outside the assignment) is in none; a chunk with no scored
   * row is left out. {@link Chunk#from()} and {@link Chunk#to()} are -1.
   *
   * @param dataRow per scored row its 1-based data row number in the dataset
   */
  public static List<Chunk> of(
      Cbpe.Fitted fitted,
      double[] score,
      int[] truth,
      long[] dataRow,
      ChunkReader.Assignment chunks) {
    int k = chunks.count();
    int[] sizes = new int[k];
    int[] of = new int[score.length];
    for (int i = 0; i < score.length; i++) {
      of[i] = chunks.chunkOfDataRow(dataRow[i]);
      if (of[i] >= 0) {
        sizes[of[i]]++;
      }
    }
    double[][] s = new double[k][];
    int[][] t = new int[k][];
    int[] filled = new int[k];
    for (int c = 0; c < k; c++) {
      s[c] = new double[sizes[c]];
      t[c] = truth == null ? null : new int[sizes[c]];
    }
    for (int i = 0; i < score.length; i++) {
      int c = of[i];
      if (c >= 0) {
        s[c][filled[c]] = score[i];
        if (truth != null) {
          t[c][filled[c]] = truth[i];
        }
        filled[c]++;
      }
    }
    List<Chunk> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (sizes[c] > 0) {
        out.add(chunk(chunks.labels().get(c), -1, -1, fitted, s[c], t[c]));
      }
    }
    return out;
  }

  /** How many of the scored rows {@code dataRow} fall in no chunk of {@code chunks}. */
  public static long unassigned(long[] dataRow, ChunkReader.Assignment chunks) {
    long n = 0;
    for (long row : dataRow) {
      n += chunks.chunkOfDataRow(row) >= 0 ? 0 : 1;
    }
    return n;
  }

  private static Chunk chunk(
      String label, int from, int to, Cbpe.Fitted fitted, double[] s, int[] truth) {
    RealisedPerformance realised = null;
    if (truth != null) {
      int[] predicted = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        predicted[i] = s[i] >= fitted.threshold() ? 1 : 0;
      }
      realised = RealisedPerformance.of(truth, predicted, s);
    }
    return new Chunk(label, from, to, fitted.estimate(s), realised);
  }
}
