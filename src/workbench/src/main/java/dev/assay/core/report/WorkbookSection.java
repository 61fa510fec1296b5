package dev.assay.core.report;

import dev.assay.core.model.ModelVersion;
import java.util.Optional;

/**
 * One optional sheet of the compliance workbook (Comparison, Fairness, Explanations, Security),
 * filled from a stored report of that kind. When the model version has no such report the workbook
 * shows a "not available" sheet naming {@link #howToProduce}.
 */
public interface WorkbookSection {
  /** The sheet's name, e.g. {@code Comparison}. */
  String sheetName();

  /** The report kind in words, e.g. {@code comparison report}. */
  String kind();

  /**
   * The content of a stored report of this kind.
   *
   * @param reportId the report the user named, or null for the newest one of the model version
   * @return empty when {@code reportId} is null and the version has no report of this kind
   * @throws dev.assay.core.AssayException when {@code reportId} names no report of this model
   *     version, or reports of this kind cannot be stored by this build
   */
  Optional<SectionContent> content(ModelVersion model, Long reportId);

  /** What a user does to produce a report of this kind, e.g. {@code run `assay compare ...`}. */
  String howToProduce(ModelVersion model);
}
