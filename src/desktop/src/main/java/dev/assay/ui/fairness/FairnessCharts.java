package dev.assay.ui.fairness;

import dev.assay.core.fairness.AttributeReport;
import dev.assay.core.fairness.GroupReport;
import dev.assay.core.fairness.Interval;
import dev.assay.core.fairness.ThresholdAnalysis;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.YValueIndicator;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import java.util.List;

/**
 * The Fairness screen's ChartFX charts: per-group bars with the reference line, threshold lines.
 */
final class FairnessCharts {
  private final CategoryAxis groupAxis = new CategoryAxis("group");
  private final DefaultNumericAxis valueAxis = new DefaultNumericAxis("value", 0, 1, 0.1);
  private final XYChart bars = new XYChart(groupAxis, valueAxis);
  private final XYChart thresholds;
  private YValueIndicator referenceLine;

  FairnessCharts() {
    bars.setId("fairness-group-chart");
    ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    renderer.setPolyLineStyle(LineStyle.NONE);
    renderer.setDrawBars(true);
    renderer.setDrawMarker(false);
    renderer.setErrorStyle(ErrorStyle.ERRORBARS);
    renderer.setDynamicBarWidth(false);
    renderer.setBarWidth(36);
    bars.getRenderers().setAll(renderer);
    bars.getPlugins().add(new DataPointTooltip());
    bars.setLegendVisible(true);
    valueAxis.setAutoRanging(false);
    groupAxis.setUnit(null);
    valueAxis.setUnit(null);
    DefaultNumericAxis x = new DefaultNumericAxis("decision threshold", 0, 1, 0.1);
    DefaultNumericAxis y = new DefaultNumericAxis("rate", 0, 1, 0.1);
    x.setAutoRanging(false);
    y.setAutoRanging(false);
    x.setUnit(null);
    y.setUnit(null);
    thresholds = new XYChart(x, y);
    thresholds.setId("fairness-threshold-chart");
    thresholds.getPlugins().add(new DataPointTooltip());
    thresholds.setLegendVisible(true);
  }

  XYChart bars() {
    return bars;
  }

  XYChart thresholds() {
    return thresholds;
  }

  /** Bars of one figure per group with 95% intervals and the reference group's value as a line. */
  void showGroups(AttributeReport attribute, String metric) {
    bars.getDatasets().clear();
    if (referenceLine != null) {
      bars.getPlugins().remove(referenceLine);
      referenceLine = null;
    }
    if (attribute == null || metric == null) {
      return;
    }
    List<GroupReport> groups = attribute.groups();
    groupAxis.setCategories(groups.stream().map(GroupReport::value).toList());
    // half a category of room either side: the first and last bars whole, not cut at the axis ends
    groupAxis.setAutoRanging(false);
    groupAxis.setMin(-0.5);
    groupAxis.setMax(groups.size() - 0.5);
    groupAxis.setTickUnit(1);
    DoubleErrorDataSet data = new DoubleErrorDataSet(metric + " (95% CI)", groups.size());
    double max = 0;
    for (int i = 0; i < groups.size(); i++) {
      GroupReport g = groups.get(i);
      double v = g.metric(metric);
      Interval ci = g.intervals().getOrDefault(metric, null);
      double value = Double.isNaN(v) ? 0 : v;
      double low = ci == null || Double.isNaN(ci.low()) ? value : ci.low();
      double high = ci == null || Double.isNaN(ci.high()) ? value : ci.high();
      data.add(i, value, Math.max(0, value - low), Math.max(0, high - value), g.value());
      max = Math.max(max, high);
    }
    bars.getDatasets().add(data);
    valueAxis.setName(metric.replace('_', ' '));
    valueAxis.setMax(max > 1 ? Math.ceil(max * 1.1) : 1);
    valueAxis.setMin(0);
    GroupReport reference =
        attribute.reference() == null ? null : attribute.group(attribute.reference());
    if (reference != null && !Double.isNaN(reference.metric(metric))) {
      referenceLine =
          new YValueIndicator(
              valueAxis, reference.metric(metric), "reference '" + reference.value() + "'");
      referenceLine.setEditable(false);
      bars.getPlugins().add(referenceLine);
    }
  }

  /** One line per group of the chosen curve ({@code selection_rate}, {@code tpr}) or the gaps. */
  void showThresholds(ThresholdAnalysis analysis, String curve) {
    thresholds.getDatasets().clear();
    if (analysis == null || curve == null) {
      return;
    }
    double[] x = analysis.thresholds();
    if (curve.equals("disparities")) {
      thresholds
          .getDatasets()
          .add(line("demographic parity difference", x, analysis.demographicParityDifference()));
      thresholds
          .getDatasets()
          .add(line("equal opportunity difference", x, analysis.equalOpportunityDifference()));
      thresholds
          .getDatasets()
          .add(line("equalized odds difference", x, analysis.equalizedOddsDifference()));
      thresholds.getDatasets().add(line("accuracy", x, analysis.accuracy()));
      return;
    }
    for (ThresholdAnalysis.GroupCurve g : analysis.groups()) {
      double[] y =
          curve.equals("tpr") ? g.tpr() : curve.equals("fpr") ? g.fpr() : g.selectionRate();
      thresholds.getDatasets().add(line(g.group() + (g.judged() ? "" : " (too small)"), x, y));
    }
  }

  private static DoubleDataSet line(String name, double[] x, double[] y) {
    int n = 0;
    double[] xs = new double[x.length];
    double[] ys = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(y[i])) {
        xs[n] = x[i];
        ys[n++] = y[i];
      }
    }
    return new DoubleDataSet(name)
        .set(java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
  }
}
