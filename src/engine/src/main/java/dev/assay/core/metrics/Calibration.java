package dev.assay.core.metrics;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * Reliability curve as scikit-learn's {@code calibration_curve(y, p, n_bins=10,
 * strategy='uniform')}: ten bins with edges {@code i * 0.1}, a probability equal to an inner edge
 * falls in the lower bin ({@code searchsorted} left), empty bins are left out.
 *
 * <p>For a binary problem the probability is the positive class's; for a multiclass problem this is
 * top-label calibration: the probability is the row's largest class probability and the outcome is
 * whether its class (first on ties, as {@code argmax}) is the true class.
 *
 * @param probTrue fraction of positive outcomes in each non-empty bin
 * @param probPred mean predicted probability in each non-empty bin
 * @param counts rows in each non-empty bin
 * @param expectedCalibrationError {@code sum(counts[i] / n * |probTrue[i] - probPred[i]|)}
 */
public record Calibration(
    double[] probTrue, double[] probPred, long[] counts, double expectedCalibrationError) {

  static final int BINS = 10;

  /** Running sums of the ten bins, filled row by row and mergeable. */
  static final class Bins {
    private final double[] sums = new double[BINS];
    private final double[] trues = new double[BINS];
    private final long[] totals = new long[BINS];
    private long n;

    void add(double p, boolean hit) {
      int bin = bin(p);
      sums[bin] += p;
      if (hit) {
        trues[bin] += 1;
      }
      totals[bin]++;
      n++;
    }

    void merge(Bins other) {
      for (int b = 0; b < BINS; b++) {
        sums[b] += other.sums[b];
        trues[b] += other.trues[b];
        totals[b] += other.totals[b];
      }
      n += other.n;
    }

    Calibration snapshot() {
      return of(sums, trues, totals, n);
    }

    void writeTo(java.io.DataOutput out) throws java.io.IOException {
      for (int b = 0; b < BINS; b++) {
        out.writeDouble(sums[b]);
        out.writeDouble(trues[b]);
        out.writeLong(totals[b]);
      }
      out.writeLong(n);
    }

    void readFrom(java.io.DataInput in) throws java.io.IOException {
      for (int b = 0; b < BINS; b++) {
        sums[b] = in.readDouble();
        trues[b] = in.readDouble();
        totals[b] = in.readLong();
      }
      n = in.readLong();
    }
  }

  private static int bin(double p) {
    int bin = 0;
    while (bin < BINS - 1 && (bin + 1) * (1.0 / BINS) < p) {
      bin++;
    }
    return bin;
  }

  /** Bins {@code n} rows; row i has probability {@code probability(i)}, outcome {@code hit(i)}. */
  static Calibration uniform(int n, IntToDoubleFunction probability, IntPredicate hit) {
    double[] sums = new double[BINS];
    double[] trues = new double[BINS];
    long[] totals = new long[BINS];
    double[] edges = new double[BINS - 1];
    double step = 1.0 / BINS;
    for (int i = 0; i < edges.length; i++) {
      edges[i] = (i + 1) * step; // as numpy.linspace(0, 1, 11)[1:-1]
    }
    for (int i = 0; i < n; i++) {
      double p = probability.applyAsDouble(i);
      int bin = 0;
      while (bin < edges.length && edges[bin] < p) {
        bin++;
      }
      sums[bin] += p;
      if (hit.test(i)) {
        trues[bin] += 1;
      }
      totals[bin]++;
    }
    return of(sums, trues, totals, n);
  }

  private static Calibration of(double[] sums, double[] trues, long[] totals, long n) {
    int nonEmpty = 0;
    for (long t : totals) {
      if (t > 0) {
        nonEmpty++;
      }
    }
    double[] probTrue = new double[nonEmpty];
    double[] probPred = new double[nonEmpty];
    long[] counts = new long[nonEmpty];
    double ece = 0;
    int k = 0;
    for (int b = 0; b < BINS; b++) {
      if (totals[b] > 0) {
        probTrue[k] = trues[b] / totals[b];
        probPred[k] = sums[b] / totals[b];
        counts[k] = totals[b];
        ece += (double) totals[b] / n * Math.abs(probTrue[k] - probPred[k]);
        k++;
      }
    }
    return new Calibration(probTrue, probPred, counts, n == 0 ? Double.NaN : ece);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c
        && Arrays.equals(probTrue, c.probTrue)
        && Arrays.equals(probPred, c.probPred)
        && Arrays.equals(counts, c.counts)
        && Double.compare(expectedCalibrationError, c.expectedCalibrationError) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(probTrue) * 31 + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "Calibration[" + counts.length + " bins, ece=" + expectedCalibrationError + "]";
  }
}
