package dev.assay.ui.compare;

import static dev.assay.ui.compare.FxStages.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * ChartFX's grid-line patterns survive garbage collection once {@link GridPatterns} holds their
 * keys; without it a collection empties ChartFX's cache (the reason the class exists). Each test
 * draws its grid in a colour of its own, so that its patterns are its own and not ones another
 * screen of the same JVM still holds.
 */
@ExtendWith(FxStages.class)
class GridPatternsTest {
  @Test
  void chartFxAloneLosesItsGridPatternsAtACollection() throws Exception {
    Map<?, ?> cache = chartFxCache();
    Set<Integer> before = keys(cache);
    showChart("#102030");
    Set<Integer> made = keys(cache);
    made.removeAll(before);
    assertThat(made).as("the chart drew its grid with patterns of its own").isNotEmpty();

    // nothing holds those boxed keys: the patterns go at a full collection
    collectUntil(() -> made.stream().noneMatch(k -> contains(cache, k)));
    assertThat(made).noneMatch(k -> contains(cache, k));
  }

  @Test
  void retainedPatternsSurviveCollectionsAndAreReusedByLaterDraws() throws Exception {
    GridPatterns patterns = onFx(GridPatterns::new);
    assertThat(patterns.active()).as("ChartFX's pattern cache was found").isTrue();
    Map<?, ?> cache = chartFxCache();
    Set<Integer> before = keys(cache);
    showChart("#203040");
    onFx(
        () -> {
          patterns.retain();
          return null;
        });
    Map<Integer, Object> made = patterns(cache);
    made.keySet().removeAll(before);
    assertThat(made).isNotEmpty();

    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
    }
    showChart("#203040");

    Map<Integer, Object> after = patterns(cache);
    for (var pattern : made.entrySet()) {
      assertThat(after.get(pattern.getKey()))
          .as("the second chart drew with the very pattern the first one made")
          .isSameAs(pattern.getValue());
    }
  }

  /** The cache's keys, as new Integers that do not keep its entries. */
  private static Set<Integer> keys(Map<?, ?> cache) throws Exception {
    return new HashSet<>(patterns(cache).keySet());
  }

  private static Map<Integer, Object> patterns(Map<?, ?> cache) throws Exception {
    return onFx(
        () -> {
          Map<Integer, Object> copy = new HashMap<>();
          cache.forEach((k, v) -> copy.put(((Integer) k).intValue(), v));
          return copy;
        });
  }

  private static boolean contains(Map<?, ?> cache, int key) {
    try {
      return onFx(() -> cache.containsKey(key));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<?, ?> chartFxCache() throws Exception {
    Field field =
        Class.forName("io.fair_acc.chartfx.renderer.spi.utils.DashPatternStyle")
            .getDeclaredField("dashHashMap");
    field.setAccessible(true);
    return (Map<?, ?>) field.get(null);
  }

  /** Shows a chart with a line and a grid of {@code gridColour}, and waits until it has drawn. */
  private static void showChart(String gridColour) throws Exception {
    String css = ".grid-renderer .chart-major-grid-lines { -fx-stroke: " + gridColour + "; }";
    FxToolkit.setupFixture(
        () -> {
          XYChart chart = Charts.xy("grid-test", "grid", "x", "y", true);
          Charts.replace(
              chart,
              Charts.lines(
                  List.of(new DoubleDataSet("line").set(new double[] {0, 1}, new double[] {0, 1})),
                  LineStyle.NORMAL));
          Stage stage = new Stage();
          Scene scene = new Scene(chart, 400, 300);
          scene
              .getStylesheets()
              .add(
                  "data:text/css;base64,"
                      + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8)));
          stage.setScene(scene);
          stage.show();
        });
    for (int i = 0; i < 10; i++) {
      WaitForAsyncUtils.waitForFxEvents();
      Thread.sleep(20); // a few pulses: layout, then the canvas drawn
    }
  }

  private static void collectUntil(Callable<Boolean> condition) throws Exception {
    for (int i = 0; i < 20 && !condition.call(); i++) {
      System.gc();
      Thread.sleep(50);
    }
  }
}
