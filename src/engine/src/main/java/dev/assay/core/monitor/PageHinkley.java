package dev.assay.core.monitor;

/**
 * The Page-Hinkley test (Page 1954; as used for concept drift by Gama, Sebastião and Rodrigues
 * 2013) for an increase of the mean: {@code m_T = Σ_{t<=T} (x_t - x̄_t - δ)} with {@code x̄_t} the
 * mean of {@code x_1..x_t}, {@code M_T = min(0, m_1, ..., m_T)}; a drift when {@code m_T - M_T > λ}
 * after at least {@code minInstances} elements (then it starts afresh). Computed as {@code S_T =
 * max(0, S_{T-1} + x_T - x̄_T - δ)}, which equals {@code m_T - M_T}. Standard parameters (MOA,
 * River): δ 0.005, λ 50, 30 instances.
 */
public final class PageHinkley {
  /** The standard parameters. */
  public static final Params STANDARD = new Params(30, 0.005, 50.0);

  /** Minimum instances, tolerated change δ and threshold λ. */
  public record Params(int minInstances, double delta, double lambda) {}

  /** What the detector holds: count, running mean and the statistic m_T - M_T. */
  public record State(long n, double mean, double statistic) {}

  private final Params params;
  private long n;
  private double mean;
  private double statistic;

  public PageHinkley(Params params) {
    this.params = params;
  }

  public static PageHinkley restore(Params params, State state) {
    PageHinkley d = new PageHinkley(params);
    d.n = state.n();
    d.mean = state.mean();
    d.statistic = state.statistic();
    return d;
  }

  public State state() {
    return new State(n, mean, statistic);
  }

  /** The current m_T - M_T. */
  public double statistic() {
    return statistic;
  }

  /** Adds one element. */
  public DetectorSignal add(double x) {
    n++;
    mean += (x - mean) / n;
    statistic = Math.max(0, statistic + x - mean - params.delta());
    if (n >= params.minInstances() && statistic > params.lambda()) {
      n = 0;
      mean = 0;
      statistic = 0;
      return DetectorSignal.DRIFT;
    }
    return DetectorSignal.NONE;
  }
}
