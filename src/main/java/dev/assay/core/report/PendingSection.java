package dev.assay.core.report;

import dev.assay.core.AssayException;
import dev.assay.core.model.ModelVersion;
import java.util.Optional;

/**
 * A placeholder adapter for a report kind this build cannot store yet (comparison, fairness and
 * security reports land with issues 4, 5 and 6): it never has content, so the workbook shows the
 * "not available" sheet. Replace it in {@code Workbench} with an adapter over the stored reports
 * when they exist.
 */
public record PendingSection(String sheetName, String kind, String howToProduce)
    implements WorkbookSection {

  /** The Comparison sheet until comparison reports can be read (issue 4). */
  public static WorkbookSection comparison() {
    return new PendingSection(
        "Comparison",
        "comparison report",
        "comparison reports come with the Compare screen and `assay compare` (not in this build"
            + " yet)");
  }

  /** The Fairness sheet until fairness reports can be read (issue 5). */
  public static WorkbookSection fairness() {
    return new PendingSection(
        "Fairness",
        "fairness report",
        "fairness reports come with the Fairness screen and `assay fairness` (not in this build"
            + " yet)");
  }

  /** The Security sheet when no security reports can be read. */
  public static WorkbookSection security() {
    return new PendingSection(
        "Security",
        "security report",
        "security reports come with the Security screen and `assay security` (not in this build"
            + " yet)");
  }

  @Override
  public Optional<SectionContent> content(ModelVersion model, Long reportId) {
    if (reportId != null) {
      throw new AssayException(
          "no " + kind + " " + reportId + ": this build of Assay does not store " + kind + "s yet");
    }
    return Optional.empty();
  }

  @Override
  public String howToProduce(ModelVersion model) {
    return howToProduce;
  }
}
