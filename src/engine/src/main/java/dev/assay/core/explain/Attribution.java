package dev.assay.core.explain;

/**
 * The attributions of one explained row: {@code phi[i]} for feature i, with {@code prediction} =
 * f(x) and {@code baseValue} = mean f(B) in the same output space.
 */
public sealed interface Attribution permits Attribution.Exact, Attribution.Estimated {
  double[] phi();

  double prediction();

  double baseValue();

  /** Model evaluations (rows through the model) spent on this row. */
  long evaluations();

  /** Per-feature standard errors, or null when the values are exact. */
  double[] stdErrors();

  /** {@code |Σφ − (f(x) − mean f(B))|}. */
  default double efficiencyError() {
    double sum = 0;
    for (double p : phi()) {
      sum += p;
    }
    return Math.abs(sum - (prediction() - baseValue()));
  }

  /** Attributions computed exactly (enumeration or closed form). */
  record Exact(double[] phi, double prediction, double baseValue, long evaluations)
      implements Attribution {
    @Override
    public double[] stdErrors() {
      return null;
    }
  }

  /**
   * Attributions estimated by sampling.
   *
   * @param converged whether every standard error fell under the tolerance before the budget ran
   *     out
   */
  record Estimated(
      double[] phi,
      double[] stdErrors,
      double prediction,
      double baseValue,
      long evaluations,
      boolean converged)
      implements Attribution {}
}
