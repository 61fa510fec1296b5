package dev.assay.core.explain;

import java.util.List;

/**
 * The result of an explanation run.
 *
 * @param classLabel the explained class, null for a regression
 * @param backgroundSha256 SHA-256 of the background's values as little-endian float64, row-major
 * @param baseValue mean f(B) in the output space
 * @param permutation permutation importance per feature, or null when skipped
 * @param scorer the permutation importance metric (scikit-learn's name), or null
 * @param evaluations model evaluations (rows through the model) in all
 * @param notes things the user should know (a skipped importance, an unconverged row)
 * @param inputs the explained rows' feature values, row-major, in {@code rows} order
 */
public record ExplanationReport(
    Method method,
    OutputSpace space,
    String classLabel,
    long seed,
    double tolerance,
    int backgroundRows,
    String backgroundSha256,
    List<String> features,
    double baseValue,
    List<Explainer.RowAttribution> rows,
    double[] meanAbs,
    PermutationImportance.Importance[] permutation,
    String scorer,
    int repeats,
    long evaluations,
    List<String> notes,
    double[] inputs) {
  public ExplanationReport {
    features = List.copyOf(features);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /** The largest efficiency error over the rows. */
  public double worstEfficiencyError() {
    return rows.stream().mapToDouble(r -> r.attribution().efficiencyError()).max().orElse(0);
  }
}
