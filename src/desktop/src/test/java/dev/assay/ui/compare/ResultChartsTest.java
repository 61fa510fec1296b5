package dev.assay.ui.compare;

import static dev.assay.ui.compare.FxStages.onFx;
import static dev.assay.ui.compare.FxStages.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;

/** The calibration chart's legend made ahead of need, in its hidden tab, then emptied. */
@ExtendWith(FxStages.class)
class ResultChartsTest {
  private ResultCharts charts;
  private PulseSteps steps;

  private void show() throws Exception {
    FxToolkit.setupFixture(
        () -> {
          charts = new ResultCharts();
          steps = new PulseSteps();
          TabPane tabs =
              new TabPane(
                  new Tab("shown", new javafx.scene.control.Label("x")),
                  new Tab("hidden", charts.calibration));
          Stage stage = new Stage();
          stage.setScene(new Scene(tabs, 600, 400));
          stage.show();
        });
  }

  @Test
  void primingShowsBlankLegendEntriesForAPulseThenLeavesTheChartEmpty() throws Exception {
    show();
    List<Integer> seen = new ArrayList<>();
    onFx(
        () -> {
          charts.prime(steps, 4);
          // after the priming step, at the same pulse: the blank series are in the legend
          steps.once(() -> seen.add(legendEntries()));
          return null;
        });
    waitUntil(() -> !steps.busy());

    assertThat(seen).containsExactly(4);
    assertThat(onFx(() -> charts.calibration.getRenderers())).isEmpty();
  }

  @Test
  void aRealChartShownBeforePrimingIsKept() throws Exception {
    show();
    ErrorDataSetRenderer real =
        onFx(
            () ->
                Charts.lines(
                    List.of(
                        new DoubleDataSet("calibration v1")
                            .set(new double[] {0.5}, new double[] {0.4})),
                    LineStyle.NORMAL));
    onFx(
        () -> {
          Charts.replace(charts.calibration, real);
          charts.prime(steps, 4);
          return null;
        });
    waitUntil(() -> !steps.busy());

    assertThat(onFx(() -> List.copyOf(charts.calibration.getRenderers()))).containsExactly(real);
  }

  private int legendEntries() {
    return charts.calibration.getRenderers().stream().mapToInt(r -> r.getDatasets().size()).sum();
  }
}
