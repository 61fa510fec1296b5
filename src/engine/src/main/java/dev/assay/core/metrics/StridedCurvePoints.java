package dev.assay.core.metrics;

import java.util.Arrays;

/**
 * The points of a binary curve with more distinct scores than its cap, collected in the one sweep
 * that also computes AUC and AP (issue 14; before, a first sweep counted the distinct scores and a
 * second one took every {@code stride}-th). The curve keeps the points at every multiple of the
 * stride {@code ceil(groups / cap)} and the last, {@code groups} being known only at the end of the
 * sweep. While it runs, {@code groups} lies between the scores seen so far and an upper bound known
 * beforehand (the pairs the score counts hold), so the stride lies in a window {@code [low, high]}
 * whose low end rises as the sweep goes on: a point is kept while its index is a multiple of some
 * stride still in the window. The result is the curve the second sweep gave, point for point.
 * Points no stride in the window needs any more are dropped when the arrays are full. When more
 * than {@code limit} points would be held or the window is wider than {@value #WINDOW} strides (a
 * bound far above the cap or above the distinct scores), it gives up and the caller sweeps again.
 */
final class StridedCurvePoints implements ScoreMetrics.PointSink {
  /** The widest window of strides followed. */
  static final int WINDOW = 32;

  private final int cap;
  private final int high;
  private final int limit;
  private int low = 1;

  /** {@code next[s]}: the next multiple of stride s not yet passed (for s in the window). */
  private final long[] next;

  private long nextWanted;
  private long[] indices;
  private double[] thresholds;
  private long[] tps;
  private long[] fps;
  private int size;
  private long tp;
  private long fp;
  private boolean gaveUp;

  /**
   * @param cap the curve's points before the last ({@link ScoreMetrics#FULL_CURVE})
   * @param bound at least the number of distinct scores the sweep will give
   */
  StridedCurvePoints(int cap, long bound) {
    this(cap, bound, 4 * cap);
  }

  StridedCurvePoints(int cap, long bound, int limit) {
    this.cap = cap;
    long strides = Math.max(1, (bound + cap - 1) / cap);
    this.limit = limit;
    if (strides > WINDOW) { // a bound this far above the cap: the second sweep
      this.high = 0;
      this.next = new long[0];
      giveUp();
      return;
    }
    this.high = (int) strides;
    this.next = new long[high + 1]; // every stride's first multiple is 0
    int room = Math.min(1024, limit);
    indices = new long[room];
    thresholds = new double[room];
    tps = new long[room];
    fps = new long[room];
  }

  @Override
  public void add(long index, double threshold, long pos, long neg, boolean last) {
    tp += pos;
    fp += neg;
    if (gaveUp) {
      return;
    }
    long atLeast = index / cap + 1; // ceil((index + 1) / cap): at least index + 1 groups
    if (atLeast > low) {
      if (atLeast > high) { // more distinct scores than the bound: not with a true bound
        giveUp();
        return;
      }
      low = (int) atLeast;
      nextWanted = smallestNext();
    }
    boolean wanted = index == nextWanted;
    if (wanted) {
      for (int s = low; s <= high; s++) {
        if (next[s] == index) {
          next[s] += s;
        }
      }
      nextWanted = smallestNext();
    }
    if (!wanted && !last) {
      return;
    }
    if (size == indices.length && !makeRoom()) {
      giveUp();
      return;
    }
    indices[size] = index;
    thresholds[size] = threshold;
    tps[size] = tp;
    fps[size] = fp;
    size++;
  }

  private long smallestNext() {
    long min = Long.MAX_VALUE;
    for (int s = low; s <= high; s++) {
      min = Math.min(min, next[s]);
    }
    return min;
  }

  /**
   * Drops the points no stride still in the window needs; grows the arrays when that freed less
   * than a quarter of them. False when they are at the limit and full.
   */
  private boolean makeRoom() {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (wanted(indices[i])) {
        indices[kept] = indices[i];
        thresholds[kept] = thresholds[i];
        tps[kept] = tps[i];
        fps[kept] = fps[i];
        kept++;
      }
    }
    size = kept;
    if (size < indices.length - indices.length / 4) {
      return true;
    }
    if (indices.length >= limit) {
      return size < indices.length;
    }
    int grown = (int) Math.min((long) indices.length * 2, limit);
    indices = Arrays.copyOf(indices, grown);
    thresholds = Arrays.copyOf(thresholds, grown);
    tps = Arrays.copyOf(tps, grown);
    fps = Arrays.copyOf(fps, grown);
    return true;
  }

  /** Whether {@code index} is a multiple of a stride still in the window. */
  private boolean wanted(long index) {
    for (int s = low; s <= high; s++) {
      if (index % s == 0) {
        return true;
      }
    }
    return false;
  }

  private void giveUp() {
    gaveUp = true;
    indices = null;
    thresholds = null;
    tps = null;
    fps = null;
    size = 0;
  }

  /**
   * The curve of a sweep that gave {@code groups} distinct scores, or null when this gave up (sweep
   * again with the stride).
   */
  BinaryCurve curve(long groups) {
    if (gaveUp) {
      return null;
    }
    long stride = Math.max(1, (groups + cap - 1) / cap);
    int n = 0;
    double[] t = new double[Math.min(size, cap + 1)];
    long[] p = new long[t.length];
    long[] f = new long[t.length];
    for (int i = 0; i < size && n <= cap; i++) {
      if (indices[i] % stride == 0 || indices[i] == groups - 1) {
        t[n] = thresholds[i];
        p[n] = tps[i];
        f[n] = fps[i];
        n++;
      }
    }
    return BinaryCurve.of(Arrays.copyOf(t, n), Arrays.copyOf(p, n), Arrays.copyOf(f, n));
  }

  /** Whether it gave up (for tests). */
  boolean gaveUp() {
    return gaveUp;
  }
}
