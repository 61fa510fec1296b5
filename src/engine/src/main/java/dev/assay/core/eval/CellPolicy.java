package dev.assay.core.eval;

import dev.assay.core.AssayException;
import dev.assay.core.model.ModelInspection;
import java.util.Set;

/**
 * What an evaluation does with numeric input cells that are not finite numbers. Infinite cells
 * ({@code inf}, {@code -Infinity}, {@code 1e309}) are refused unless the user allows them; missing
 * cells (empty, {@code NA}, {@code NaN}, {@code null}) go to the model as NaN when its graph
 * handles NaN itself (an imputer, an {@code IsNaN} test, a tree ensemble with its missing-value
 * branches), and are refused otherwise. A refusal names the 1-based data row, the line and the
 * column.
 *
 * @param allowNonFinite pass infinite cells to the model ({@code --allow-nonfinite})
 * @param passMissing pass missing cells to the model as NaN (0 for integer inputs)
 * @param missingReason why missing cells are passed or refused, for the run's config and messages
 */
public record CellPolicy(boolean allowNonFinite, boolean passMissing, String missingReason) {

  /** Operators (any domain) that give a model its own handling of NaN inputs. */
  static final Set<String> NAN_AWARE_OPERATORS =
      Set.of("Imputer", "IsNaN", "TreeEnsembleClassifier", "TreeEnsembleRegressor", "TreeEnsemble");

  /** Refuses infinite cells and passes missing ones: what the readers did before policies. */
  public static final CellPolicy LENIENT = new CellPolicy(false, true, "passed as NaN");

  /**
   * The policy for a model: missing cells pass when its graph has an operator of {@link
   * #NAN_AWARE_OPERATORS}.
   */
  public static CellPolicy forModel(ModelInspection inspection, boolean allowNonFinite) {
    String handler =
        inspection.ops().stream()
            .map(ModelInspection.OpCount::opType)
            .filter(NAN_AWARE_OPERATORS::contains)
            .findFirst()
            .orElse(null);
    return handler != null
        ? new CellPolicy(allowNonFinite, true, "the model handles NaN itself (" + handler + ")")
        : new CellPolicy(
            allowNonFinite,
            false,
            "the model has no operator that handles missing values (an Imputer, IsNaN or a tree"
                + " ensemble)");
  }

  /**
   * Checks one numeric cell already parsed to {@code value} (NaN for missing).
   *
   * @throws AssayException for an infinite cell when not allowed, or a missing cell when the model
   *     cannot take it, naming row, line and column
   */
  public void check(double value, long row, long line, String column) {
    if (Double.isInfinite(value) && !allowNonFinite) {
      throw new AssayException(
          where(row, line, column)
              + ": infinite value ("
              + (value > 0 ? "+inf" : "-inf")
              + "); fix the data or pass --allow-nonfinite to give it to the model");
    }
    if (Double.isNaN(value) && !passMissing) {
      throw new AssayException(
          where(row, line, column)
              + ": missing value, and "
              + missingReason
              + "; fill the cell or drop the row");
    }
  }

  /** Whether {@link #check} would refuse this value. */
  public boolean refuses(double value) {
    return Double.isInfinite(value) && !allowNonFinite || Double.isNaN(value) && !passMissing;
  }

  private static String where(long row, long line, String column) {
    return "row " + row + " (line " + line + "), column '" + column + "'";
  }
}
