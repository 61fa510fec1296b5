package dev.assay.ui.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The ROC and PR charts draw lines only: no error-bar glyphs or markers on every point. */
class CurveChartTest {
  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void curveChartsDrawNoErrorGlyphsOrMarkers() throws Exception {
    XYChart chart =
        WaitForAsyncUtils.asyncFx(() -> EvaluationsView.chart("False positive rate", "TPR"))
            .get(30, TimeUnit.SECONDS);
    assertThat(chart.getRenderers()).isNotEmpty();
    assertThat(chart.getRenderers())
        .allSatisfy(
            r -> {
              assertThat(r).isInstanceOf(ErrorDataSetRenderer.class);
              ErrorDataSetRenderer lines = (ErrorDataSetRenderer) r;
              assertThat(lines.getErrorType()).isEqualTo(ErrorStyle.NONE);
              assertThat(lines.isDrawMarker()).isFalse();
            });
  }
}
