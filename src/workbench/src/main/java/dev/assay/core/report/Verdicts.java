package dev.assay.core.report;

import dev.assay.core.data.DataFinding;
import dev.assay.core.data.DataSeverity;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.review.SignOff;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Summary sheet's overall verdicts, in plain words. */
final class Verdicts {
  private Verdicts() {}

  static String performance(ReportInputs in) {
    EvaluationResult r = in.result();
    List<String> parts = new ArrayList<>();
    if (r.classification() != null) {
      boolean binary = r.classOrder().size() == 2;
      if (binary) {
        parts.add(metric(in, "roc_auc", "ROC AUC"));
        parts.add(metric(in, "accuracy", "accuracy"));
        parts.add(metric(in, "f1", "F1 for class '" + r.positiveLabel() + "'"));
      } else {
        parts.add(metric(in, "accuracy", "accuracy"));
        parts.add(metric(in, "f1_macro", "macro F1"));
        parts.add(metric(in, "roc_auc_ovr_macro", "one-vs-rest ROC AUC"));
      }
    } else if (r.regression() != null) {
      parts.add(metric(in, "mae", "MAE"));
      parts.add(metric(in, "rmse", "RMSE"));
      parts.add(metric(in, "r2", "R²"));
    }
    parts.removeIf(String::isEmpty);
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Measured on %,d rows of %s: %s.",
                r.rows(),
                in.run().dataset(),
                String.join(", ", parts)));
    if (r.agreement() != null && r.agreement().disagreements() > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              " The label output and the probabilities disagree on %,d rows.",
              r.agreement().disagreements()));
    }
    text.append(
        " No acceptance thresholds are stored with the run: the reviewer judges whether this is"
            + " adequate for the intended use.");
    return text.toString();
  }

  private static String metric(ReportInputs in, String key, String words) {
    MetricIntervals.Interval i = in.intervals().intervals().get(key);
    if (i == null || !Double.isFinite(i.estimate())) {
      return "";
    }
    if (!Double.isFinite(i.lower())) {
      return String.format(Locale.ROOT, "%s %.4f", words, i.estimate());
    }
    return String.format(
        Locale.ROOT, "%s %.4f (95%% CI %.4f–%.4f)", words, i.estimate(), i.lower(), i.upper());
  }

  static String section(ReportInputs in, ReportInputs.Section section) {
    return section
        .content()
        .map(SectionContent::verdict)
        .orElseGet(
            () ->
                "Not assessed: no "
                    + section.source().kind()
                    + " for this model version. To add one: "
                    + section.howToProduce(in.model())
                    + ".");
  }

  static String dataQuality(ReportInputs in) {
    List<DataFinding> findings = in.dataset().profile().findings();
    if (findings.isEmpty()) {
      return "No data-quality findings on the test data " + in.dataset().ref() + ".";
    }
    long errors = findings.stream().filter(f -> f.severity() == DataSeverity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == DataSeverity.WARNING).count();
    long info = findings.size() - errors - warnings;
    return String.format(
        Locale.ROOT,
        "%d finding(s) on the test data %s: %d error(s), %d warning(s), %d note(s). Most severe:"
            + " %s",
        findings.size(),
        in.dataset().ref(),
        errors,
        warnings,
        info,
        findings.getFirst().message());
  }

  static String signOff(ReportInputs in) {
    if (in.signOffs().isEmpty()) {
      return "Not signed off. A reviewer signs off in the Reports screen or with `assay signoff"
          + " sign "
          + in.model().ref()
          + " --decision ...`.";
    }
    SignOff s = in.signOffs().getFirst();
    String text =
        s.decision().id().replace('_', ' ')
            + " by "
            + s.reviewer()
            + " ("
            + s.role()
            + ") on "
            + s.signedAt()
            + (s.runId() == null ? "" : ", covering run " + s.runId());
    return s.stale()
        ? "STALE: " + text + ". " + String.join("; ", s.staleReasons()) + "."
        : "Current: " + text + ".";
  }

  static String audit(ReportInputs in) {
    return in.audit().intact()
        ? "Intact: all "
            + in.audit().entries()
            + " entries of the workbench's hash chain verify ("
            + in.auditEntries().size()
            + " concern this model version)."
        : "BROKEN at entry " + in.audit().firstBroken() + ": " + in.audit().problem();
  }
}
