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
   * @throws IllegalArgumentException for period chunks (the run's rows carry no timestamp)
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
          "estimated performance per chunk needs --chunk rows=N or count=K, not a period");
    }
    List<Chunk> chunks = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int from = (int) (size == 0 ? (long) total * k / count : k * size);
      int to = (int) (size == 0 ? (long) total * (k + 1) / count : Math.min(total, (k + 1) * size));
      if (to <= from) {
        continue;
      }
      double[] s = Arrays.copyOfRange(score, from, to);
      RealisedPerformance realised = null;
      if (truth != null) {
        int[] predicted = new int[s.length];
        for (int i = 0; i < s.length; i++) {
          predicted[i] = s[i] >= fitted.threshold() ? 1 : 0;
        }
        realised = RealisedPerformance.of(Arrays.copyOfRange(truth, from, to), predicted, s);
      }
      chunks.add(
          new Chunk("rows " + (from + 1) + "-" + to, from, to, fitted.estimate(s), realised));
    }
    return chunks;
  }
}
