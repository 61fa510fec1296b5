package dev.assay.core.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What to put in a compliance workbook.
 *
 * @param runId the evaluation run the workbook is about (a completed run)
 * @param compareId the comparison report to include, or null for the newest of the model version
 * @param fairnessId the fairness report to include, or null for the newest
 * @param securityId the security report to include, or null for the newest
 * @param predictions whether to add the per-row Predictions sheet (streamed; large)
 * @param maskedColumns dataset columns whose raw values are replaced by {@value #MASK} on export
 * @param crosswalk a crosswalk file to use instead of the workbench's or the built-in one, or null
 * @param explanationId the explanation to include, or null for the newest of the model version
 */
public record WorkbookOptions(
    long runId,
    Long compareId,
    Long fairnessId,
    Long securityId,
    boolean predictions,
    List<String> maskedColumns,
    Path crosswalk,
    Long explanationId) {

  /** What a masked value shows. */
  public static final String MASK = "[masked]";

  public WorkbookOptions {
    maskedColumns =
        maskedColumns == null
            ? List.of()
            : maskedColumns.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Options with the newest explanation of the model version. */
  public WorkbookOptions(
      long runId,
      Long compareId,
      Long fairnessId,
      Long securityId,
      boolean predictions,
      List<String> maskedColumns,
      Path crosswalk) {
    this(runId, compareId, fairnessId, securityId, predictions, maskedColumns, crosswalk, null);
  }

  /** These options with the explanation {@code id} (null: the newest of the model version). */
  public WorkbookOptions withExplanation(Long id) {
    return new WorkbookOptions(
        runId, compareId, fairnessId, securityId, predictions, maskedColumns, crosswalk, id);
  }

  /** The workbook of a run with the newest reports, no Predictions sheet and nothing masked. */
  public static WorkbookOptions of(long runId) {
    return new WorkbookOptions(runId, null, null, null, false, List.of(), null);
  }

  /** These options with the Predictions sheet on or off. */
  public WorkbookOptions withPredictions(boolean on) {
    return new WorkbookOptions(
        runId, compareId, fairnessId, securityId, on, maskedColumns, crosswalk, explanationId);
  }

  /** These options masking {@code columns}. */
  public WorkbookOptions withMasked(List<String> columns) {
    return new WorkbookOptions(
        runId, compareId, fairnessId, securityId, predictions, columns, crosswalk, explanationId);
  }
}
