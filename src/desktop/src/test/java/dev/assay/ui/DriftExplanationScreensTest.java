package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.explain.PlottedExplanation;
import dev.assay.workbench.Workbench;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Drift and Explanations screens, headless: empty, then with one stored report each. */
class DriftExplanationScreensTest {

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

  private DatasetVersion dataset(String name) {
    return workbench.datasets().list().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theDriftScreenSaysWhatToDoThenShowsAStoredReportsFeatureRows() throws Exception {
    open();
    robot.interact(() -> window.show(ScreenKind.DRIFT));
    ListView<?> reports = robot.lookup("#drift-reports").queryListView();
    WaitForAsyncUtils.waitForFxEvents();
    Label empty = robot.lookup("#drift-empty").queryAs(Label.class);
    assertThat(onFx(() -> empty.isVisible() && empty.getScene() != null)).isTrue();
    assertThat(empty.getText()).contains("assay drift --model NAME:VERSION");

    DatasetVersion train =
        workbench
            .datasets()
            .importDataset(
                ScreenSession.SAMPLES.resolve("data/hmda_train.csv"),
                null,
                dev.assay.core.Progress.NONE,
                dev.assay.core.Cancellation.NONE)
            .dataset();
    long id = StoredAnalyses.driftReport(workbench, train, dataset("hmda_test"));
    robot.clickOn("#drift-refresh");
    waitUntil(() -> reports.getItems().size() == 1);
    TableView<?> features = robot.lookup("#drift-features").queryTableView();
    waitUntil(() -> features.getItems().size() == 3);
    List<String> rows =
        onFx(
            () ->
                features.getItems().stream()
                    .map(
                        r ->
                            cell(features, r, 0)
                                + "|"
                                + cell(features, r, 2)
                                + "|"
                                + cell(features, r, 4)
                                + "|"
                                + cell(features, r, 7))
                    .toList());
    assertThat(rows)
        .containsExactly(
            "pirat|KS (exact)|2.5e-08|✗ drift",
            "chist|chi² (dof 2)|0.1800|✗ drift (missing rate)",
            "hirat|KS (asymp)|–|✓ no drift");
    Label verdict = robot.lookup("#drift-verdict").queryAs(Label.class);
    assertThat(onFx(verdict::getText)).isEqualTo("✗ DRIFT: 2 of 3 features drifted");
    assertThat(onFx(() -> verdict.getStyleClass().contains("verdict-unfair"))).isTrue();
    Label heading = robot.lookup("#drift-heading").queryAs(Label.class);
    assertThat(onFx(heading::getText)).isEqualTo("Drift report #" + id);
    assertThat(onFx(() -> robot.lookup("#drift-datasets").queryAs(Label.class).getText()))
        .startsWith("reference hmda_train")
        .contains("current hmda_test");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
  }

  @Test
  void theExplanationsScreenShowsAStoredExplanationsImportanceAndReasons() throws Exception {
    open();
    robot.interact(() -> window.show(ScreenKind.EXPLANATIONS));
    WaitForAsyncUtils.waitForFxEvents();
    Label empty = robot.lookup("#explanations-empty").queryAs(Label.class);
    assertThat(empty.getText()).contains("assay explain --model NAME:VERSION");

    ModelVersion model = workbench.models().get(ModelRef.parse("hmda-deny:2"));
    StoredAnalyses.Explained stored =
        StoredAnalyses.explanation(workbench, model, dataset("hmda_test"), temp);
    robot.clickOn("#explanations-refresh");
    ListView<?> list = robot.lookup("#explanation-list").queryListView();
    waitUntil(() -> list.getItems().size() == 1);
    TableView<?> importance = robot.lookup("#explanation-importance").queryTableView();
    int features = stored.report().features().size();
    waitUntil(() -> importance.getItems().size() == features);
    String top = onFx(() -> cell(importance, importance.getItems().getFirst(), 0));
    double[] meanAbs = stored.report().meanAbs();
    int largest = 0;
    for (int i = 1; i < meanAbs.length; i++) {
      largest = meanAbs[i] > meanAbs[largest] ? i : largest;
    }
    assertThat(top).isEqualTo(stored.report().features().get(largest));
    TableView<?> reasons = robot.lookup("#explanation-reasons").queryTableView();
    waitUntil(() -> reasons.getItems().size() == 10);
    assertThat(onFx(() -> cell(reasons, reasons.getItems().getFirst(), 1)))
        .startsWith(stored.codes().rows().getFirst().reasons().getFirst().feature() + " = ");
    Label efficiency = robot.lookup("#explanation-efficiency").queryAs(Label.class);
    assertThat(onFx(efficiency::getText)).startsWith("✓ efficiency");
    assertThat(onFx(() -> robot.lookup("#explanation-heading").queryAs(Label.class).getText()))
        .startsWith("Explanation #" + stored.id() + ": hmda-deny:2 on hmda_test");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
  }

  @Test
  void theExplanationsScreenPlotsAleAndTabulatesCounterfactuals() throws Exception {
    open();
    robot.interact(() -> window.show(ScreenKind.EXPLANATIONS));
    WaitForAsyncUtils.waitForFxEvents();
    ModelVersion model = workbench.models().get(ModelRef.parse("hmda-deny:2"));
    PlottedExplanation.Stored stored =
        PlottedExplanation.store(workbench, model, dataset("hmda_test"));
    robot.clickOn("#explanations-refresh");
    ListView<?> list = robot.lookup("#explanation-list").queryListView();
    waitUntil(() -> list.getItems().size() == 1);
    XYChart chart = robot.lookup("#explanation-ale-chart").queryAs(XYChart.class);
    waitUntil(() -> chart.getDatasets().size() == 1);
    assertThat(onFx(() -> chart.getDatasets().getFirst().getDataCount()))
        .isEqualTo(stored.ale().getFirst().grid().length);
    Axis x = onFx(() -> chart.getXAxis());
    Axis y = onFx(() -> chart.getYAxis());
    assertThat(onFx(x::getName)).isEqualTo("pirat");
    assertThat(onFx(y::getName)).isEqualTo("ALE (logit)");
    assertThat(onFx(x::getUnit)).isNull();
    assertThat(onFx(y::getUnit)).isNull();
    // the second feature's curve when chosen
    ComboBox<?> feature = robot.lookup("#explanation-ale-feature").queryComboBox();
    robot.interact(() -> feature.getSelectionModel().select(1));
    waitUntil(() -> "lvrat".equals(x.getName()));
    assertThat(onFx(() -> chart.getDatasets().getFirst().getDataCount()))
        .isEqualTo(stored.ale().get(1).grid().length);

    TabPane tabs = robot.lookup("#explanation-tabs").queryAs(TabPane.class);
    robot.interact(
        () ->
            tabs.getSelectionModel()
                .select(
                    tabs.getTabs().stream()
                        .filter(t -> "explanation-recourse-tab".equals(t.getId()))
                        .findFirst()
                        .orElseThrow()));
    TableView<?> recourse = robot.lookup("#explanation-recourse").queryTableView();
    int expected = stored.recourse().stream().mapToInt(r -> r.counterfactuals().size()).sum();
    waitUntil(() -> recourse.getItems().size() == expected);
    assertThat(onFx(() -> cell(recourse, recourse.getItems().getFirst(), 5))).contains(" → ");
    assertThat(
            onFx(
                () ->
                    robot.lookup("#explanation-recourse-settings").queryAs(Label.class).getText()))
        .startsWith("decision at 0 (adverse higher), margin 0.05000");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
  }

  /**
   * The Contracts tab: a contract inferred from titanic_test, a refused max, then age at most 60;
   * checking titanic_test names the 10 rows Python's csv module finds above 60 (first 4, 63, 69,
   * 74, 90); Save keeps revision 1 with an audit entry.
   */
  @Test
  void theContractsTabInfersEditsChecksAndSavesAContract() throws Exception {
    open();
    robot.interact(() -> window.show(ScreenKind.DRIFT));
    TabPane tabs = robot.lookup("#drift-tabs").queryAs(TabPane.class);
    robot.interact(() -> tabs.getSelectionModel().select(1));
    @SuppressWarnings("unchecked")
    ComboBox<ModelVersion> model = robot.lookup("#contract-model").queryAs(ComboBox.class);
    waitUntil(() -> model.getItems().size() == 4 && model.getValue() != null);
    Label status = robot.lookup("#contract-status").queryAs(Label.class);
    waitUntil(
        () ->
            status
                .getText()
                .endsWith("keeps no data contract. Choose a reference dataset and infer one."));
    DatasetVersion titanic = dataset("titanic_test");
    @SuppressWarnings("unchecked")
    ComboBox<DatasetVersion> reference =
        robot.lookup("#contract-reference").queryAs(ComboBox.class);
    robot.interact(() -> reference.setValue(titanic));
    robot.clickOn("#contract-infer");
    TableView<?> rules = robot.lookup("#contract-rules").queryTableView();
    waitUntil(() -> rules.getItems().size() == 4);
    robot.interact(() -> rules.getSelectionModel().select(2));
    @SuppressWarnings("unchecked")
    ComboBox<dev.assay.core.drift.ContractEdit.Rule> rule =
        robot.lookup("#contract-edit-rule").queryAs(ComboBox.class);
    robot.interact(() -> rule.setValue(dev.assay.core.drift.ContractEdit.Rule.MAX));
    javafx.scene.control.TextField value =
        robot.lookup("#contract-edit-value").queryAs(javafx.scene.control.TextField.class);
    String shown = onFx(value::getText);
    assertThat(shown).isEqualTo("76.0");
    robot.interact(() -> value.setText("sixty"));
    robot.clickOn("#contract-apply");
    Label error = robot.lookup("#contract-error").queryAs(Label.class);
    waitUntil(() -> error.getText().equals("max of age must be a finite number, not 'sixty'"));
    assertThat(onFx(() -> cell(rules, rules.getItems().get(2), 4))).isEqualTo("76.0");
    robot.interact(() -> value.setText("60"));
    robot.clickOn("#contract-apply");
    waitUntil(() -> error.getText().isEmpty());
    assertThat(onFx(() -> cell(rules, rules.getItems().get(2), 4))).isEqualTo("60.0");

    @SuppressWarnings("unchecked")
    ComboBox<DatasetVersion> data = robot.lookup("#contract-data").queryAs(ComboBox.class);
    robot.interact(() -> data.setValue(titanic));
    robot.clickOn("#contract-check");
    TableView<?> violations = robot.lookup("#contract-violations").queryTableView();
    waitUntil(() -> violations.getItems().size() == 1);
    assertThat(
            onFx(
                () ->
                    cell(violations, violations.getItems().get(0), 0)
                        + "|"
                        + cell(violations, violations.getItems().get(0), 1)
                        + "|"
                        + cell(violations, violations.getItems().get(0), 2)
                        + "|"
                        + cell(violations, violations.getItems().get(0), 3)))
        .isEqualTo("age|above_max|10|[4, 63, 69, 74, 90]");

    robot.clickOn("#contract-save");
    waitUntil(() -> status.getText().startsWith("Revision 1 of " + model.getValue().ref()));
    assertThat(
            workbench
                .dataContracts()
                .latest(model.getValue().id())
                .orElseThrow()
                .contract()
                .columns()
                .get(2)
                .max())
        .isEqualTo(60.0);
    assertThat(workbench.auditEntries())
        .anySatisfy(e -> assertThat(e.action()).isEqualTo("contract.save"));
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
  }

  private static String cell(TableView<?> table, Object row, int column) {
    @SuppressWarnings("unchecked")
    TableView<Object> t = (TableView<Object>) table;
    Object value = t.getColumns().get(column).getCellObservableValue(row).getValue();
    return String.valueOf(value);
  }
}
