package dev.assay.spark;

import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;

/** A regression model's scored batch into the accumulator, as {@code RunState} does locally. */
final class RegressionRows {
  private RegressionRows() {}

  /**
   * Parses the batch's {@code n} targets into {@code actual} and adds them with the predictions
   * into the partial's accumulator (and into its per-row predictions when it keeps them).
   *
   * @throws AssayException naming the data row when a target is no number or a prediction is NaN
   */
  static void take(
      Partial partial,
      String target,
      long[] rowNumbers,
      String[] targets,
      double[] actual,
      int n,
      double[] predicted) {
    PredictionRows rows = partial.predictions;
    for (int i = 0; i < n; i++) {
      try {
        actual[i] = Cells.parseNumber(targets[i]);
      } catch (NumberFormatException e) {
        throw new AssayException(
            "row "
                + rowNumbers[i]
                + ", target column '"
                + target
                + "': '"
                + targets[i]
                + "' is not a number");
      }
      if (Double.isNaN(predicted[i])) {
        throw new AssayException(
            "row "
                + rowNumbers[i]
                + ": the model's prediction is NaN (a missing or infinite feature cell the model"
                + " does not handle?)");
      }
      if (rows != null) {
        rows.addRegression(rowNumbers[i], actual[i], predicted[i]);
      }
    }
    partial.regression.add(actual, predicted, n);
  }
}
