package dev.assay.core.report;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.review.Role;
import dev.assay.core.review.SignOff;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a workbook shows, gathered before any sheet is written.
 *
 * @param sections the optional sections in sheet order, each with its content when available
 * @param extraColumns dataset columns added to the Predictions sheet (the model's sensitive ones)
 */
record ReportInputs(
    ModelVersion model,
    List<ContentStore.StoredFile> modelFiles,
    ModelCard card,
    RunSummary run,
    EvaluationResult result,
    RunStore.Documents documents,
    DatasetVersion dataset,
    MetricIntervals.Result intervals,
    List<Section> sections,
    List<SignOff> signOffs,
    AuditLog.Verification audit,
    List<AuditLog.Entry> auditEntries,
    Crosswalk crosswalk,
    String preparedBy,
    Role preparerRole,
    Instant preparedAt,
    String assayVersion,
    WorkbookOptions options,
    List<String> extraColumns) {

  /** An optional section and its content, if the model version has such a report. */
  record Section(WorkbookSection source, Optional<SectionContent> content) {
    String howToProduce(ModelVersion model) {
      return source.howToProduce(model);
    }
  }

  boolean masked(String column) {
    return options.maskedColumns().contains(column);
  }
}
