package dev.assay.ui.overview;

import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.model.ModelVersion;
import java.util.List;
import java.util.Locale;

/** The Overview's "drift" and "explained" chips, read from the stored reports of a version. */
final class AnalysisChips {
  /** The efficiency error a row may show on float32 outputs (as on the workbook's sheet). */
  static final double EFFICIENCY_TOLERANCE = 1e-6;

  private AnalysisChips() {}

  /** The newest drift report of the version: ✓ no drift, ✗ drift (and which features). */
  static Chip drift(DriftReportStore store, ModelVersion model) {
    if (store == null) {
      return Chip.missing("not recorded");
    }
    List<DriftReportStore.Summary> reports = store.list(model.id());
    if (reports.isEmpty()) {
      return Chip.missing("no drift report: run `assay drift --model " + model.ref() + " …`");
    }
    DriftReportStore.Summary newest = reports.getFirst();
    if ("drift".equals(newest.verdict())) {
      return Chip.bad(
          "report "
              + newest.id()
              + ": drift"
              + (newest.drifted() == null || newest.drifted().isEmpty()
                  ? ""
                  : " in " + newest.drifted()));
    }
    return Chip.good("report " + newest.id() + ": no drift");
  }

  /** The newest explanation of the version; a warning when its efficiency check fails. */
  static Chip explained(ExplanationStore store, ModelVersion model) {
    if (store == null) {
      return Chip.missing("not recorded");
    }
    List<ExplanationStore.Summary> all = store.list(model.id());
    if (all.isEmpty()) {
      return Chip.missing("not explained: run `assay explain --model " + model.ref() + " …`");
    }
    ExplanationStore.Summary newest = all.getFirst();
    String text =
        String.format(
            Locale.ROOT,
            "explanation %d: %s, %d rows",
            newest.id(),
            newest.method(),
            newest.rows());
    return newest.maxEfficiencyError() > EFFICIENCY_TOLERANCE
        ? Chip.warning(
            text
                + String.format(
                    Locale.ROOT, ", efficiency error %.1e", newest.maxEfficiencyError()))
        : Chip.good(text);
  }
}
