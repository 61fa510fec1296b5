package dev.assay.core.monitor;

/**
 * The Drift Detection Method of Gama, Medas, Castillo and Rodrigues (SBIA 2004) on a stream of
 * errors (1 wrong, 0 right). After element {@code i}: the error rate {@code p_i} and {@code s_i =
 * sqrt(p_i (1 - p_i) / i)}; from {@code minInstances} on, {@code p_min, s_min} are those of the
 * smallest {@code p_i + s_i} so far; a warning when {@code p_i + s_i >= p_min + 2 s_min}, a drift
 * when {@code p_i + s_i > p_min + 3 s_min} (then it starts afresh). Standard parameters (the paper,
 * MOA and River): 30 instances, warning 2, drift 3.
 */
public final class Ddm {
  /** The standard parameters. */
  public static final Params STANDARD = new Params(30, 2.0, 3.0);

  /** Minimum instances before deciding, warning and drift levels in standard deviations. */
  public record Params(int minInstances, double warningLevel, double driftLevel) {}

  /** What the detector holds: count, error rate, and the minimum's p and s. */
  public record State(long n, double p, double pMin, double sMin) {}

  private final Params params;
  private long n;
  private double p;
  private double pMin = Double.MAX_VALUE;
  private double sMin = Double.MAX_VALUE;

  public Ddm(Params params) {
    this.params = params;
  }

  public static Ddm restore(Params params, State state) {
    Ddm d = new Ddm(params);
    d.n = state.n();
    d.p = state.p();
    d.pMin = state.pMin();
    d.sMin = state.sMin();
    return d;
  }

  public State state() {
    return new State(n, p, pMin, sMin);
  }

  /**
   * Adds one element.
   *
   * @param error 1 for a wrong prediction, 0 for a right one
   * @throws IllegalArgumentException for any other value
   */
  public DetectorSignal add(double error) {
    if (error != 0 && error != 1) {
      throw new IllegalArgumentException("DDM takes errors 0 or 1, not " + error);
    }
    n++;
    p += (error - p) / n;
    double s = Math.sqrt(p * (1 - p) / n);
    if (n < params.minInstances()) {
      return DetectorSignal.NONE;
    }
    if (p + s <= pMin + sMin) {
      pMin = p;
      sMin = s;
    }
    if (p + s > pMin + params.driftLevel() * sMin) {
      n = 0;
      p = 0;
      pMin = Double.MAX_VALUE;
      sMin = Double.MAX_VALUE;
      return DetectorSignal.DRIFT;
    }
    if (p + s > pMin + params.warningLevel() * sMin) {
      return DetectorSignal.WARNING;
    }
    return DetectorSignal.NONE;
  }
}
