package dev.assay.ui.compare;

import dev.assay.ui.common.PngExport;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.EditAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * ChartFX charts of the Compare screen: zoom (drag), pan (middle button), axis editing, point
 * tooltips, a legend whose entries toggle their series, and PNG export.
 */
final class Charts {
  private Charts() {}

  static XYChart xy(String id, String title, String xLabel, String yLabel, boolean unitRange) {
    DefaultNumericAxis x = new DefaultNumericAxis(xLabel);
    DefaultNumericAxis y = new DefaultNumericAxis(yLabel);
    // no unit: ChartFX would show empty brackets ("Rows []")
    x.setUnit(null);
    y.setUnit(null);
    if (unitRange) {
      for (DefaultNumericAxis axis : List.of(x, y)) {
        axis.setAutoRanging(false);
        axis.set(0, 1);
        axis.setTickUnit(0.1);
      }
    } else {
      x.setForceZeroInRange(false);
      y.setForceZeroInRange(false);
    }
    XYChart chart = new XYChart(x, y);
    chart.setId(id);
    chart.setTitle(title);
    chart.getPlugins().addAll(new Zoomer(), new EditAxis(), new DataPointTooltip());
    chart.setLegendVisible(true);
    chart.setAnimated(false);
    VBox.setVgrow(chart, Priority.ALWAYS);
    HBox.setHgrow(chart, Priority.ALWAYS);
    return chart;
  }

  /** A renderer drawing error bands around lines (confidence intervals). */
  static ErrorDataSetRenderer bands(List<? extends DataSet> sets) {
    ErrorDataSetRenderer renderer = renderer();
    renderer.setErrorStyle(ErrorStyle.ERRORSURFACE);
    renderer.setPolyLineStyle(LineStyle.NORMAL);
    renderer.setDrawMarker(false);
    renderer.getDatasets().addAll(sets);
    return renderer;
  }

  /** A renderer drawing lines without error bars. */
  static ErrorDataSetRenderer lines(List<? extends DataSet> sets, LineStyle style) {
    ErrorDataSetRenderer renderer = renderer();
    renderer.setErrorStyle(ErrorStyle.NONE);
    renderer.setPolyLineStyle(style);
    renderer.setDrawMarker(style == LineStyle.NORMAL);
    renderer.getDatasets().addAll(sets);
    return renderer;
  }

  /** A renderer drawing bars, the data sets side by side. */
  static ErrorDataSetRenderer bars(List<? extends DataSet> sets) {
    ErrorDataSetRenderer renderer = renderer();
    renderer.setErrorStyle(ErrorStyle.NONE);
    renderer.setPolyLineStyle(LineStyle.NONE);
    renderer.setDrawBars(true);
    renderer.setDrawMarker(false);
    renderer.setShiftBar(true);
    renderer.setBarWidthPercentage(60);
    renderer.getDatasets().addAll(sets);
    return renderer;
  }

  /**
   * A renderer computing screen coordinates on the FX thread. ChartFX's default hands every data
   * set (even one of ten points) to its own thread pool and parks the FX thread until done: while a
   * comparison keeps both cores busy, that pool waits for a core and the FX thread with it (pauses
   * of 25-70 ms per data set were measured, several per frame). Our series have at most a few
   * thousand points, a fraction of a millisecond to compute in place.
   */
  private static ErrorDataSetRenderer renderer() {
    ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    renderer.setParallelImplementation(false);
    return renderer;
  }

  static void replace(XYChart chart, ErrorDataSetRenderer renderer) {
    chart.getRenderers().setAll(renderer);
  }

  /** The chart with an "Export PNG…" button above it. */
  static VBox withExport(XYChart chart) {
    Button export = PngExport.button(chart);
    HBox bar = new HBox(8, export);
    bar.setAlignment(Pos.CENTER_RIGHT);
    VBox box = new VBox(4, bar, chart);
    box.setPadding(new Insets(4));
    VBox.setVgrow(chart, Priority.ALWAYS);
    HBox.setHgrow(box, Priority.ALWAYS);
    return box;
  }

  /** Writes a snapshot of {@code node} as PNG; call on the FX thread. */
  static void png(Node node, Path file) throws IOException {
    PngExport.write(node, file);
  }
}
