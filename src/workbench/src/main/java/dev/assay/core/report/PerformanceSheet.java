package dev.assay.core.report;

import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.metrics.Calibration;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.Curve;
import dev.assay.core.metrics.PerClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Sheet 2: every metric with its bootstrap 95% interval, the confusion matrix, the per-class table,
 * calibration, and the ROC and precision-recall curves as Excel charts over the curve data below.
 */
final class PerformanceSheet {
  static final String NAME = "Performance";

  private static final Map<String, String> MEANING =
      Map.ofEntries(
          Map.entry("accuracy", "share of rows predicted correctly"),
          Map.entry("balanced_accuracy", "mean recall over the classes present"),
          Map.entry("precision", "of the rows predicted positive, the share truly positive"),
          Map.entry("recall", "of the truly positive rows, the share predicted positive"),
          Map.entry("f1", "harmonic mean of precision and recall (positive class)"),
          Map.entry("precision_macro", "mean precision over the classes"),
          Map.entry("recall_macro", "mean recall over the classes"),
          Map.entry("f1_macro", "mean F1 over the classes"),
          Map.entry("f1_weighted", "F1 per class weighted by support"),
          Map.entry("roc_auc", "area under the ROC curve (ranking quality)"),
          Map.entry("roc_auc_ovr_macro", "one-vs-rest ROC AUC, mean over classes"),
          Map.entry("roc_auc_ovo_macro", "one-vs-one ROC AUC (Hand & Till)"),
          Map.entry("average_precision", "area under the precision-recall curve (step-wise)"),
          Map.entry("log_loss", "cross-entropy of the probabilities (lower is better)"),
          Map.entry("brier", "mean squared error of the probabilities (lower is better)"),
          Map.entry("ece", "expected calibration error, 10 uniform bins (lower is better)"),
          Map.entry("mae", "mean absolute error"),
          Map.entry("mse", "mean squared error"),
          Map.entry("rmse", "root mean squared error"),
          Map.entry("r2", "coefficient of determination"),
          Map.entry("median_absolute_error", "median absolute error"),
          Map.entry("max_error", "largest absolute error (no bootstrap interval for a maximum)"),
          Map.entry("mape", "mean absolute percentage error, as a fraction"));

  private PerformanceSheet() {}

  static void write(SheetWriter w, ReportInputs in, Anchors anchors) {
    EvaluationResult r = in.result();
    MetricIntervals.Result ci = in.intervals();
    w.title(
        "Performance: "
            + in.model().ref()
            + " on "
            + in.dataset().ref()
            + " (run "
            + in.run().id()
            + ")");
    w.note(
        "Estimates are over all "
            + String.format(Locale.ROOT, "%,d", r.rows())
            + " rows of the run, as stored with it. 95% confidence intervals: "
            + ci.method());
    w.note(
        "Task: "
            + r.task()
            + (r.positiveLabel() == null ? "" : "; positive class '" + r.positiveLabel() + "'")
            + (r.classOrder() == null || r.classOrder().isEmpty()
                ? ""
                : "; classes " + r.classOrder())
            + "; labels from "
            + r.labelSource()
            + ". Definitions follow scikit-learn.");
    w.blank();
    int header =
        w.header(
            List.of("Metric", "Estimate", "95% CI lower", "95% CI upper", "Resamples", "Meaning"));
    anchors.put(Evidence.PERF, w.reference(header, 0));
    List<CellFormat> formats =
        List.of(
            CellFormat.TEXT,
            CellFormat.DECIMAL,
            CellFormat.DECIMAL,
            CellFormat.DECIMAL,
            CellFormat.INTEGER,
            CellFormat.TEXT);
    int last = header;
    for (MetricIntervals.Interval i : ci.intervals().values()) {
      last =
          w.row(
              java.util.Arrays.asList(
                  i.metric(),
                  i.estimate(),
                  i.lower(),
                  i.upper(),
                  i.valid(),
                  MEANING.getOrDefault(i.metric(), "")),
              formats);
    }
    w.table(header, last, 6, true);
    w.blank();
    ClassificationMetrics c = r.classification();
    if (c != null) {
      confusion(w, c);
      perClass(w, c);
      calibration(w, c.calibration());
      agreement(w, r);
    }
    if (!r.warnings().isEmpty()) {
      w.subtitle("Warnings recorded with the run");
      for (String warning : r.warnings()) {
        w.note(warning);
      }
      w.blank();
    }
    if (c != null && (c.roc() != null || c.precisionRecall() != null)) {
      curves(w, c);
    }
    w.fitColumns();
    w.sheet().setColumnWidth(5, 50 * 256);
    w.protect();
  }

