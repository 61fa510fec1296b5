package dev.assay.samples;

/**
 * Per-column standardisation {@code (x - mean) / sd}, fitted on the training data.
 *
 * <p>Tribuo's SGD trainers converge much better on standardised inputs, but Tribuo 4.3 cannot
 * export its feature transformations to ONNX. The generator therefore standardises the data itself
 * and {@link OnnxModelFinisher} writes the same arithmetic (in float32) in front of the exported
 * graph, so the ONNX files take the raw CSV values.
 *
 * @param means the column means
 * @param scales the reciprocal of each column's population standard deviation (1 for a constant
 *     column)
 */
record Standardizer(double[] means, double[] scales) {

  /** Fits means and standard deviations column by column. */
  static Standardizer fit(double[][] rows) {
    int width = rows[0].length;
    double[] means = new double[width];
    double[] scales = new double[width];
    for (int c = 0; c < width; c++) {
      double sum = 0;
      for (double[] row : rows) {
        sum += row[c];
      }
      double mean = sum / rows.length;
      double squares = 0;
      for (double[] row : rows) {
        squares += (row[c] - mean) * (row[c] - mean);
      }
      double sd = Math.sqrt(squares / rows.length);
      means[c] = mean;
      scales[c] = sd > 0 ? 1.0 / sd : 1.0;
    }
    return new Standardizer(means, scales);
  }

  /** Returns standardised copies of the rows, computed the way the ONNX prefix does (float32). */
  double[][] apply(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      out[r] = new double[rows[r].length];
      for (int c = 0; c < rows[r].length; c++) {
        float centred = (float) rows[r][c] - (float) means[c];
        out[r][c] = centred * (float) scales[c];
      }
    }
    return out;
  }
}
