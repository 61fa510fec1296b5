package dev.assay.core.metrics;

import java.util.Arrays;

/**
 * The points of a binary curve with more distinct scores than its cap, collected in the one sweep
 * that also computes AUC and AP (issue 14; before, a first sweep counted the distinct scores and a
 * second one took every {@code stride}-th). The curve keeps the points at every multiple of the
 * stride {@code ceil(groups / cap)} and the last, {@code groups} being known only at the end of the
 * sweep. An upper bound on {@code groups} is known beforehand (the (key, count) pairs the score
 * counts hold), and with few repeated keys {@code groups} is close to it, so the points of the two
 * largest strides it allows are kept; at the end the one that {@code groups} gives is picked. When
 * the stride is smaller than both (many keys repeated across spilled runs, or a score with both
 * outcomes), {@link #curve} gives null and the caller sweeps again, as before.
 */
final class StridedCurvePoints implements ScoreMetrics.PointSink {
  private final int cap;
  private final long small;
  private final long large;
  private long nextSmall;
  private long nextLarge;
  private long[] indices = new long[1024];
  private double[] thresholds = new double[1024];
  private long[] tps = new long[1024];
  private long[] fps = new long[1024];
  private int size;
  private long tp;
  private long fp;

  /**
   * @param cap the curve's points before the last ({@link ScoreMetrics#FULL_CURVE})
   * @param bound at least the number of distinct scores the sweep will give, more than {@code cap}
   */
  StridedCurvePoints(int cap, long bound) {
    this.cap = cap;
    this.large = Math.max(1, (bound + cap - 1) / cap);
    this.small = Math.max(1, large - 1);
  }

  @Override
  public void add(long index, double threshold, long pos, long neg, boolean last) {
    tp += pos;
    fp += neg;
    boolean wanted = last;
    if (index == nextSmall) {
      nextSmall += small;
      wanted = true;
    }
    if (index == nextLarge) {
      nextLarge += large;
      wanted = true;
    }
    if (!wanted) {
      return;
    }
    if (size == indices.length) {
      int grown = size * 2;
      indices = Arrays.copyOf(indices, grown);
      thresholds = Arrays.copyOf(thresholds, grown);
      tps = Arrays.copyOf(tps, grown);
      fps = Arrays.copyOf(fps, grown);
    }
    indices[size] = index;
    thresholds[size] = threshold;
    tps[size] = tp;
    fps[size] = fp;
    size++;
  }

  /**
   * The curve of a sweep that gave {@code groups} distinct scores, or null when its stride is
   * neither of the two kept (sweep again with the stride).
   */
  BinaryCurve curve(long groups) {
    long stride = Math.max(1, (groups + cap - 1) / cap);
    if (stride != small && stride != large) {
      return null;
    }
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
}
