package dev.assay.core.eval;

import dev.assay.core.data.DataFinding;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.Binding;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dataset's import findings about cells a model cannot simply read (missing, infinite, not a
 * number) in the columns bound to its inputs, counted per column at import and repeated with each
 * run that reads them.
 */
public final class InputFindings {
  /** DataFinding kinds about cells of a column. */
  static final Set<String> CELL_KINDS = Set.of("missing_values", "infinite_values", "non_numeric");

  private InputFindings() {}

  /** The dataset's findings about missing, infinite and non-numeric cells, per column. */
  public static List<DataFinding> cells(DatasetVersion dataset) {
    if (dataset.profile() == null) {
      return List.of();
    }
    return dataset.profile().findings().stream()
        .filter(f -> CELL_KINDS.contains(f.kind()) && f.column() != null)
        .toList();
  }

  /** One line per finding on a column bound to the model, in the profile's order. */
  static List<String> of(DatasetVersion dataset, Binding binding) {
    Set<String> bound = new HashSet<>(binding.columns());
    return cells(dataset).stream()
        .filter(f -> bound.contains(f.column()))
        .map(f -> "input " + f.message())
        .toList();
  }
}
