package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.compare.ComparisonReport;
import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.compare.Contender;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.compare.CompareView;
import dev.assay.ui.compare.CompareViewModel;
import dev.assay.workbench.Workbench;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The Compare screen, headless, on the sample models hmda-deny v1 and v2 and hmda_test. */
class CompareScreenTest {

  @TempDir Path temp;

  private final FxRobot robot = new FxRobot();
  private ScreenSession session;
  private Workbench workbench;
  private MainWindow window;

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
  void comparingSampleV1AndV2ShowsBothCurvesTheDifferencesAndTheDisagreementsAndReopens()
      throws Exception {
    session = ScreenSession.open(temp.resolve("home"));
    workbench = session.workbench();
    window = session.window();
    robot.interact(() -> window.show(ScreenKind.COMPARE));
    CompareViewModel vm = window.compareViewModel();
    waitUntil(() -> vm.models().size() == 4 && vm.datasets().size() == 3);
    robot.interact(
        () -> {
          for (String ref : List.of("hmda-deny:1", "hmda-deny:2")) {
            vm.modelProperty()
                .set(vm.models().stream().filter(m -> m.ref().equals(ref)).findFirst().get());
            vm.addContender();
          }
          vm.datasetProperty()
              .set(
                  vm.datasets().stream()
                      .filter(d -> d.name().equals("hmda_test"))
                      .findFirst()
                      .get());
        });
    assertThat(onFx(() -> vm.contenders().stream().map(Contender::label).toList()))
        .containsExactly("hmda-deny:1", "hmda-deny:2");
    assertThat(onFx(() -> vm.targetProperty().get())).isEqualTo("deny");

    java.util.concurrent.atomic.AtomicInteger modelListChanges =
        new java.util.concurrent.atomic.AtomicInteger();
    robot.interact(
        () ->
            vm.models()
                .addListener(
                    (javafx.collections.ListChangeListener<Object>)
                        change -> modelListChanges.incrementAndGet()));
    robot.clickOn("#run-comparison");

    Label heading = robot.lookup("#compare-heading").queryAs(Label.class);
    waitUntil(() -> heading.getText().startsWith("Comparison #"));
    assertThat(heading.getText()).contains("hmda_test").contains("714 rows");

    CompareView view = robot.lookup("#compare-view").queryAs(CompareView.class);
    javafx.scene.control.TabPane tabs =
        robot.lookup("#compare-tabs").queryAs(javafx.scene.control.TabPane.class);
    for (int tab : new int[] {2, 3, 6, 1}) {
      robot.interact(() -> tabs.getSelectionModel().select(tab));
    }
    // the tables fill a few rows a pulse
    waitUntil(() -> !view.filling());
    XYChart roc = chart(view, "compare-roc");
    List<String> rocNames = onFx(() -> names(roc));
    assertThat(rocNames).contains("ROC hmda-deny:1", "ROC hmda-deny:2", "chance");
    assertThat(onFx(() -> datasets(roc).getFirst().getDataCount())).isGreaterThan(10);
    assertThat(onFx(() -> names(chart(view, "compare-pr"))))
        .contains("PR hmda-deny:1", "PR hmda-deny:2");
    assertThat(onFx(() -> names(chart(view, "compare-calibration"))))
        .contains("calibration hmda-deny:1", "calibration hmda-deny:2");
    assertThat(onFx(() -> datasets(chart(view, "compare-live-metric")).getFirst().getDataCount()))
        .as("the running accuracy was drawn while the comparison ran")
        .isPositive();

    TableView<ComparisonReport.MetricDelta> deltas =
        robot.lookup("#compare-deltas").queryTableView();
    List<String> rows =
        onFx(() -> deltas.getItems().stream().map(d -> d.metric() + ":" + d.test()).toList());
    assertThat(rows).contains("roc_auc:delong", "f1:paired_bootstrap");
    assertThat(rows.getFirst()).startsWith("accuracy:mcnemar");
    assertThat(onFx(() -> deltas.getItems().stream().map(d -> d.verdict()).toList()))
        .contains(ComparisonReport.REAL);
    assertThat(onFx(deltas::getMaxHeight))
        .as("the height cap of a table growing a few lines a pulse is lifted when it is done")
        .isEqualTo(javafx.scene.layout.Region.USE_COMPUTED_SIZE);
    assertThat(onFx(deltas::getHeight)).isGreaterThan(300);
    assertThat(onFx(deltas::getFixedCellSize))
        .as("one-line rows of a fixed height (2em of the 13px font): no row is measured")
        .isEqualTo(26.0);
    TableView<?> flips = robot.lookup("#compare-disagreement-rows").queryTableView();
    assertThat(onFx(() -> flips.getItems().size())).isEqualTo(34);
    assertThat(robot.lookup("#compare-disagreement-summary").queryAs(Label.class).getText())
        .contains("34 of 714");

    Path png = temp.resolve("roc.png");
    robot.interact(
        () -> {
          try {
            view.exportPng(roc, png);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    assertThat(Files.size(png)).isGreaterThan(1000);

    ListView<ComparisonStore.Summary> past = robot.lookup("#past-comparisons").queryListView();
    waitUntil(() -> past.getItems().size() == 1);
    assertThat(modelListChanges)
        .as("the lists reloaded after the run replace only what changed (the saved comparisons)")
        .hasValue(0);
    long id = onFx(() -> past.getItems().getFirst().id());
    robot.interact(() -> vm.resultProperty().set(null));
    waitUntil(() -> !heading.getText().startsWith("Comparison #"));
    robot.interact(() -> past.getSelectionModel().select(0));
    waitUntil(() -> heading.getText().startsWith("Comparison #" + id));
    robot.interact(() -> tabs.getSelectionModel().select(2));
    assertThat(onFx(() -> names(roc))).contains("ROC hmda-deny:1", "ROC hmda-deny:2");
  }

  private static XYChart chart(CompareView view, String id) {
    return view.charts().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
  }

  private static List<DataSet> datasets(XYChart chart) {
    return chart.getRenderers().stream().flatMap(r -> r.getDatasets().stream()).toList();
  }

  private static List<String> names(XYChart chart) {
    return datasets(chart).stream().map(DataSet::getName).toList();
  }
}
