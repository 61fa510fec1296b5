package dev.assay.ui.explain;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Importance > Dependence: the SHAP dependence plot of a chosen feature ({@link ShapDependence}),
 * one dot per explained row, from the stored rows; features offered by mean |φ|, largest first.
 */
final class ShapDependenceTab {
  private final DefaultNumericAxis x = new DefaultNumericAxis("feature value");
  private final DefaultNumericAxis y = new DefaultNumericAxis("φ");
  private final XYChart chart = new XYChart(x, y);
  private final ErrorDataSetRenderer dots = new ErrorDataSetRenderer();
  private final ComboBox<String> feature = new ComboBox<>();
  private final Label caption = new Label("Select an explanation on the left.");
  private final Tab tab;
  private ExplainedRows rows = ExplainedRows.NONE;

  ShapDependenceTab(ExplanationsViewModel viewModel) {
    chart.setId("explanation-shap-dependence-chart");
    dots.setParallelImplementation(false);
    dots.setErrorStyle(ErrorStyle.NONE);
    dots.setPolyLineStyle(LineStyle.NONE);
    dots.setDrawMarker(true);
    chart.getRenderers().setAll(dots);
    chart.getPlugins().add(new DataPointTooltip());
    chart.setLegendVisible(false);
    chart.setAnimated(false);
    x.setUnit(null);
    y.setUnit(null);
    feature.setId("explanation-shap-dependence-feature");
    feature.setPromptText("feature");
    caption.setId("explanation-shap-dependence-caption");
    caption.setWrapText(true);
    caption.setMinHeight(Region.USE_PREF_SIZE);
    viewModel
        .detailProperty()
        .addListener(
            (obs, old, d) -> {
              rows = d == null ? ExplainedRows.NONE : d.rows();
              List<String> order = ShapDependence.order(rows);
              String before = feature.getValue();
              feature.getItems().setAll(order);
              feature.setValue(
                  order.contains(before) ? before : order.isEmpty() ? null : order.get(0));
              redraw();
            });
    feature.valueProperty().addListener((obs, old, now) -> redraw());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox controls =
        new HBox(
            8, new Label("Feature"), feature, grow, dev.assay.ui.common.PngExport.button(chart));
    controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    VBox pane = new VBox(6, controls, caption, chart);
    VBox.setVgrow(chart, Priority.ALWAYS);
    tab = new Tab("Dependence", pane);
    tab.setId("explanation-shap-dependence-tab");
  }

  Tab tab() {
    return tab;
  }

  private void redraw() {
    ShapDependence d =
        feature.getValue() == null ? null : ShapDependence.of(rows, feature.getValue());
    if (d == null || d.values().length == 0) {
      dots.getDatasets().clear();
      caption.setText(
          d == null
              ? "Select an explanation on the left."
              : "No explained row has a numeric value of " + d.feature() + ".");
      return;
    }
    x.setName(d.feature());
    y.setName("φ of " + d.feature() + " (" + rows.space() + ")");
    // 5 % to spare on both axes: dots at the largest value stay inside the plot
    DependenceTab.span(x, false, d.values());
    DependenceTab.span(y, true, d.phi());
    caption.setText(
        String.format(
            Locale.ROOT,
            "φ of %s against its value, one dot per explained row (%d)%s; spread at one value is"
                + " what the other features' interactions add.",
            d.feature(),
            d.values().length,
            d.left() == 0
                ? ""
                : String.format(Locale.ROOT, ", %d without a numeric value left out", d.left())));
    dots.getDatasets().setAll(new DoubleDataSet("φ of " + d.feature()).set(d.values(), d.phi()));
  }
}
