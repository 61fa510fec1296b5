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
 * @param notes information about how the run went (where the slopes or node covers came from, a
 *     default that did not apply)
 * @param inputs the explained rows' feature values, row-major, in {@code rows} order
 * @param warnings what may make the result less than asked for (a binding problem, an unconverged
 *     row, a skipped importance)
 * @param background how the background was built
 * @param backgroundMean the (weighted) mean of each feature over the background, the reference a
 *     reason's direction is stated against
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
    double[] inputs,
    List<String> warnings,
    BackgroundSet.Summary background,
    double[] backgroundMean) {
  public ExplanationReport {
    features = List.copyOf(features);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
  }

  /** The largest efficiency error over the rows. */
  public double worstEfficiencyError() {
    return rows.stream().mapToDouble(r -> r.attribution().efficiencyError()).max().orElse(0);
  }
}
