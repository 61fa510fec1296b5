package dev.assay.core.drift;

/** How a two-sample Kolmogorov-Smirnov p-value was computed. */
public enum KsMethod {
  /** Exact null distribution (lattice paths), used when max(n1, n2) is at most 10,000. */
  EXACT,
  /** The one-sample distribution of D at n = round(n1 n2 / (n1 + n2)), as SciPy's "asymp". */
  ASYMP,
  /**
   * As {@link #ASYMP}, with D computed against a stored reference {@link NumericSketch}: D is the
   * midpoint of an interval that holds the exact D ({@link SketchBounds}).
   */
  ASYMP_SKETCH
}
