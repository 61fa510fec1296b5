package dev.assay.ui.compare;

import dev.assay.core.compare.Comparison;
import dev.assay.core.eval.EvaluationResult;
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

  void show(Comparison comparison) {
    List<DoubleDataSet> rocSets = new ArrayList<>();
    List<DoubleDataSet> prSets = new ArrayList<>();
    List<DoubleDataSet> calibrationSets = new ArrayList<>();
    List<DoubleDataSet> bars = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    comparison.report().models().forEach(m -> labels.add(m.label()));
    for (int k = 0; k < comparison.results().size(); k++) {
      EvaluationResult result = comparison.results().get(k);
      ClassificationMetrics c = result.classification();
      String label = labels.get(k);
      if (c == null) {
        continue;
      }
      if (c.roc() != null) {
        rocSets.add(curve("ROC " + label, c.roc()));
      }
      if (c.precisionRecall() != null) {
        prSets.add(curve("PR " + label, c.precisionRecall()));
      }
      Calibration cal = c.calibration();
      if (cal != null) {
        calibrationSets.add(
            new DoubleDataSet("calibration " + label).set(cal.probPred(), cal.probTrue()));
      }
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
    if (!rocSets.isEmpty()) {
      rocSets.add(diagonal());
    }
    if (!calibrationSets.isEmpty()) {
      calibrationSets.add(diagonal());
    }
    Charts.replace(roc, Charts.lines(rocSets, LineStyle.NORMAL));
    Charts.replace(pr, Charts.lines(prSets, LineStyle.NORMAL));
    Charts.replace(calibration, Charts.lines(calibrationSets, LineStyle.NORMAL));
    Charts.replace(perClass, Charts.bars(bars));
    List<String> classes = comparison.report().classOrder();
    perClass.getXAxis().setName("Class index (" + describe(classes) + ")");
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
