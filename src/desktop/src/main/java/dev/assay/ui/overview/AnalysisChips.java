package dev.assay.ui.overview;

import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.model.ModelVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Overview's "drift" and "explained" chips, read from the stored reports of a version: a short
 * text for the cell, the report, its figures and the command that makes one in the tooltip.
 */
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
      return Chip.missing("no drift report")
          .withDetail(
              "Run `assay drift --model "
                  + model.ref()
                  + " --reference … --current …`; its reports are listed on Drift.");
    }
    DriftReportStore.Summary newest = reports.getFirst();
    String datasets = "reference " + newest.reference() + ", current " + newest.current();
    if ("drift".equals(newest.verdict())) {
      List<String> drifted =
          newest.drifted() == null || newest.drifted().isBlank()
              ? List.of()
              : Arrays.stream(newest.drifted().split(",")).map(String::strip).toList();
      String count =
          drifted.isEmpty()
              ? "drift"
              : "drift in " + drifted.size() + (drifted.size() == 1 ? " feature" : " features");
      return Chip.bad(count)
          .withDetail(
              "drift report "
                  + newest.id()
                  + ": drift"
                  + (drifted.isEmpty() ? "" : " in " + String.join(", ", drifted))
                  + "\n"
                  + datasets);
    }
    return Chip.good("no drift")
        .withDetail("drift report " + newest.id() + ": no drift\n" + datasets);
  }

  /** The newest explanation of the version; a warning when its efficiency check fails. */
  static Chip explained(ExplanationStore store, ModelVersion model) {
    if (store == null) {
      return Chip.missing("not recorded");
    }
    List<ExplanationStore.Summary> all = store.list(model.id());
    if (all.isEmpty()) {
      return Chip.missing("not explained")
          .withDetail(
              "Run `assay explain --model "
                  + model.ref()
                  + " --data …`; its explanations are listed on Explanations.");
    }
    ExplanationStore.Summary newest = all.getFirst();
    String detail =
        String.format(
            Locale.ROOT,
            "explanation %d: %s (%s output) of %d rows of %s; efficiency error at most %.1e",
            newest.id(),
            newest.method(),
            newest.output(),
            newest.rows(),
            newest.dataset(),
            newest.maxEfficiencyError());
    String text = String.format(Locale.ROOT, "%s, %d rows", newest.method(), newest.rows());
    return newest.maxEfficiencyError() > EFFICIENCY_TOLERANCE
        ? Chip.warning("efficiency error")
            .withDetail(
                detail
                    + String.format(
                        Locale.ROOT,
                        " (over %.0e: the attributions do not add up to the output)",
                        EFFICIENCY_TOLERANCE))
        : Chip.good(text).withDetail(detail);
  }
}
