package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.Attribution;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.explain.ExplanationViewsProbe;
import dev.assay.ui.explain.GroupedExplanation;
import dev.assay.workbench.Workbench;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Explanations screen's waterfall and beeswarm tabs, headless at 1280x800: empty, then a stored
 * explanation of 120 rows: the waterfall of the chosen row (arrow keys move through the rows) ends
 * at the row's f(x), the beeswarm has a line per feature with coloured dots; both inside their
 * bounds, nothing cut off, exported as PNG.
 */
class ExplanationViewsScreenTest {

  @TempDir Path temp;

  private final FxRobot robot = new FxRobot();
  private ScreenSession session;
  private Workbench workbench;
  private MainWindow window;
  private Stage stage;

  @BeforeAll
  static void startToolkit() throws Exception {
    ScreenSession.startToolkit();
  }

  @AfterEach
  void closeEverything() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void theWaterfallAndBeeswarmTabsShowAStoredExplanation() throws Exception {
    session = ScreenSession.open(temp.resolve("home"), true);
    workbench = session.workbench();
    window = session.window();
    stage = session.stage();
    robot.interact(() -> window.show(ScreenKind.EXPLANATIONS));
    WaitForAsyncUtils.waitForFxEvents();
    TabPane tabs = robot.lookup("#explanation-tabs").queryAs(TabPane.class);
    session.select(tabs, "explanation-waterfall-tab");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    session.select(tabs, "explanation-importance-tab");
    TabPane importance = robot.lookup("#explanation-importance-views").queryAs(TabPane.class);
    session.select(importance, "explanation-beeswarm-tab");
    assertThat(
            onFx(
                () -> robot.lookup("#explanation-beeswarm-caption").queryAs(Label.class).getText()))
        .isEqualTo("Select an explanation on the left.");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();

    ModelVersion model = workbench.models().get(ModelRef.parse("hmda-deny:2"));
    DatasetVersion data =
        workbench.datasets().list().stream()
            .filter(d -> d.name().equals("hmda_test"))
            .findFirst()
            .orElseThrow();
    GroupedExplanation.Stored stored = GroupedExplanation.store(workbench, model, data);
    robot.clickOn("#explanations-refresh");
    ListView<?> list = robot.lookup("#explanation-list").queryListView();
    waitUntil(() -> list.getItems().size() == 1);

    // the beeswarm: a line per feature, largest mean |phi| first, dots in blue and red
    Node bees = robot.lookup("#explanation-beeswarm-chart").query();
    List<String> features = stored.report().features();
    waitUntil(() -> ExplanationViewsProbe.beeswarmLines(bees).size() == features.size());
    assertThat(ExplanationViewsProbe.beeswarmLines(bees))
        .containsExactlyInAnyOrderElementsOf(features);
    assertThat(
            onFx(
                () -> robot.lookup("#explanation-beeswarm-caption").queryAs(Label.class).getText()))
        .startsWith("120 rows, 13 features by mean |φ|, largest first.");
    assertThat(
            onFx(() -> robot.lookup("#explanation-beeswarm-axis").queryAs(Label.class).getText()))
        .startsWith("φ: contribution to the log-odds of class 1");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(() -> ExplanationViewsProbe.outside(bees)))
        .as("outside the beeswarm")
        .isEmpty();
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    Path beesPng = temp.resolve("beeswarm.png");
    robot.interact(
        () -> {
          try {
            ExplanationViewsProbe.export(bees, beesPng);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    BufferedImage image = ImageIO.read(beesPng.toFile());
    assertThat(image.getWidth())
        .isEqualTo((int) Math.ceil(onFx(() -> bees.getLayoutBounds().getWidth())));
    int[] blueRed = blueAndRed(image);
    assertThat(blueRed[0]).as("blue (low value) dot pixels").isGreaterThan(50);
    assertThat(blueRed[1]).as("red (high value) dot pixels").isGreaterThan(50);
    assertThat(robot.lookup("#explanation-beeswarm-chart-export").queryAs(Button.class).getText())
        .isEqualTo("Export PNG…");
    session.snapshot("explain-beeswarm.png");

    // the waterfall: the first row chosen, then the next with the arrow key
    session.select(tabs, "explanation-waterfall-tab");
    Node chart = robot.lookup("#explanation-waterfall-chart").query();
    ListView<?> rows = robot.lookup("#explanation-waterfall-rows").queryListView();
    waitUntil(() -> rows.getItems().size() == GroupedExplanation.ROWS);
    waitUntil(() -> ExplanationViewsProbe.waterfall(chart) != null);
    checkWaterfall(chart, stored, 0);
    robot.clickOn(rows);
    robot.interact(() -> rows.getSelectionModel().select(0));
    robot.type(KeyCode.DOWN);
    robot.type(KeyCode.DOWN);
    waitUntil(
        () -> ExplanationViewsProbe.waterfall(chart).row() == stored.report().rows().get(2).row());
    WaitForAsyncUtils.waitForFxEvents();
    checkWaterfall(chart, stored, 2);
    assertThat(
            onFx(() -> robot.lookup("#explanation-waterfall-axis").queryAs(Label.class).getText()))
        .isEqualTo("log-odds of class 1: base value + Σφ = f(x) for row 2");
    assertThat(
            onFx(
                () ->
                    robot.lookup("#explanation-waterfall-caption").queryAs(Label.class).getText()))
        .startsWith("Row 2, in log-odds of class 1: base value")
        .endsWith("the 3 smallest of 13 features folded into one bar.");
    assertThat(onFx(() -> ExplanationViewsProbe.outside(chart)))
        .as("outside the waterfall")
        .isEmpty();
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    Path png = temp.resolve("waterfall.png");
    robot.interact(
        () -> {
          try {
            ExplanationViewsProbe.export(chart, png);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    int[] bars = blueAndRed(ImageIO.read(png.toFile()));
    assertThat(bars[0] + bars[1]).as("bar pixels").isGreaterThan(200);
    session.snapshot("explain-waterfall.png");

    // every chart of the screen (each tab's, shown or not) has its own "Export PNG…" button
    Node screen = robot.lookup("#explanation-tabs").query();
    List<String> charts = onFx(() -> chartIds(screen, new java.util.ArrayList<>()));
    assertThat(charts)
        .containsExactlyInAnyOrder(
            "explanation-beeswarm-chart",
            "explanation-shap-dependence-chart",
            "explanation-waterfall-chart",
            "explanation-pdp-chart",
            "explanation-ale-chart",
            "explanation-groups-chart");
    for (String id : charts) {
      assertThat(robot.lookup("#" + id + "-export").queryAs(Button.class).getText())
          .as(id + " export button")
          .isEqualTo("Export PNG…");
    }

    // "New explanation" under the list: opened, it lists the registered versions and datasets;
    // Explain runs in the background and selects what it stored
    robot.interact(() -> robot.lookup("#explain-new").queryAs(TitledPane.class).setExpanded(true));
    @SuppressWarnings("unchecked")
    ComboBox<ModelVersion> models = robot.lookup("#explain-new-model").queryAs(ComboBox.class);
    @SuppressWarnings("unchecked")
    ComboBox<DatasetVersion> datasets = robot.lookup("#explain-new-data").queryAs(ComboBox.class);
    waitUntil(() -> models.getItems().contains(model) && datasets.getItems().contains(data));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    robot.interact(
        () -> {
          models.setValue(model);
          datasets.setValue(data);
          robot.lookup("#explain-new-rows").queryAs(Spinner.class).getValueFactory().setValue(12);
        });
    robot.clickOn("#explain-new-run");
    waitUntil(() -> list.getItems().size() == 2);
    waitUntil(
        () ->
            robot
                .lookup("#explain-new-message")
                .queryAs(Label.class)
                .getText()
                .startsWith("Stored as explanation #"));
    long made = workbench.explanations().list(null).get(0).id();
    assertThat(made).isNotEqualTo(stored.id());
    waitUntil(() -> list.getSelectionModel().getSelectedItem() != null);
    assertThat(
            onFx(
                () ->
                    ((dev.assay.core.explanations.ExplanationStore.Summary)
                            list.getSelectionModel().getSelectedItem())
                        .id()))
        .isEqualTo(made);
    assertThat(workbench.explanations().get(made).summary().rows()).isEqualTo(12);
  }

  /** Ids of the ChartFX charts and the hand-drawn waterfall and beeswarm under {@code node}. */
  private static List<String> chartIds(Node node, List<String> ids) {
    if (node instanceof io.fair_acc.chartfx.Chart
        || node.getClass().getSimpleName().matches("(Waterfall|Beeswarm)Chart")) {
      ids.add(node.getId());
    }
    if (node instanceof javafx.scene.Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        chartIds(child, ids);
      }
    }
    return ids;
  }

  private void checkWaterfall(Node chart, GroupedExplanation.Stored stored, int index)
      throws Exception {
    ExplanationViewsProbe.Drawn drawn = onFx(() -> ExplanationViewsProbe.waterfall(chart));
    Attribution a = stored.report().rows().get(index).attribution();
    double sum = 0;
    for (double p : a.phi()) {
      sum += p;
    }
    assertThat(drawn.row()).isEqualTo(stored.report().rows().get(index).row());
    assertThat(drawn.bars()).isEqualTo(11);
    assertThat(drawn.base()).isEqualTo(stored.report().baseValue());
    assertThat(drawn.end()).isCloseTo(stored.report().baseValue() + sum, within(1e-12));
    assertThat(Math.abs(drawn.end() - a.prediction()))
        .isLessThanOrEqualTo(a.efficiencyError() + 1e-12);
    double[] px = onFx(() -> ExplanationViewsProbe.lastBarEndAndPrediction(chart));
    assertThat(px[0]).as("the last bar ends at f(x)").isCloseTo(px[1], within(1.0));
  }

  /** Pixels near the beeswarm's low blue and high red. */
  private static int[] blueAndRed(BufferedImage image) {
    int blue = 0;
    int red = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        blue += r < 60 && g > 100 && g < 180 && b > 200 ? 1 : 0;
        red += r > 200 && g < 60 && b > 40 && b < 130 ? 1 : 0;
      }
    }
    return new int[] {blue, red};
  }
}
