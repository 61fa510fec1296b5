package dev.assay.core.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN, the adaptive window of Bifet and Gavaldà (SDM 2007), in its ADWIN2 form as in MOA: the
 * window is kept as an exponential histogram (row {@code i} holds buckets of {@code 2^i} elements,
 * at most {@code maxBuckets} per row, the two oldest merged when a row overflows, each bucket with
 * its total and its sum of squared deviations). Every {@code clock} elements each split of the
 * window at a bucket boundary into an older part {@code W0} ({@code n0} elements) and a newer part
 * {@code W1} ({@code n1}), both longer than {@code minLength + 1}, is tested; when {@code |μ0 - μ1|
 * > ε}, with {@code m = 1/(n0 - minLength + 1) + 1/(n1 - minLength + 1)}, {@code d = ln(2 ln n /
 * δ)}, {@code σ²} the window's variance and {@code ε = sqrt(2 m σ² d) + 2/3 d m}, the oldest bucket
 * is dropped and the splits are tested again. Any drop is a detected change. Standard parameters
 * (the paper, MOA, River): δ 0.002, 5 buckets per row, clock 32, minimum length 5.
 */
public final class Adwin {
  /** The standard parameters. */
  public static final Params STANDARD = new Params(0.002, 5, 32, 5);

  /** Confidence δ, buckets per row, elements between checks, minimum sub-window length. */
  public record Params(double delta, int maxBuckets, int clock, int minLength) {}

  /**
   * What the detector holds.
   *
   * @param rows per row, its buckets oldest first, each as {total, sum of squared deviations}
   */
  public record State(
      long time, long width, double total, double variance, List<List<double[]>> rows) {}

  private final Params params;
  private final List<List<double[]>> rows = new ArrayList<>();
  private long time;
  private long width;
  private double total;
  private double variance;

  public Adwin(Params params) {
    this.params = params;
  }

  public static Adwin restore(Params params, State state) {
    Adwin a = new Adwin(params);
    a.time = state.time();
    a.width = state.width();
    a.total = state.total();
    a.variance = state.variance();
    for (List<double[]> row : state.rows()) {
      List<double[]> copy = new ArrayList<>();
      row.forEach(b -> copy.add(b.clone()));
      a.rows.add(copy);
    }
    return a;
  }

  public State state() {
    List<List<double[]>> copy = new ArrayList<>();
    for (List<double[]> row : rows) {
      copy.add(row.stream().map(double[]::clone).toList());
    }
    return new State(time, width, total, variance, copy);
  }

  /** Elements in the window. */
  public long width() {
    return width;
  }

  /** The window's mean. */
  public double mean() {
    return width == 0 ? 0 : total / width;
  }

  /** The window's (population) variance. */
  public double windowVariance() {
    return width == 0 ? 0 : variance / width;
  }

  /** Adds one element; {@link DetectorSignal#DRIFT} when the window was cut. */
  public DetectorSignal add(double x) {
    insert(x);
    compress();
    time++;
    boolean cut = false;
    if (time % params.clock() == 0 && width > params.minLength()) {
      cut = cut();
    }
    return cut ? DetectorSignal.DRIFT : DetectorSignal.NONE;
  }

  private void insert(double x) {
    if (rows.isEmpty()) {
      rows.add(new ArrayList<>());
    }
    rows.get(0).add(new double[] {x, 0});
    width++;
    if (width > 1) {
      double d = x - total / (width - 1);
      variance += (width - 1) * d * d / width;
    }
    total += x;
  }

  private void compress() {
    for (int i = 0; i < rows.size(); i++) {
      List<double[]> row = rows.get(i);
      if (row.size() <= params.maxBuckets()) {
        return;
      }
      if (i + 1 == rows.size()) {
        rows.add(new ArrayList<>());
      }
      double n = Math.pow(2, i);
      double[] a = row.remove(0);
      double[] b = row.remove(0);
      double d = a[0] / n - b[0] / n;
      rows.get(i + 1).add(new double[] {a[0] + b[0], a[1] + b[1] + n * n * d * d / (2 * n)});
    }
  }

  private boolean cut() {
    boolean any = false;
    boolean again = true;
    while (again) {
      again = false;
      double n0 = 0;
      double sum0 = 0;
      outer:
      for (int i = rows.size() - 1; i >= 0; i--) {
        double size = Math.pow(2, i);
        List<double[]> row = rows.get(i);
        for (int j = 0; j < row.size(); j++) {
          n0 += size;
          sum0 += row.get(j)[0];
          double n1 = width - n0;
          if (n1 <= params.minLength() + 1 || n0 <= params.minLength() + 1) {
            continue;
          }
          double difference = sum0 / n0 - (total - sum0) / n1;
          if (Math.abs(difference) > epsilon(n0, n1)) {
            dropOldest();
            again = true;
            any = true;
            break outer;
          }
        }
      }
    }
    return any;
  }

  private double epsilon(double n0, double n1) {
    double d = Math.log(2 * Math.log(width) / params.delta());
    double m = 1 / (n0 - params.minLength() + 1) + 1 / (n1 - params.minLength() + 1);
    double v = variance / width;
    return Math.sqrt(2 * m * v * d) + 2.0 / 3.0 * d * m;
  }

  private void dropOldest() {
    int last = rows.size() - 1;
    List<double[]> row = rows.get(last);
    double[] bucket = row.remove(0);
    double n = Math.pow(2, last);
    double u = bucket[0] / n;
    double mean = total / width;
    variance -= bucket[1] + n * width * (u - mean) * (u - mean) / (width - n);
    width -= (long) n;
    total -= bucket[0];
    if (row.isEmpty()) {
      rows.remove(last);
    }
    if (width == 0) {
      variance = 0;
    }
  }
}
