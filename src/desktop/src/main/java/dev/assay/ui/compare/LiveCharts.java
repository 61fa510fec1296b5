package dev.assay.ui.compare;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.HBox;

/**
 * The Compare screen's "Live" tab: running metrics with their intervals, batch latency and
 * throughput while a comparison runs.
 */
final class LiveCharts {
  final XYChart liveMetric =
      Charts.xy("compare-live-metric", "Running metrics, 95% CI", "Rows", "Value", false);
  final XYChart liveLatency =
      Charts.xy("compare-live-latency", "Batch latency", "Batch latency (log)", "Batches", false);
  final XYChart liveThroughput =
      Charts.xy("compare-live-throughput", "Throughput", "Seconds", "Rows per second", false);
  private final ErrorDataSetRenderer liveMetricRenderer = Charts.bands(List.of());
  private final ErrorDataSetRenderer liveLatencyRenderer =
      Charts.lines(List.of(), LineStyle.HISTOGRAM);
  private final ErrorDataSetRenderer liveThroughputRenderer =
      Charts.lines(List.of(), LineStyle.NORMAL);

  LiveCharts() {
    ((DefaultNumericAxis) liveLatency.getXAxis()).setLogAxis(true);
    // a real unit, shown by ChartFX in brackets: "Batch latency (log) [ms]"
    liveLatency.getXAxis().setUnit("ms");
    Charts.replace(liveMetric, liveMetricRenderer);
    Charts.replace(liveLatency, liveLatencyRenderer);
    Charts.replace(liveThroughput, liveThroughputRenderer);
  }

  /** The three charts side by side, each with its export button. */
  HBox node() {
    return new HBox(
        Charts.withExport(liveMetric),
        Charts.withExport(liveLatency),
        Charts.withExport(liveThroughput));
  }

  /**
   * Shows {@code series}: the renderers stay; their data sets change, one chart per pulse (each
   * change redraws a chart and its legend).
   */
  void show(LiveSeries series, PulseSteps steps) {
    List<io.fair_acc.dataset.DataSet> metric = new ArrayList<>(series.accuracy);
    metric.addAll(series.rocAuc);
    List<io.fair_acc.dataset.DataSet> rates = new ArrayList<>(series.throughput);
    rates.add(series.pipeline);
    steps.once(() -> liveMetricRenderer.getDatasets().setAll(metric));
    steps.once(() -> liveLatencyRenderer.getDatasets().setAll(series.latency));
    steps.once(() -> liveThroughputRenderer.getDatasets().setAll(rates));
  }
}
