package dev.assay.core.metrics;

import java.util.Objects;

/**
 * One-pass, mergeable accumulator of regression metrics (scikit-learn definitions). Sums are
 * Neumaier-compensated; the total sum of squares uses Welford's update and Chan's merge, so r2
 * stays accurate for targets with a large offset. The absolute errors are counted exactly in sorted
 * order for the median ({@link ScoreCounts}; given a spill folder they spill to files there beyond
 * a fixed memory).
 *
 * <p>Not thread-safe: give each worker its own accumulator and merge them. {@link #close()} deletes
 * spilled files.
 */
public final class RegressionAccumulator implements AutoCloseable {
  /** {@code np.finfo(np.float64).eps}, the MAPE denominator floor. */
  static final double MAPE_EPS = 2.220446049250313e-16;

  private long rows;
  private final CompensatedSum absoluteErrors = new CompensatedSum();
  private final CompensatedSum squaredErrors = new CompensatedSum();
  private final CompensatedSum percentageErrors = new CompensatedSum();
  private double maxError;
  private double actualMean;
  private double actualM2;
  private final ScoreCounts absErrors;

  /** Creates an empty accumulator that keeps everything in memory. */
  public RegressionAccumulator() {
    this(null);
  }

  /**
   * Creates an empty accumulator.
   *
   * @param spillFolder where sorted absolute errors spill beyond a fixed memory, or null
   */
  public RegressionAccumulator(java.nio.file.Path spillFolder) {
    this.absErrors = new ScoreCounts(spillFolder);
  }

  /** Deletes the files the absolute errors spilled, if any. */
  @Override
  public void close() {
    absErrors.close();
  }

  /**
   * Adds {@code n} rows.
   *
   * @throws IllegalArgumentException for a NaN value, naming the row (0-based within this batch)
   */
  public void add(double[] actual, double[] predicted, int n) {
    Objects.checkFromIndexSize(0, n, actual.length);
    Objects.checkFromIndexSize(0, n, predicted.length);
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(actual[i]) || Double.isNaN(predicted[i])) {
        throw new IllegalArgumentException(
            (Double.isNaN(actual[i]) ? "actual" : "predicted") + " value is NaN in row " + i);
      }
    }
    for (int i = 0; i < n; i++) {
      double y = actual[i];
      double error = Math.abs(y - predicted[i]);
      absoluteErrors.add(error);
      squaredErrors.add(error * error);
      percentageErrors.add(error / Math.max(Math.abs(y), MAPE_EPS));
      maxError = Math.max(maxError, error);
      absErrors.add(Double.doubleToLongBits(error)); // non-negative: bit order is value order
      rows++;
      double delta = y - actualMean;
      actualMean += delta / rows;
      actualM2 += delta * (y - actualMean);
    }
  }

  /** Adds everything {@code other} has accumulated; {@code other} is left unchanged. */
  public void merge(RegressionAccumulator other) {
    if (other.rows == 0) {
      return;
    }
    long total = rows + other.rows;
    double delta = other.actualMean - actualMean;
    actualM2 += other.actualM2 + delta * delta * ((double) rows * other.rows / total);
    actualMean += delta * other.rows / total;
    rows = total;
    absoluteErrors.add(other.absoluteErrors);
    squaredErrors.add(other.squaredErrors);
    percentageErrors.add(other.percentageErrors);
    maxError = Math.max(maxError, other.maxError);
    absErrors.merge(other.absErrors);
  }

  /** Format version of {@link #writeTo}. */
  private static final int FORMAT = 1;

  /**
   * Writes everything accumulated, exactly (the compensated sums with their compensations, the
   * Welford mean and M2, every distinct absolute error with its count), so that another process can
   * {@link #readFrom read} it back and merge it: how a Spark job's partitions hand their partial
   * results to the driver.
   */
  public void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(FORMAT);
    out.writeLong(rows);
    absoluteErrors.writeTo(out);
    squaredErrors.writeTo(out);
    percentageErrors.writeTo(out);
    out.writeDouble(maxError);
    out.writeDouble(actualMean);
    out.writeDouble(actualM2);
    absErrors.writeTo(out);
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @param spillFolder where the absolute errors spill beyond a fixed memory, or null
   * @throws java.io.IOException when the input ends early or is of another format
   */
  public static RegressionAccumulator readFrom(java.io.DataInput in, java.nio.file.Path spillFolder)
      throws java.io.IOException {
    if (in.readInt() != FORMAT) {
      throw new java.io.IOException("not a regression accumulator of format " + FORMAT);
    }
    RegressionAccumulator a = new RegressionAccumulator(spillFolder);
    a.rows = in.readLong();
    a.absoluteErrors.readFrom(in);
    a.squaredErrors.readFrom(in);
    a.percentageErrors.readFrom(in);
    a.maxError = in.readDouble();
    a.actualMean = in.readDouble();
    a.actualM2 = in.readDouble();
    a.absErrors.readFrom(in);
    return a;
  }

  /** The middle absolute error (the mean of the two middle ones for an even count). */
  private double median() {
    long n = absErrors.total();
    long lower = (n - 1) / 2;
    long upper = n / 2;
    double low = Double.NaN;
    long seen = 0;
    try (ScoreCounts.Cursor cursor = absErrors.cursor()) {
      while (cursor.next()) {
        long before = seen;
        seen += cursor.count();
        double value = Double.longBitsToDouble(cursor.key());
        if (before <= lower && lower < seen) {
          low = value;
        }
        if (before <= upper && upper < seen) {
          return n % 2 == 1 ? value : (low + value) / 2;
        }
      }
    }
    return Double.NaN;
  }

  /** The metrics of everything accumulated so far: one pass over the sorted absolute errors. */
  public RegressionMetrics snapshot() {
    if (rows == 0) {
      double nan = Double.NaN;
      return new RegressionMetrics(0, nan, nan, nan, nan, nan, nan, nan);
    }
    double mse = squaredErrors.value() / rows;
    double r2;
    if (rows < 2) {
      r2 = Double.NaN;
    } else if (actualM2 == 0) {
      r2 = squaredErrors.value() == 0 ? 1.0 : 0.0;
    } else {
      r2 = 1 - squaredErrors.value() / actualM2;
    }
    double median = median();
    return new RegressionMetrics(
        rows,
        absoluteErrors.value() / rows,
        mse,
        Math.sqrt(mse),
        r2,
        median,
        maxError,
        percentageErrors.value() / rows);
  }
}
