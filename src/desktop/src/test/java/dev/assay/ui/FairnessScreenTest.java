package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.fairness.GroupReport;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestWorkbench;
import dev.assay.ui.common.ScreenKind;
import dev.assay.workbench.Workbench;
import io.fair_acc.chartfx.XYChart;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The Fairness screen, headless, on the sample HMDA models. */
class FairnessScreenTest {

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

  private void open() throws Exception {
    session = ScreenSession.open(temp.resolve("home"));
    workbench = session.workbench();
    window = session.window();
  }

  private EvaluationResult evaluate(String model) {
    ModelVersion version = workbench.models().get(ModelRef.parse(model));
    DatasetVersion data =
        workbench.datasets().list().stream()
            .filter(d -> d.name().equals("hmda_test"))
            .findFirst()
            .orElseThrow();
    return workbench
        .evaluations()
        .run(TestWorkbench.request(version, data, "deny", null), Progress.NONE, Cancellation.NONE);
  }

  @Test
  void aReportOnAStoredRunShowsTheGroupsVerdictsAndCharts() throws Exception {
    open();
    EvaluationResult run = evaluate("hmda-deny:2");
    robot.interact(() -> window.show(ScreenKind.FAIRNESS));
    ComboBox<?> runs = robot.lookup("#fairness-run").queryComboBox();
    waitUntil(() -> runs.getItems().size() == 1);
    var vm = window.fairnessViewModel();
    robot.interact(() -> vm.runProperty().set(vm.runs().getFirst()));
    ListView<String> sensitive = robot.lookup("#fairness-sensitive").queryListView();
    waitUntil(() -> sensitive.getItems().contains("afam"));
    assertThat(onFx(() -> sensitive.getItems()))
        .as("the target is not offered")
        .doesNotContain("deny");
    waitUntil(() -> vm.classes().size() == 2);
    robot.interact(
        () -> {
          sensitive.getSelectionModel().select("afam");
          vm.favorableProperty().set("0");
        });

    robot.clickOn("#create-fairness-report");

    Label heading = robot.lookup("#fairness-heading").queryAs(Label.class);
    waitUntil(() -> heading.getText().startsWith("Fairness report #"));
    assertThat(heading.getText())
        .contains("on run #" + run.run().id())
        .contains("hmda-deny:2")
        .contains("714 rows")
        .endsWith("UNFAIR");
    TableView<GroupReport> groups = robot.lookup("#fairness-groups").queryTableView();
    waitUntil(() -> groups.getItems().size() == 2);
    assertThat(onFx(() -> groups.getItems().stream().map(g -> g.value() + ":" + g.n()).toList()))
        .containsExactly("0:605", "1:109");

    TableView<?> verdicts = robot.lookup("#fairness-verdicts").queryTableView();
    // the verdicts, then the threshold chart and policies, follow the groups a pulse apart
    waitUntil(() -> !verdicts.getItems().isEmpty());
    List<String> rows =
        onFx(
            () ->
                verdicts.getItems().stream()
                    .map(
                        r ->
                            cell(verdicts, r, 1)
                                + "|"
                                + cell(verdicts, r, 6)
                                + "|"
                                + cell(verdicts, r, 7))
                    .toList());
    assertThat(rows)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("Demographic parity difference|unfair|Demographic parity asks"))
        .anySatisfy(r -> assertThat(r).startsWith("Disparate impact (four-fifths rule)|fair|"));