  private static void confusion(SheetWriter w, ClassificationMetrics c) {
    w.subtitle("Confusion matrix (rows = true class, columns = predicted class)");
    List<String> titles = new ArrayList<>();
    titles.add("true \\ predicted");
    titles.addAll(c.classOrder());
    titles.add("Total");
    w.header(titles);
    List<CellFormat> formats = List.of(CellFormat.TEXT, CellFormat.INTEGER);
    for (int t = 0; t < c.classOrder().size(); t++) {
      List<Object> row = new ArrayList<>();
      row.add(c.classOrder().get(t));
      long total = 0;
      for (long count : c.confusionMatrix()[t]) {
        row.add(count);
        total += count;
      }
      row.add(total);
      w.row(row, formats);
    }
    w.blank();
  }

  private static void perClass(SheetWriter w, ClassificationMetrics c) {
    w.subtitle("Per class");
    w.header(List.of("Class", "Precision", "Recall", "F1", "Support"));
    List<CellFormat> formats =
        List.of(
            CellFormat.TEXT,
            CellFormat.DECIMAL,
            CellFormat.DECIMAL,
            CellFormat.DECIMAL,
            CellFormat.INTEGER);
    for (PerClass p : c.perClass()) {
      w.row(List.of(p.label(), p.precision(), p.recall(), p.f1(), p.support()), formats);
    }
    w.blank();
  }

  private static void calibration(SheetWriter w, Calibration cal) {
    if (cal == null) {
      return;
    }
    w.subtitle("Calibration (10 uniform bins; empty bins left out)");
    w.header(List.of("Mean predicted probability", "Observed fraction", "Rows"));
    List<CellFormat> formats = List.of(CellFormat.DECIMAL, CellFormat.DECIMAL, CellFormat.INTEGER);
    for (int b = 0; b < cal.counts().length; b++) {
      w.row(List.of(cal.probPred()[b], cal.probTrue()[b], cal.counts()[b]), formats);
    }
    w.fact("Expected calibration error", cal.expectedCalibrationError(), CellFormat.DECIMAL);
    w.blank();
  }

  private static void agreement(SheetWriter w, EvaluationResult r) {
    if (r.agreement() == null) {
      return;
    }
    w.subtitle("Label output versus probabilities");
    w.fact("Rows compared", r.agreement().compared(), CellFormat.INTEGER);
    w.fact("Rows that disagree", r.agreement().disagreements(), CellFormat.INTEGER);
    w.fact("Disagreement rate", r.agreement().rate(), CellFormat.PERCENT);
    w.blank();
  }

  /**
   * The two charts side by side (printed), then the curve data they plot (not printed: pages of
   * bare numbers help nobody on paper).
   */
  private static void curves(SheetWriter w, ClassificationMetrics c) {
    Curve roc = c.roc();
    Curve pr = c.precisionRecall();
    w.subtitle("ROC and precision-recall curves");
    int chartRow = w.nextRow();
    for (int i = 0; i < CurveCharts.HEIGHT_ROWS; i++) {
      w.blank();
    }
    w.printUntil(w.nextRow() - 1);
    w.blank();
    w.subtitle(
        "Curve data (plotted in the charts above; up to 2,000 points each, as stored with the run;"
            + " not printed)");
    int header =
        w.header(
            List.of(
                "ROC: false-positive rate",
                "ROC: true-positive rate",
                "ROC: threshold",
                "",
                "PR: recall",
                "PR: precision",
                "PR: threshold"));
    int rows = Math.max(roc == null ? 0 : roc.size(), pr == null ? 0 : pr.size());
    for (int i = 0; i < rows; i++) {
      org.apache.poi.ss.usermodel.Row row = w.row(header + 1 + i);
      if (roc != null && i < roc.size()) {
        w.value(row, 0, roc.x()[i], CellFormat.DECIMAL);
        w.value(row, 1, roc.y()[i], CellFormat.DECIMAL);
        w.value(
            row, 2, i < roc.thresholds().length ? roc.thresholds()[i] : null, CellFormat.DECIMAL);
      }
      if (pr != null && i < pr.size()) {
        w.value(row, 4, pr.x()[i], CellFormat.DECIMAL);
        w.value(row, 5, pr.y()[i], CellFormat.DECIMAL);
        w.value(row, 6, i < pr.thresholds().length ? pr.thresholds()[i] : null, CellFormat.DECIMAL);
      }
    }
    if (w.sheet() instanceof XSSFSheet sheet) {
      int first = header + 1;
      if (roc != null && roc.size() > 0) {
        CurveCharts.roc(sheet, first, first + roc.size() - 1, 0, 4, chartRow);
      }
      if (pr != null && pr.size() > 0) {
        CurveCharts.precisionRecall(sheet, first, first + pr.size() - 1, 4, 6, chartRow);
      }
    }
  }
}
