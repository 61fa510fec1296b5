package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ModelRef;
import dev.assay.ui.common.ScreenKind;
import dev.assay.workbench.Workbench;
import io.fair_acc.chartfx.XYChart;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The Datasets and Evaluations screens, headless, on the sample models and datasets. */
class EvaluationScreensTest {

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

  @Test
  void datasetsScreenListsTheSampleDatasetsWithTheirProfileAndFindings() throws Exception {
    open();
    robot.interact(() -> window.show(ScreenKind.DATASETS));
    TableView<DatasetVersion> table = robot.lookup("#datasets-table").queryTableView();
    waitUntil(() -> table.getItems().size() == 3);
    DatasetVersion titanic =
        onFx(
            () ->
                table.getItems().stream()
                    .filter(d -> d.name().equals("titanic_test"))
                    .findFirst()
                    .orElseThrow());
    robot.interact(() -> table.getSelectionModel().select(titanic));

    TableView<?> profile = robot.lookup("#profile-table").queryTableView();
    TableView<?> findings = robot.lookup("#findings-table").queryTableView();
    waitUntil(() -> profile.getItems().size() == 4);
    assertThat(onFx(() -> findings.getItems().stream().map(Object::toString).toList()))
        .anySatisfy(f -> assertThat(f).contains("age").contains("missing"));
  }

  @Test
  void runningAnEvaluationShowsMetricsCurvesAndThePastRunWhichReopens() throws Exception {
    open();
    robot.interact(() -> window.show(ScreenKind.EVALUATIONS));
    ComboBox<?> models = robot.lookup("#eval-model").queryComboBox();
    waitUntil(() -> models.getItems().size() == 4);
    robot.interact(
        () -> {
          var vm = window.evaluationsViewModel();
          vm.modelProperty()
              .set(
                  vm.models().stream()
                      .filter(m -> m.ref().equals("hmda-deny:2"))
                      .findFirst()
                      .orElseThrow());
          vm.datasetProperty()
              .set(
                  vm.datasets().stream()
                      .filter(d -> d.name().equals("hmda_test"))
                      .findFirst()
                      .orElseThrow());
        });
    assertThat(onFx(() -> window.evaluationsViewModel().targetProperty().get()))
        .as("the target is taken from the model's metadata")
        .isEqualTo("deny");

    robot.clickOn("#run-evaluation");

    Label heading = robot.lookup("#eval-heading").queryAs(Label.class);
    waitUntil(() -> heading.getText().startsWith("Run #"));
    assertThat(heading.getText()).contains("hmda-deny:2").contains("714 rows");
    TableView<String[]> metrics = robot.lookup("#metrics-table").queryTableView();
    assertThat(onFx(() -> metrics.getItems().stream().map(r -> r[0] + "=" + r[1]).toList()))
        .contains("roc_auc=0.8001", "accuracy=0.8936");
    XYChart roc =
        robot
            .lookup((javafx.scene.Node n) -> n instanceof XYChart)
            .queryAllAs(XYChart.class)
            .stream()
            .filter(c -> c.getXAxis().getName().equals("False positive rate"))
            .findFirst()
            .orElseThrow();
    assertThat(onFx(() -> roc.getDatasets().size())).isEqualTo(2);
    assertThat(onFx(() -> roc.getDatasets().getFirst().getDataCount())).isGreaterThan(10);

    ListView<RunSummary> runs = robot.lookup("#past-runs").queryListView();
    waitUntil(() -> runs.getItems().size() == 1);
    long runId = onFx(() -> runs.getItems().getFirst().id());
    assertThat(workbench.runs().get(runId).status().id()).isEqualTo("completed");
    assertThat(workbench.models().binding(workbench.models().get(ModelRef.parse("hmda-deny:2"))))
        .as("the binding used is remembered")
        .isPresent();

    robot.interact(() -> window.evaluationsViewModel().resultProperty().set(null));
    waitUntil(() -> !heading.getText().startsWith("Run #"));
    robot.interact(() -> runs.getSelectionModel().select(0));
    waitUntil(() -> heading.getText().startsWith("Run #" + runId));
    assertThat(onFx(() -> metrics.getItems().stream().map(r -> r[0] + "=" + r[1]).toList()))
        .contains("roc_auc=0.8001");
  }
}