    XYChart bars = robot.lookup("#fairness-group-chart").queryAs(XYChart.class);
    assertThat(onFx(() -> bars.getDatasets().getFirst().getDataCount())).isEqualTo(2);
    assertThat(
            onFx(
                () ->
                    bars.getPlugins().stream()
                        .anyMatch(p -> p instanceof io.fair_acc.chartfx.plugins.YValueIndicator)))
        .as("the reference line")
        .isTrue();
    XYChart thresholds = robot.lookup("#fairness-threshold-chart").queryAs(XYChart.class);
    waitUntil(() -> thresholds.getDatasets().size() == 2);
    assertThat(onFx(() -> thresholds.getDatasets().size())).isEqualTo(2);
    assertThat(onFx(() -> thresholds.getDatasets().getFirst().getDataCount())).isEqualTo(99);
    TableView<?> policies = robot.lookup("#fairness-policies").queryTableView();
    assertThat(onFx(() -> policies.getItems().size())).isEqualTo(4);
    ListView<?> past = robot.lookup("#past-fairness-reports").queryListView();
    waitUntil(() -> past.getItems().size() == 1);
    assertThat(workbench.fairness().reports().list(null)).hasSize(1);
  }

  /**
   * Before the first report the screen makes its tables' first rows and its first bars and lines at
   * idle pulses (a cold JVM's first rows would otherwise cost one long frame): the hidden tabs' own
   * tables, and an invisible copy of the Groups tab, which is in sight. The Groups tab's own table
   * and chart stay empty all along: no blank row or bar is ever shown.
   */
  @Test
  void theFirstRowsAndBarsAreMadeAheadOfNeedWithoutABlankRowInSight() throws Exception {
    open();
    java.util.concurrent.atomic.AtomicInteger blankRowsShown =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger blankBarsShown =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<javafx.scene.Node> copy =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicInteger copiesInSight =
        new java.util.concurrent.atomic.AtomicInteger();
    robot.interact(
        () -> {
          window.show(ScreenKind.FAIRNESS);
          // in the same FX call (the priming steps run at the next pulses); the tabs' skin made
          // now puts their content in the scene
          window.applyCss();
          TableView<?> groups = (TableView<?>) window.lookup("#fairness-groups");
          groups
              .getItems()
              .addListener(
                  (javafx.collections.ListChangeListener<Object>)
                      c -> blankRowsShown.addAndGet(c.getList().size()));
          XYChart bars = (XYChart) window.lookup("#fairness-group-chart");
          bars.getDatasets()
              .addListener(
                  (javafx.collections.ListChangeListener<Object>)
                      c -> blankBarsShown.addAndGet(c.getList().size()));
          ((javafx.scene.layout.Pane) groups.getParent())
              .getChildren()
              .addListener(
                  (javafx.collections.ListChangeListener<javafx.scene.Node>)
                      c -> {
                        while (c.next()) {
                          for (javafx.scene.Node added : c.getAddedSubList()) {
                            copy.set(added);
                            if (added.isVisible() || added.isManaged()) {
                              copiesInSight.incrementAndGet();
                            }
                          }
                        }
                      });
        });
    waitUntil(() -> copy.get() != null && copy.get().getParent() == null);
    TableView<?> verdicts = robot.lookup("#fairness-verdicts").queryTableView();
    TableView<?> policies = robot.lookup("#fairness-policies").queryTableView();
    waitUntil(() -> verdicts.getItems().isEmpty() && policies.getItems().isEmpty());

    assertThat(blankRowsShown).as("rows put in the Groups tab's table before a report").hasValue(0);
    assertThat(blankBarsShown).as("bars drawn in the Groups tab's chart").hasValue(0);
    assertThat(copiesInSight).as("the copy is neither drawn nor laid out by the tab").hasValue(0);
    TableView<?> groups = robot.lookup("#fairness-groups").queryTableView();
    TableView<?> copyTable =
        onFx(() -> (TableView<?>) ((javafx.scene.layout.Pane) copy.get()).getChildren().get(1));
    assertThat(onFx(copyTable::getHeight))
        .as("the copy's table grew (about) to the height of the Groups tab's own")
        .isGreaterThan(0.8 * onFx(groups::getHeight));
    assertThat(onFx(() -> copyTable.lookupAll(".table-row-cell").size()))
        .as("the copy made a row for each line of its table")
        .isGreaterThanOrEqualTo(3)
        .isGreaterThanOrEqualTo(
            onFx(() -> (int) ((copyTable.getHeight() - 60) / copyTable.getFixedCellSize())));
    assertThat(
            onFx(
                () ->
                    ((XYChart) ((javafx.scene.layout.Pane) copy.get()).getChildren().getFirst())
                        .getDatasets()
                        .getFirst()
                        .getDataCount()))
        .as("the copy drew its bars")
        .isEqualTo(4);
    assertThat(onFx(() -> verdicts.lookupAll(".table-row-cell").size()))
        .as("the Verdicts tab's table (out of sight) made its rows, and is empty again")
        .isGreaterThanOrEqualTo(8);
    assertThat(onFx(() -> policies.lookupAll(".table-row-cell").size())).isGreaterThanOrEqualTo(4);
    XYChart thresholds = robot.lookup("#fairness-threshold-chart").queryAs(XYChart.class);
    assertThat(onFx(() -> thresholds.getDatasets().size())).isZero();
  }

  @Test
  void withoutARunTheScreenEvaluatesFirstAndStoredReportsCompare() throws Exception {
    open();
    robot.interact(() -> window.show(ScreenKind.FAIRNESS));
    var vm = window.fairnessViewModel();
    waitUntil(() -> vm.models().size() == 4 && vm.datasets().size() == 3);
    for (String model : List.of("hmda-deny:2", "hmda-deny:3")) {
      robot.interact(
          () -> {
            vm.runProperty().set(null);
            vm.modelProperty()
                .set(
                    vm.models().stream()
                        .filter(m -> m.ref().equals(model))
                        .findFirst()
                        .orElseThrow());
            vm.datasetProperty()
                .set(
                    vm.datasets().stream()
                        .filter(d -> d.name().equals("hmda_test"))
                        .findFirst()
                        .orElseThrow());
          });
      waitUntil(() -> "deny".equals(vm.targetProperty().get()));
      robot.interact(
          () -> {
            vm.sensitive().setAll("afam");
            vm.favorableProperty().set("0");
          });
      int before = onFx(() -> vm.reports().size());
      robot.clickOn("#create-fairness-report");
      waitUntil(() -> vm.reports().size() == before + 1);
    }
    assertThat(workbench.runs().list(null)).hasSize(2);

    ListView<?> past = robot.lookup("#past-fairness-reports").queryListView();
    robot.interact(() -> past.getSelectionModel().selectAll());
    robot.clickOn("#compare-fairness-reports");
    TableView<String[]> comparison = robot.lookup("#fairness-comparison").queryTableView();
    waitUntil(() -> !comparison.getItems().isEmpty());
    assertThat(onFx(() -> comparison.getColumns().size())).isEqualTo(4);
    assertThat(
            onFx(
                () ->
                    comparison.getItems().stream()
                        .map(r -> r[1] + "=" + r[2] + "/" + r[3])
                        .toList()))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("demographic parity difference=")
                    .contains(" unfair/")
                    .endsWith(" unfair"));
  }

  private static String cell(TableView<?> table, Object row, int column) {
    @SuppressWarnings("unchecked")
    TableView<Object> t = (TableView<Object>) table;
    Object value = t.getColumns().get(column).getCellObservableValue(row).getValue();
    return String.valueOf(value);
  }
}
