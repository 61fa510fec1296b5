package dev.assay.core.compare;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * DeLong's test for two correlated ROC AUCs measured on the same rows (DeLong, DeLong &amp;
 * Clarke-Pearson 1988), computed with the fast algorithm of Sun &amp; Xu (2014): mid-ranks of the
 * scores among the positives, among the negatives and among all rows give the structural components
 * V10 and V01 in O(n log n), whose covariances (ddof 1) give the variance of the difference.
 */
public final class DeLong {
  private static final NormalDistribution NORMAL = new NormalDistribution();

  private DeLong() {}

  /**
   * The outcome; the difference is {@code aucB - aucA}.
   *
   * @param variance variance of the difference
   * @param ciLow lower end of the 95% normal interval of the difference
   * @param ciHigh upper end of the 95% normal interval of the difference
   */
  public record Result(
      double aucA,
      double aucB,
      double difference,
      double variance,
      double z,
      double pValue,
      double ciLow,
      double ciHigh) {}

  /**
   * Compares the AUCs of scores {@code a} and {@code b} for the rows where {@code positive} says
   * which are positive. Returns NaN fields when a class is absent.
   */
  public static Result test(boolean[] positive, float[] a, float[] b, int n) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (positive[i]) {
        m++;
      }
    }
    int k = n - m;
    if (m == 0 || k == 0) {
      double nan = Double.NaN;
      return new Result(nan, nan, nan, nan, nan, nan, nan, nan);
    }
    Components ca = components(positive, a, n, m, k);
    Components cb = components(positive, b, n, m, k);
    double s10aa = covariance(ca.v10, ca.v10);
    double s10bb = covariance(cb.v10, cb.v10);
    double s10ab = covariance(ca.v10, cb.v10);
    double s01aa = covariance(ca.v01, ca.v01);
    double s01bb = covariance(cb.v01, cb.v01);
    double s01ab = covariance(ca.v01, cb.v01);
    double variance = (s10aa + s10bb - 2 * s10ab) / m + (s01aa + s01bb - 2 * s01ab) / k;
    double difference = cb.auc - ca.auc;
    double se = Math.sqrt(Math.max(variance, 0));
    double z;
    double p;
    if (se > 0) {
      z = difference / se;
      p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    } else {
      z = difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
      p = difference == 0 ? 1.0 : 0.0;
    }
    double half = NORMAL.inverseCumulativeProbability(0.975) * se;
    return new Result(
        ca.auc, cb.auc, difference, variance, z, p, difference - half, difference + half);
  }

  /** AUC and structural components of one score column. */
  private record Components(double auc, double[] v10, double[] v01) {}

  private static Components components(boolean[] positive, float[] score, int n, int m, int k) {
    float[] pos = new float[m];
    float[] neg = new float[k];
    int ip = 0;
    int in = 0;
    for (int i = 0; i < n; i++) {
      if (positive[i]) {
        pos[ip++] = score[i];
      } else {
        neg[in++] = score[i];
      }
    }
    float[] all = new float[n];
    System.arraycopy(pos, 0, all, 0, m);
    System.arraycopy(neg, 0, all, m, k);
    double[] tx = midranks(pos);
    double[] ty = midranks(neg);
    double[] tz = midranks(all);
    double sumPositiveRanks = 0;
    double[] v10 = new double[m];
    for (int i = 0; i < m; i++) {
      sumPositiveRanks += tz[i];
      v10[i] = (tz[i] - tx[i]) / k;
    }
    double[] v01 = new double[k];
    for (int j = 0; j < k; j++) {
      v01[j] = 1.0 - (tz[m + j] - ty[j]) / m;
    }
    double auc = (sumPositiveRanks - (double) m * (m + 1) / 2) / ((double) m * k);
    return new Components(auc, v10, v01);
  }

  /** 1-based ranks, ties sharing the mean of their ranks, in the input's order. */
  static double[] midranks(float[] values) {
    int n = values.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToIntBits(values[i] + 0.0f);
      bits ^= (bits >> 31) & 0x7fffffff; // order-preserving for negative values too
      keys[i] = ((long) bits << 32) | i;
    }
    Arrays.sort(keys);
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && (keys[j] >> 32) == (keys[i] >> 32)) {
        j++;
      }
      double rank = 0.5 * (i + j - 1) + 1;
      for (int t = i; t < j; t++) {
        ranks[(int) keys[t]] = rank;
      }
      i = j;
    }
    return ranks;
  }

  /** Sample covariance (ddof 1), as numpy's {@code cov}. */
  private static double covariance(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (x[i] - mx) * (y[i] - my);
    }
    return s / (n - 1);
  }
}
