package dev.assay.core.explain;

/**
 * A model as a batched function of its features: one number per row, in a stated {@link
 * OutputSpace}.
 */
public interface ModelFunction {
  /** The number of features (columns) of a row. */
  int features();

  /**
   * Evaluates {@code n} rows stored row-major in {@code rows} ({@code n * features()} values) into
   * {@code out[0 .. n-1]}.
   *
   * @throws dev.assay.core.AssayException when the model cannot be evaluated on these rows
   */
  void evaluate(double[] rows, int n, double[] out);

  /** Whether {@link #evaluate} may be called from several threads at once. */
  default boolean threadSafe() {
    return false;
  }
}
