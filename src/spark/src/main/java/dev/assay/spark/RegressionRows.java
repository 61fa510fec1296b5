package dev.assay.spark;

import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;
import dev.assay.core.metrics.RegressionAccumulator;

/** A regression model's scored batch into the accumulator, as {@code RunState} does locally. */
final class RegressionRows {
  private RegressionRows() {}

  /**
   * Parses the batch's {@code n} targets into {@code actual} and adds them with the predictions.
   *
   * @throws AssayException naming the data row when a target is no number or a prediction is NaN
   */
  static void take(
      RegressionAccumulator accumulator,
      String target,
      long[] rowNumbers,
      String[] targets,
      double[] actual,
      int n,
      double[] predicted) {
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
    }
    accumulator.add(actual, predicted, n);
  }
}
