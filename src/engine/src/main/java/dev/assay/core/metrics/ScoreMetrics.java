package dev.assay.core.metrics;

import java.util.Arrays;

/**
 * The rank- and calibration-based metrics computed from exact sorted score counts.
 *
 * @param rocAuc binary ROC AUC (NaN for multiclass)
 * @param rocAucOvrMacro one-vs-rest macro AUC (binary: equals rocAuc)
 * @param rocAucOvoMacro one-vs-one macro AUC, Hand &amp; Till (binary: equals rocAuc)
 * @param averagePrecision binary AP, or macro one-vs-rest AP for multiclass
 * @param roc binary ROC curve, null for multiclass
 * @param precisionRecall binary PR curve, null for multiclass
 * @param calibration reliability curve and ECE
 */
record ScoreMetrics(
    double rocAuc,
    double rocAucOvrMacro,
    double rocAucOvoMacro,
    double averagePrecision,
    Curve roc,
    Curve precisionRecall,
    Calibration calibration) {

  static final ScoreMetrics ABSENT =
      new ScoreMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null, null);

  /**
   * Distinct scores up to which a binary curve keeps every threshold; above, the curves keep this
   * many exact points, evenly spread over the thresholds (AUC and AP still use all of them).
   */
  static final int FULL_CURVE = 100_000;

  /**
   * Binary: keys are {@code ~BinaryCurve.key(positive-class probability, positive)}, so ascending
   * keys are descending scores.
   */
  static ScoreMetrics binary(
      ScoreCounts ranks, long positives, long rows, Calibration.Bins calibration) {
    BinaryCurve.Sweep sweep = new BinaryCurve.Sweep(positives, rows - positives);
    BinaryCurve curve;
    long bound = ranks.distinctUpperBound();
    if (bound <= FULL_CURVE) { // every distinct score is a point: one sweep
      CurvePoints points = new CurvePoints(FULL_CURVE, 1);
      sweepBinary(ranks, sweep, points);
      curve = points.curve();
    } else { // one sweep keeps the points of the two largest strides the bound allows (issue 14)
      StridedCurvePoints points = new StridedCurvePoints(FULL_CURVE, bound);
      long groups = sweepBinary(ranks, sweep, points);
      curve = points.curve(groups);
      if (curve == null) { // a stride below both kept: the second sweep of before
        curve = evenlySpread(ranks, positives, rows, groups);
      }
    }
    double auc = sweep.rocAuc();
    return new ScoreMetrics(
        auc,
        auc,
        auc,
        sweep.averagePrecision(),
        curve.roc(),
        curve.precisionRecall(),
        calibration.snapshot());
  }

  /**
   * The curve of at most {@value #FULL_CURVE} (+ the last) points evenly spread over {@code groups}
   * distinct scores, by a sweep of its own (the points a one-sweep collector must equal).
   */
  static BinaryCurve evenlySpread(ScoreCounts ranks, long positives, long rows, long groups) {
    CurvePoints points =
        new CurvePoints(FULL_CURVE, Math.max(1, (groups + FULL_CURVE - 1) / FULL_CURVE));
    sweepBinary(ranks, new BinaryCurve.Sweep(positives, rows - positives), points);
    return points.curve();
  }

  /** One pass over the sorted counts; returns the number of distinct scores. */
  static long sweepBinary(ScoreCounts ranks, BinaryCurve.Sweep sweep, PointSink points) {
    long groups = 0;
    try (ScoreCounts.Cursor cursor = ranks.cursor()) {
      boolean more = cursor.next();
      while (more) {
        long key = ~cursor.key();
        long score = key >> 1;
        long pos = 0;
        long neg = 0;
        while (more && (~cursor.key() >> 1) == score) {
          if ((~cursor.key() & 1) != 0) {
            pos += cursor.count();
          } else {
            neg += cursor.count();
          }
          more = cursor.next();
        }
        sweep.group(pos, neg);
        points.add(groups, BinaryCurve.score(key), pos, neg, !more);
        groups++;
      }
    }
    return groups;
  }

  /** Receives a sweep's distinct scores, highest first, with their row counts. */
  interface PointSink {
    void add(long index, double threshold, long pos, long neg, boolean last);
  }

  /** Cumulative counts at every {@code stride}-th distinct score (and the last), at most a cap. */
  private static final class CurvePoints implements PointSink {
    private final long stride;
    private final int cap;
    private double[] thresholds = new double[64];
    private long[] tps = new long[64];
    private long[] fps = new long[64];
    private int size;
    private long tp;
    private long fp;

    CurvePoints(int cap, long stride) {
      this.cap = cap;
      this.stride = stride;
    }

    @Override
    public void add(long index, double threshold, long pos, long neg, boolean last) {
      tp += pos;
      fp += neg;
      if ((index % stride != 0 && !last) || size > cap) {
        return;
      }
      if (size == thresholds.length) {
        int grown = size * 2;
        thresholds = Arrays.copyOf(thresholds, grown);
        tps = Arrays.copyOf(tps, grown);
        fps = Arrays.copyOf(fps, grown);
      }
      thresholds[size] = threshold;
      tps[size] = tp;
      fps[size] = fp;
      size++;
    }

    BinaryCurve curve() {
      return BinaryCurve.of(
          Arrays.copyOf(thresholds, size), Arrays.copyOf(tps, size), Arrays.copyOf(fps, size));
    }
  }

  /**
   * Multiclass: {@code ranks[s]} holds {@code ~(sortable(probability of class s) << 16 | true
   * class)} of every row, so ascending keys are descending scores.
   */
  static ScoreMetrics multiclass(ScoreCounts[] ranks, long[] support, Calibration.Bins bins) {
    int classes = ranks.length;
    long n = 0;
    boolean allPresent = true;
    for (long s : support) {
      n += s;
      allPresent &= s > 0;
    }
    double ovr = 0;
    double ap = 0;
    // pairAuc[s][b]: AUC of class s's score, rows of s against rows of b
    double[][] pairAuc = new double[classes][classes];
    long[] counts = new long[classes];
    for (int s = 0; s < classes; s++) {
      BinaryCurve.Sweep rest = new BinaryCurve.Sweep(support[s], n - support[s]);
      BinaryCurve.Sweep[] pairs = new BinaryCurve.Sweep[classes];
      for (int b = 0; b < classes; b++) {
        pairs[b] = new BinaryCurve.Sweep(support[s], support[b]);
      }
      try (ScoreCounts.Cursor cursor = ranks[s].cursor()) {
        boolean more = cursor.next();
        while (more) {
          long score = ~cursor.key() >> 16;
          Arrays.fill(counts, 0);
          long total = 0;
          while (more && (~cursor.key() >> 16) == score) {
            counts[(int) (~cursor.key() & 0xffff)] += cursor.count();
            total += cursor.count();
            more = cursor.next();
          }
          rest.group(counts[s], total - counts[s]);
          for (int b = 0; b < classes; b++) {
            if (b != s && counts[s] + counts[b] > 0) {
              pairs[b].group(counts[s], counts[b]);
            }
          }
        }
      }
      ovr += rest.rocAuc();
      ap += rest.averagePrecision();
      for (int b = 0; b < classes; b++) {
        pairAuc[s][b] = pairs[b].rocAuc();
      }
    }
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < classes; a++) {
      for (int b = a + 1; b < classes; b++) {
        if (support[a] == 0 || support[b] == 0) {
          continue;
        }
        double both = pairAuc[a][b];
        both += pairAuc[b][a];
        sum += both / 2;
        pairs++;
      }
    }
    return new ScoreMetrics(
        Double.NaN,
        allPresent ? ovr / classes : Double.NaN,
        pairs == 0 ? Double.NaN : sum / pairs,
        allPresent ? ap / classes : Double.NaN,
        null,
        null,
        bins.snapshot());
  }
}
