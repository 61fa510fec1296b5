package dev.assay.ui.explain;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Explanations screen's partial dependence tab: for a chosen feature the partial dependence
 * curve (thick) over a sample of at most {@link #MAX_ICE} ICE curves (thin, translucent),
 * optionally centred at the first grid value (c-ICE, scikit-learn's {@code centered=True}). A
 * redraw replaces the chart's data sets in one change, at most once per pulse however many inputs
 * change.
 */
final class DependenceTab {
  /** The most ICE curves drawn: more turn the chart into a blot and cost a frame each. */
  static final int MAX_ICE = 50;

  /** The ICE lines' style: thin and translucent grey, readable on light and dark backgrounds. */
  static final String ICE_STYLE = "-fx-line-color: rgba(128,128,128,0.35); -fx-line-width: 0.8;";

  /** The partial dependence line: thick, a red that stands out on light and dark backgrounds. */
  static final String PDP_STYLE = "-fx-line-color: #d62728; -fx-line-width: 2.5;";

  private final DefaultNumericAxis x = new DefaultNumericAxis("feature value");
  private final DefaultNumericAxis y = new DefaultNumericAxis("partial dependence");
  private final XYChart chart = new XYChart(x, y);
  private final ErrorDataSetRenderer lines = renderer();
  private final ComboBox<String> feature = new ComboBox<>();
  private final CheckBox centred = new CheckBox("Centred at the first grid value");
  private final Label caption = new Label();
  private final ExplanationsViewModel viewModel;
  private final Tab tab;
  private boolean redrawPending;

  DependenceTab(ExplanationsViewModel viewModel) {
    this.viewModel = viewModel;
    chart.setId("explanation-pdp-chart");
    chart.getRenderers().setAll(lines);
    chart.getPlugins().add(new DataPointTooltip());
    chart.setLegendVisible(false);
    chart.setAnimated(false);
    x.setUnit(null);
    y.setUnit(null);
    y.setForceZeroInRange(false);
    x.setAutoRangeRounding(true);
    y.setAutoRangeRounding(true);
    feature.setId("explanation-pdp-feature");
    feature.setPromptText("feature");
    centred.setId("explanation-pdp-centred");
    caption.setId("explanation-pdp-caption");
    caption.setWrapText(true);
    caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    Label empty =
        new Label(
            "This explanation has no partial dependence: run `assay explain … --pdp"
                + " FEATURE[,FEATURE] --ice` to get the curves and each row's ICE lines.");
    empty.setId("explanation-pdp-empty");
    empty.setWrapText(true);
    viewModel
        .pdp()
        .addListener(
            (ListChangeListener<ExplanationPlots.PdpCurve>)
                c -> {
                  String before = feature.getValue();
                  List<String> names =
                      viewModel.pdp().stream().map(ExplanationPlots.PdpCurve::feature).toList();
                  feature.getItems().setAll(names);
                  if (names.contains(before)) {
                    feature.setValue(before);
                  } else if (!names.isEmpty()) {
                    feature.getSelectionModel().selectFirst();
                  }
                  empty.setVisible(names.isEmpty());
                  empty.setManaged(names.isEmpty());
                  requestRedraw();
                });
    feature.valueProperty().addListener((obs, old, now) -> requestRedraw());
    centred.selectedProperty().addListener((obs, old, now) -> requestRedraw());
    javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox controls =
        new HBox(
            8,
            new Label("Feature"),
            feature,
            centred,
            grow,
            dev.assay.ui.common.PngExport.button(chart));
    VBox pane = new VBox(6, controls, empty, caption, chart);
    VBox.setVgrow(chart, Priority.ALWAYS);
    tab = new Tab("Partial dependence", pane);
    tab.setId("explanation-pdp-tab");
  }

  Tab tab() {
    return tab;
  }

  /** Redraws on the next pulse; any further requests before then are the same redraw. */
  private void requestRedraw() {
    if (!redrawPending) {
      redrawPending = true;
      Platform.runLater(
          () -> {
            redrawPending = false;
            redraw();
          });
    }
  }

  private void redraw() {
    ExplanationPlots.PdpCurve curve = chosen();
    List<DataSet> ice = new ArrayList<>();
    if (curve == null) {
      caption.setText("");
      centred.setDisable(true);
    } else {
      boolean centre = centred.isSelected() && curve.hasIce();
      centred.setDisable(!curve.hasIce());
      List<double[]> shownValues = new ArrayList<>();
      for (int k : sample(curve.individual().length, MAX_ICE)) {
        double[] values = centre ? centred(curve.individual()[k]) : curve.individual()[k];
        shownValues.add(values);
        DoubleDataSet line =
            new DoubleDataSet("ICE row " + curve.rows()[k]).set(curve.grid(), values);
        line.setStyle(ICE_STYLE);
        ice.add(line);
      }
      double[] mean = centre ? centred(curve.average()) : curve.average();
      shownValues.add(mean);
      DoubleDataSet average =
          new DoubleDataSet("partial dependence of " + curve.feature()).set(curve.grid(), mean);
      average.setStyle(PDP_STYLE);
      x.setName(curve.feature());
      range(x, curve.grid());
      String space = outputSpace();
      y.setName((centre ? "centred partial dependence (" : "partial dependence (") + space + ")");
      caption.setText(caption(curve, ice.size()));
      // the mean last: drawn over the ICE lines
      ice.add(average);
      span(y, false, shownValues.toArray(double[][]::new));
    }
    lines.getDatasets().setAll(ice);
  }

  private ExplanationPlots.PdpCurve chosen() {
    for (ExplanationPlots.PdpCurve c : viewModel.pdp()) {
      if (c.feature().equals(feature.getValue())) {
        return c;
      }
    }
    return null;
  }

  private String outputSpace() {
    ExplanationsViewModel.Detail d = viewModel.detailProperty().get();
    return d == null ? "output" : d.outputSpace();
  }

  static String caption(ExplanationPlots.PdpCurve curve, int shown) {
    int rows = curve.individual().length;
    String grid = String.format(Locale.ROOT, "%d grid values", curve.grid().length);
    if (rows == 0) {
      return "Partial dependence over "
          + grid
          + "; no ICE lines stored (add --ice to the run to get each row's curve).";
    }
    return "Thick: partial dependence, the mean over the rows at each of "
        + grid
        + "; thin: ICE, "
        + (shown == rows ? "all " + rows + " rows" : shown + " of " + rows + " rows, evenly spaced")
        + ".";
  }

  /**
   * The x axis spans the grid exactly: ChartFX left it at 1..0 (no ticks, no lines) when
   * auto-ranging data sets set while the tab was hidden.
   */
  static void range(DefaultNumericAxis x, double[] grid) {
    double low = grid[0];
    double high = grid[grid.length - 1];
    if (!(high > low)) {
      low -= 0.5;
      high += 0.5;
    }
    double raw = (high - low) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / magnitude;
    double tick = (step < 1.5 ? 1 : step < 3.5 ? 2 : step < 7.5 ? 5 : 10) * magnitude;
    x.setAutoRanging(false);
    x.set(low, high);
    x.setTickUnit(tick);
  }

  /**
   * The value axis spans {@code values} (and zero when {@code withZero}) with 5 % to spare: set by
   * hand for the same reason as {@link #range} (auto-ranging left it without ticks).
   */
  static void span(DefaultNumericAxis axis, boolean withZero, double[]... values) {
    double low = withZero ? 0 : Double.POSITIVE_INFINITY;
    double high = withZero ? 0 : Double.NEGATIVE_INFINITY;
    for (double[] v : values) {
      for (double d : v) {
        if (Double.isFinite(d)) {
          low = Math.min(low, d);
          high = Math.max(high, d);
        }
      }
    }
    if (!(low <= high)) {
      low = 0;
      high = 1;
    }
    double pad = (high - low) * 0.05;
    range(axis, new double[] {low - pad, high + pad});
  }

  /** {@code cap} indices spread evenly over {@code 0..n-1} (all when n <= cap), ascending. */
  static int[] sample(int n, int cap) {
    int k = Math.min(n, cap);
    int[] picked = new int[k];
    for (int i = 0; i < k; i++) {
      picked[i] = (int) ((long) i * n / k);
    }
    return picked;
  }

  /** The curve minus its value at the first grid point. */
  static double[] centred(double[] values) {
    double[] out = new double[values.length];
    for (int g = 0; g < values.length; g++) {
      out[g] = values[g] - values[0];
    }
    return out;
  }

  /** Lines without markers, computed on the FX thread (see the Compare screen's charts). */
  private static ErrorDataSetRenderer renderer() {
    ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    renderer.setParallelImplementation(false);
    renderer.setErrorStyle(ErrorStyle.NONE);
    renderer.setPolyLineStyle(LineStyle.NORMAL);
    renderer.setDrawMarker(false);
    return renderer;
  }
}
