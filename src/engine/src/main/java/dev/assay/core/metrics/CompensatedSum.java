package dev.assay.core.metrics;

/**
 * Neumaier-compensated running sum: accurate to about one rounding of the true sum regardless of
 * the number and order of terms, so that merged accumulators agree with one-pass accumulators.
 */
final class CompensatedSum {
  private double sum;
  private double compensation;

  void add(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }

  void add(CompensatedSum other) {
    add(other.sum);
    add(other.compensation);
  }

  double value() {
    return sum + compensation;
  }

  void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeDouble(sum);
    out.writeDouble(compensation);
  }

  void readFrom(java.io.DataInput in) throws java.io.IOException {
    sum = in.readDouble();
    compensation = in.readDouble();
  }
}
