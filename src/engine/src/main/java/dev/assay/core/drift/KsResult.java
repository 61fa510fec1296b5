package dev.assay.core.drift;

/**
 * A two-sided two-sample Kolmogorov-Smirnov test.
 *
 * @param statistic the largest distance between the two empirical CDFs (for an exact p-value,
 *     rounded to the lattice h / lcm(n1, n2) as SciPy does)
 * @param pValue the two-sided p-value
 * @param method how the p-value was computed
 */
public record KsResult(double statistic, double pValue, KsMethod method) {}
