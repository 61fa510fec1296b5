package dev.assay.ui.compare;

import dev.assay.core.compare.Comparison;
import dev.assay.core.metrics.Calibration;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.Curve;
import dev.assay.core.metrics.PerClass;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.List;

/** The after-run charts: ROC and PR curves overlaid, calibration curves, per-class bars. */
final class ResultCharts {
  final XYChart roc =
      Charts.xy("compare-roc", "ROC", "False positive rate", "True positive rate", true);
  final XYChart pr = Charts.xy("compare-pr", "Precision-recall", "Recall", "Precision", true);
  final XYChart calibration =
      Charts.xy(
          "compare-calibration",
          "Calibration",
          "Mean predicted probability",
          "Fraction positive",
          true);
  final XYChart perClass =
      Charts.xy("compare-per-class", "Per-class metrics", "Class index", "Value", false);

  void showCurves(Comparison comparison) {
    List<DoubleDataSet> rocSets = new ArrayList<>();
    List<DoubleDataSet> prSets = new ArrayList<>();
    for (int k = 0; k < comparison.results().size(); k++) {
      ClassificationMetrics c = comparison.results().get(k).classification();
      String label = comparison.report().models().get(k).label();
      if (c != null && c.roc() != null) {
        rocSets.add(curve("ROC " + label, c.roc()));
      }
      if (c != null && c.precisionRecall() != null) {
        prSets.add(curve("PR " + label, c.precisionRecall()));
      }
    }
    if (!rocSets.isEmpty()) {
      rocSets.add(diagonal());
    }
    Charts.replace(roc, Charts.lines(rocSets, LineStyle.NORMAL));
    Charts.replace(pr, Charts.lines(prSets, LineStyle.NORMAL));
  }

  void showCalibration(Comparison comparison) {
    List<DoubleDataSet> sets = new ArrayList<>();
    for (int k = 0; k < comparison.results().size(); k++) {
      ClassificationMetrics c = comparison.results().get(k).classification();
      Calibration cal = c == null ? null : c.calibration();
      if (cal != null) {
        String label = comparison.report().models().get(k).label();
        sets.add(new DoubleDataSet("calibration " + label).set(cal.probPred(), cal.probTrue()));
      }
    }
    if (!sets.isEmpty()) {
      sets.add(diagonal());
    }
    Charts.replace(calibration, Charts.lines(sets, LineStyle.NORMAL));
  }

  void showPerClass(Comparison comparison) {
    List<DoubleDataSet> bars = new ArrayList<>();
    for (int k = 0; k < comparison.results().size(); k++) {
      ClassificationMetrics c = comparison.results().get(k).classification();
      if (c == null) {
        continue;
      }
      String label = comparison.report().models().get(k).label();
      int classes = c.perClass().size();
      double[] x = new double[classes];
      double[] f1 = new double[classes];
      double[] precision = new double[classes];
      double[] recall = new double[classes];
      for (int i = 0; i < classes; i++) {
        PerClass p = c.perClass().get(i);
        x[i] = i;
        f1[i] = p.f1();
        precision[i] = p.precision();
        recall[i] = p.recall();
      }
      bars.add(new DoubleDataSet("F1 " + label).set(x, f1));
      bars.add(new DoubleDataSet("precision " + label).set(x, precision));
      bars.add(new DoubleDataSet("recall " + label).set(x, recall));
    }
    Charts.replace(perClass, Charts.bars(bars));
    perClass.getXAxis().setName("Class index (" + describe(comparison.report().classOrder()) + ")");
  }

  /**
   * Makes a chart legend ahead of need, out of sight: the calibration chart (a hidden tab) gets
   * {@code entries} blank series for a pulse, then none again. The first legend a JVM makes costs
   * about twice what later ones do (interpreted code, class loading); paid at idle pulses after the
   * screen shows, it is not paid in the frame that starts the first comparison, whose live charts
   * get their legends then. A real result shown meanwhile keeps its own series.
   */
  void prime(PulseSteps steps, int entries) {
    List<DoubleDataSet> blanks = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      blanks.add(new DoubleDataSet(" "));
    }
    var primer = Charts.lines(blanks, LineStyle.NORMAL);
    steps.once(
        () -> {
          // a chart made anew has ChartFX's default renderer, without data
          if (calibration.getRenderers().stream().allMatch(r -> r.getDatasets().isEmpty())) {
            Charts.replace(calibration, primer);
            steps.once(() -> calibration.getRenderers().remove(primer));
          }
        });
  }

  void clear() {
    for (XYChart chart : List.of(roc, pr, calibration, perClass)) {
      chart.getRenderers().clear();
    }
  }

  private static String describe(List<String> classes) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < classes.size() && i < 12; i++) {
      text.append(i == 0 ? "" : ", ").append(i).append(" = ").append(classes.get(i));
    }
    return text.toString();
  }

  private static DoubleDataSet curve(String name, Curve curve) {
    return new DoubleDataSet(name).set(curve.x(), curve.y());
  }

  private static DoubleDataSet diagonal() {
    return new DoubleDataSet("chance").set(new double[] {0, 1}, new double[] {0, 1});
  }
}
