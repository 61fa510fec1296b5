package dev.assay.core.metrics;

import java.util.Arrays;

/**
 * Cumulative true and false positives at each distinct score, highest score first: scikit-learn's
 * {@code _binary_clf_curve}. Ties share one threshold. Everything derived from it (ROC AUC, average
 * precision, the curves) is computed from integer counts, so it is exact up to the final divisions
 * and independent of the order in which rows arrived.
 */
final class BinaryCurve {
  private final double[] thresholds;
  private final long[] tps;
  private final long[] fps;
  private final long positives;
  private final long negatives;

  private BinaryCurve(double[] thresholds, long[] tps, long[] fps) {
    this.thresholds = thresholds;
    this.tps = tps;
    this.fps = fps;
    this.positives = tps.length == 0 ? 0 : tps[tps.length - 1];
    this.negatives = fps.length == 0 ? 0 : fps[fps.length - 1];
  }

  /** Sort key of one (score, outcome) pair: orders by score; -0.0 equals 0.0. */
  static long key(float score, boolean positive) {
    return ((long) sortable(score) << 1) | (positive ? 1 : 0);
  }

  /** The score's bits as an int whose signed order is the score's order; -0.0 equals 0.0. */
  static int sortable(float score) {
    int bits = Float.floatToIntBits(score + 0.0f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  /** The curve of distinct thresholds, highest first, with cumulative counts at each. */
  static BinaryCurve of(double[] thresholds, long[] tps, long[] fps) {
    return new BinaryCurve(thresholds, tps, fps);
  }

  /**
   * Exact ROC AUC and average precision swept over groups of tied scores, highest score first, with
   * the arithmetic of {@link #rocAuc()} and {@link #averagePrecision()} (same results, bit for
   * bit), holding nothing per group.
   */
  static final class Sweep {
    private final long positives;
    private final long negatives;
    private long tp;
    private long fp;
    private long twiceArea;
    private double ap;

    Sweep(long positives, long negatives) {
      this.positives = positives;
      this.negatives = negatives;
    }

    /** The next group of tied scores: {@code pos} positive and {@code neg} negative rows. */
    void group(long pos, long neg) {
      long nextTp = tp + pos;
      long nextFp = fp + neg;
      twiceArea += (nextFp - fp) * (nextTp + tp);
      if (nextTp != tp) {
        ap += (double) (nextTp - tp) / positives * ((double) nextTp / (nextTp + nextFp));
      }
      tp = nextTp;
      fp = nextFp;
    }

    double rocAuc() {
      return positives == 0 || negatives == 0
          ? Double.NaN
          : twiceArea / (2.0 * positives * negatives);
    }

    double averagePrecision() {
      return positives == 0 ? 0.0 : ap;
    }
  }

  static float score(long key) {
    int bits = (int) (key >> 1);
    bits ^= (bits >> 31) & 0x7fffffff;
    return Float.intBitsToFloat(bits);
  }

  /** The curve of {@code count} keys made by {@link #key}; sorts {@code keys} in place. */
  static BinaryCurve of(long[] keys, int count) {
    Arrays.sort(keys, 0, count);
    double[] thr = new double[count];
    long[] tp = new long[count];
    long[] fp = new long[count];
    int m = 0;
    long t = 0;
    long f = 0;
    for (int i = count - 1; i >= 0; i--) {
      if ((keys[i] & 1) != 0) {
        t++;
      } else {
        f++;
      }
      boolean lastOfGroup = i == 0 || (keys[i - 1] >> 1) != (keys[i] >> 1);
      if (lastOfGroup) {
        thr[m] = score(keys[i]);
        tp[m] = t;
        fp[m] = f;
        m++;
      }
    }
    return new BinaryCurve(Arrays.copyOf(thr, m), Arrays.copyOf(tp, m), Arrays.copyOf(fp, m));
  }

  long positives() {
    return positives;
  }

  long negatives() {
    return negatives;
  }

  /** Exact ROC AUC (ties count 1/2); NaN unless both classes are present. */
  double rocAuc() {
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    long twiceArea = 0;
    long prevTp = 0;
    long prevFp = 0;
    for (int i = 0; i < tps.length; i++) {
      twiceArea += (fps[i] - prevFp) * (tps[i] + prevTp);
      prevTp = tps[i];
      prevFp = fps[i];
    }
    return twiceArea / (2.0 * positives * negatives);
  }

  /** {@code sum_n (R_n - R_{n-1}) P_n}; 0 when there are no positives, as scikit-learn. */
  double averagePrecision() {
    if (positives == 0) {
      return 0.0;
    }
    double ap = 0;
    long prevTp = 0;
    for (int i = 0; i < tps.length; i++) {
      if (tps[i] != prevTp) {
        ap += (double) (tps[i] - prevTp) / positives * ((double) tps[i] / (tps[i] + fps[i]));
      }
      prevTp = tps[i];
    }
    return ap;
  }

  /** {@code roc_curve(drop_intermediate=True)} of scikit-learn 1.2. */
  Curve roc() {
    int m = tps.length;
    int[] keep = new int[m];
    int k = 0;
    for (int i = 0; i < m; i++) {
      boolean corner =
          m <= 2
              || i == 0
              || i == m - 1
              || fps[i + 1] - 2 * fps[i] + fps[i - 1] != 0
              || tps[i + 1] - 2 * tps[i] + tps[i - 1] != 0;
      if (corner) {
        keep[k++] = i;
      }
    }
    double[] fpr = new double[k + 1];
    double[] tpr = new double[k + 1];
    double[] thr = new double[k + 1];
    thr[0] = m == 0 ? Double.NaN : thresholds[0] + 1;
    fpr[0] = negatives == 0 ? Double.NaN : 0.0;
    tpr[0] = positives == 0 ? Double.NaN : 0.0;
    for (int j = 0; j < k; j++) {
      int i = keep[j];
      thr[j + 1] = thresholds[i];
      fpr[j + 1] = negatives == 0 ? Double.NaN : (double) fps[i] / negatives;
      tpr[j + 1] = positives == 0 ? Double.NaN : (double) tps[i] / positives;
    }
    return new Curve(fpr, tpr, thr);
  }

  /** {@code precision_recall_curve}: x = recall (decreasing, then 0), y = precision (then 1). */
  Curve precisionRecall() {
    int m = tps.length;
    double[] recall = new double[m + 1];
    double[] precision = new double[m + 1];
    double[] thr = new double[m];
    for (int i = 0; i < m; i++) {
      int j = m - 1 - i;
      thr[j] = thresholds[i];
      precision[j] = (double) tps[i] / (tps[i] + fps[i]);
      recall[j] = positives == 0 ? 1.0 : (double) tps[i] / positives;
    }
    precision[m] = 1.0;
    recall[m] = 0.0;
    return new Curve(recall, precision, thr);
  }
}
