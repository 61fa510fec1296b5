package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.GroupAttributions;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.explain.GroupedExplanation;
import dev.assay.workbench.Workbench;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Explanations screen's partial dependence and group tabs, headless at 1280x800: their empty
 * states, then a stored explanation's curves, ICE lines and group gap, nothing cut off.
 */
class ExplanationDependenceScreenTest {

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
  void thePartialDependenceAndGroupTabsShowAStoredExplanation() throws Exception {
    session = ScreenSession.open(temp.resolve("home"), true);
    workbench = session.workbench();
    window = session.window();
    stage = session.stage();
    robot.interact(() -> window.show(ScreenKind.EXPLANATIONS));
    WaitForAsyncUtils.waitForFxEvents();
    TabPane tabs = robot.lookup("#explanation-tabs").queryAs(TabPane.class);
    session.select(tabs, "explanation-pdp-tab");
    Label empty = robot.lookup("#explanation-pdp-empty").queryAs(Label.class);
    assertThat(onFx(() -> empty.isVisible() && empty.getScene() != null)).isTrue();
    assertThat(onFx(empty::getText))
        .startsWith("This explanation has no partial dependence")
        .contains("--pdp FEATURE[,FEATURE] --ice");
    session.select(tabs, "explanation-groups-tab");
    TreeTableView<?> table = robot.lookup("#explanation-groups").queryAs(TreeTableView.class);
    assertThat(onFx(() -> ((Label) table.getPlaceholder()).getText()))
        .contains("--group-by COL|predicted");
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

    // partial dependence: 50 ICE lines of 120 rows under the mean curve, in the stored numbers
    session.select(tabs, "explanation-pdp-tab");
    XYChart chart = robot.lookup("#explanation-pdp-chart").queryAs(XYChart.class);
    waitUntil(() -> chart.getRenderers().getFirst().getDatasets().size() == 51);
    DataSet pdp = onFx(() -> chart.getRenderers().getFirst().getDatasets().getLast());
    double[] average = stored.pdp().getFirst().average();
    assertThat(pdp.getDataCount()).isEqualTo(average.length);
    for (int g = 0; g < average.length; g++) {
      assertThat(pdp.get(DataSet.DIM_Y, g)).isEqualTo(average[g]);
      assertThat(pdp.get(DataSet.DIM_X, g)).isEqualTo(stored.pdp().getFirst().grid()[g]);
    }
    assertThat(onFx(() -> chart.getXAxis().getName())).isEqualTo("pirat");
    assertThat(onFx(() -> chart.getYAxis().getName())).isEqualTo("partial dependence (logit)");
    assertThat(onFx(() -> chart.getXAxis().getUnit())).isNull();
    assertThat(onFx(() -> chart.getYAxis().getUnit())).isNull();
    assertThat(onFx(() -> robot.lookup("#explanation-pdp-caption").queryAs(Label.class).getText()))
        .contains("ICE, 50 of 120 rows");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    assertThat(onFx(() -> NothingCutOffTest.emptyUnits(window))).isEmpty();
    session.snapshot("explain-pdp.png");
    // the mean curve is drawn: pixels of its red in the chart
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    BufferedImage drawn = onFx(() -> SwingFXUtils.fromFXImage(chart.snapshot(null, null), null));
    int red = 0;
    for (int py = 0; py < drawn.getHeight(); py++) {
      for (int px = 0; px < drawn.getWidth(); px++) {
        int rgb = drawn.getRGB(px, py);
        if (((rgb >> 16) & 0xff) > 170 && ((rgb >> 8) & 0xff) < 90 && (rgb & 0xff) < 90) {
          red++;
        }
      }
    }
    String axes =
        onFx(
            () ->
                "x "
                    + chart.getXAxis().getMin()
                    + ".."
                    + chart.getXAxis().getMax()
                    + ", y "
                    + chart.getYAxis().getMin()
                    + ".."
                    + chart.getYAxis().getMax());
    assertThat(red)
        .as("red pixels of the partial dependence line (axes %s)", axes)
        .isGreaterThan(100);

    CheckBox centred = robot.lookup("#explanation-pdp-centred").queryAs(CheckBox.class);
    robot.interact(() -> centred.setSelected(true));
    waitUntil(() -> chart.getYAxis().getName().equals("centred partial dependence (logit)"));
    DataSet centredPdp = onFx(() -> chart.getRenderers().getFirst().getDatasets().getLast());
    assertThat(centredPdp.get(DataSet.DIM_Y, 0)).isZero();
    assertThat(centredPdp.get(DataSet.DIM_Y, 10)).isEqualTo(average[10] - average[0]);
    double[] row0 = stored.pdp().getFirst().individual()[0];
    DataSet ice0 = onFx(() -> chart.getRenderers().getFirst().getDatasets().getFirst());
    assertThat(ice0.get(DataSet.DIM_Y, 10)).isEqualTo(row0[10] - row0[0]);
    ComboBox<?> feature = robot.lookup("#explanation-pdp-feature").queryComboBox();
    robot.interact(() -> feature.getSelectionModel().select(1));
    waitUntil(() -> "lvrat".equals(chart.getXAxis().getName()));

    // groups: the reference and the other afam group, whose gap is charted feature by feature
    session.select(tabs, "explanation-groups-tab");
    waitUntil(() -> table.getRoot() != null && table.getRoot().getChildren().size() == 2);
    GroupAttributions.Group other =
        stored.groups().stream().filter(g -> g != stored.reference()).findFirst().orElseThrow();
    ComboBox<?> group = robot.lookup("#explanation-groups-group").queryComboBox();
    waitUntil(() -> other.value().equals(group.getValue()));
    XYChart bars = robot.lookup("#explanation-groups-chart").queryAs(XYChart.class);
    waitUntil(() -> bars.getRenderers().getFirst().getDatasets().size() == 1);
    DataSet gap = onFx(() -> bars.getRenderers().getFirst().getDatasets().getFirst());
    int features = stored.report().features().size();
    assertThat(gap.getDataCount()).isEqualTo(features + 1);
    GroupAttributions.Gap expected = GroupAttributions.gap(other, stored.reference());
    double sum = 0;
    for (int i = 0; i < features + 1; i++) {
      sum += gap.get(DataSet.DIM_Y, i);
    }
    assertThat(sum)
        .isCloseTo(expected.predictionGap(), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(gap.get(DataSet.DIM_Y, features)).isEqualTo(expected.residual());
    assertThat(onFx(() -> bars.getYAxis().getName()))
        .isEqualTo("gap of '" + other.value() + "' to the reference (logit)");
    assertThat(
            onFx(() -> robot.lookup("#explanation-groups-settings").queryAs(Label.class).getText()))
        .startsWith("Grouped by afam: 2 groups; reference '" + stored.reference().value() + "'");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    assertThat(onFx(() -> NothingCutOffTest.emptyUnits(window))).isEmpty();
    session.snapshot("explain-groups.png");
  }
}
