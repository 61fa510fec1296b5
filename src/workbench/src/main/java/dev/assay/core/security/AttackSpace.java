package dev.assay.core.security;

import java.util.Collection;

/**
 * Where an evasion attack may move a row: the mutable numeric features (not immutable, text or
 * categorical, with a spread and a range), in coordinates {@code z} scaled by each feature's
 * standard deviation around the original row. {@link #point} turns coordinates back into a row the
 * model can score, inside the feature's domain: whole numbers stay whole and values stay in the
 * observed range. Distances are L-infinity in standard deviations, measured on the real rows.
 */
final class AttackSpace {
  private final SampleTable sample;
  private final int[] mutable;

  AttackSpace(SampleTable sample, Collection<String> immutable) {
    this.sample = sample;
    int[] chosen = new int[sample.columns.size()];
    int m = 0;
    for (int j = 0; j < sample.columns.size(); j++) {
      boolean movable =
          !sample.text[j]
              && !sample.categorical[j]
              && !immutable.contains(sample.columns.get(j))
              && sample.std[j] > 0
              && Double.isFinite(sample.min[j])
              && Double.isFinite(sample.max[j])
              && sample.max[j] > sample.min[j];
      if (movable) {
        chosen[m++] = j;
      }
    }
    this.mutable = java.util.Arrays.copyOf(chosen, m);
  }

  /** Number of coordinates. */
  int dimensions() {
    return mutable.length;
  }

  /** The column of coordinate {@code k}. */
  int column(int k) {
    return mutable[k];
  }

  SampleTable sample() {
    return sample;
  }

  /** Lowest coordinate {@code k} can take for row {@code x0} (0 when the value is missing). */
  double lower(double[] x0, int k) {
    int j = mutable[k];
    return Double.isNaN(x0[j]) ? 0 : Math.min(0, (sample.min[j] - x0[j]) / sample.std[j]);
  }

  /** Highest coordinate {@code k} can take for row {@code x0} (0 when the value is missing). */
  double upper(double[] x0, int k) {
    int j = mutable[k];
    return Double.isNaN(x0[j]) ? 0 : Math.max(0, (sample.max[j] - x0[j]) / sample.std[j]);
  }

  /** Clips {@code z} in place to the observed range around {@code x0}. */
  void clipToRange(double[] x0, double[] z) {
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.max(lower(x0, k), Math.min(upper(x0, k), z[k]));
    }
  }

  /**
   * The row at coordinates {@code z} around {@code x0}: mutable features moved, rounded when whole,
   * clipped to the observed range; everything else as in {@code x0}.
   */
  double[] point(double[] x0, double[] z) {
    double[] x = x0.clone();
    for (int k = 0; k < mutable.length; k++) {
      int j = mutable[k];
      if (!Double.isNaN(x0[j])) {
        x[j] = sample.constrain(j, x0[j] + z[k] * sample.std[j]);
      }
    }
    return x;
  }

  /** The coordinates of row {@code x} around {@code x0} (0 where either value is missing). */
  double[] coordinates(double[] x0, double[] x) {
    double[] z = new double[mutable.length];
    for (int k = 0; k < mutable.length; k++) {
      int j = mutable[k];
      double d = (x[j] - x0[j]) / sample.std[j];
      z[k] = Double.isNaN(d) ? 0 : d;
    }
    return z;
  }

  /**
   * L-infinity distance between two rows in standard deviations, over every numeric feature that is
   * not text (so a change to a feature the attack may not move would show).
   */
  double distance(double[] x0, double[] x) {
    double max = 0;
    for (int j = 0; j < x0.length; j++) {
      if (sample.text[j] || Double.isNaN(x0[j]) && Double.isNaN(x[j])) {
        continue;
      }
      double d = Math.abs(x[j] - x0[j]);
      if (d == 0) {
        continue;
      }
      max = Math.max(max, sample.std[j] > 0 ? d / sample.std[j] : Double.POSITIVE_INFINITY);
    }
    return max;
  }

  /** L-infinity norm of coordinates. */
  static double norm(double[] z) {
    double max = 0;
    for (double v : z) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** {@code z} clipped to the L-infinity ball of radius {@code radius} (a new array). */
  static double[] clip(double[] z, double radius) {
    double[] c = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      c[k] = Math.max(-radius, Math.min(radius, z[k]));
    }
    return c;
  }
}
