package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explain.ReasonCodes;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.compare.CompareViewModel;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Compare screen's Explanations tab at 1280x800: empty with the command to run, then, after a
 * comparison of two versions that have stored explanations of the same rows over the same
 * background, the share of rows whose top reason changed (recounted here from each report's reason
 * codes) and both ranks of every feature, nothing cut off.
 */
class CompareExplanationsScreenTest {
  private static final int ROWS = 150;

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

  private ReasonCodes explainAndStore(ModelVersion model, DatasetVersion data) throws Exception {
    ExplanationRequest request =
        ExplanationRequest.builder(
                workbench.models().modelFile(model),
                model.inspection(),
                workbench.datasets().file(data))
            .rows(0, ROWS)
            .background(50, null)
            .method(Method.LINEAR, OutputSpace.LOGIT, "1")
            .sampling(3, 0.01)
            .columns(null, "deny", 0)
            .build();
    ExplanationReport report =
        new ExplanationRunner(workbench.runtime(), Json.newMapper())
            .run(request, Progress.NONE, Cancellation.NONE);
    workbench
        .explanations()
        .save(
            report,
            model,
            data,
            Json.newMapper().writeValueAsString(ExplanationDocument.of(report, null)));
    return ReasonCodes.of(report, 1, true);
  }

  @Test
  void theExplanationsTabShowsTheShareOfChangedTopReasonsAndBothRanks() throws Exception {
    session = ScreenSession.open(temp.resolve("home"), true);
    workbench = session.workbench();
    window = session.window();
    stage = session.stage();
    Path fixtures = TestModels.repoRoot().resolve("src/cli/src/test/resources/compare_explain");
    ModelVersion[] boot = new ModelVersion[2];
    for (int i = 0; i < 2; i++) {
      boot[i] =
          workbench
              .models()
              .importModel(
                  new ImportRequest(
                      fixtures.resolve("hmda-boot-" + (i + 1) + ".onnx"),
                      "hmda-boot",
                      null,
                      null,
                      List.of()),
                  Progress.NONE,
                  Cancellation.NONE)
              .model();
    }
    DatasetVersion data =
        workbench.datasets().list().stream()
            .filter(d -> d.name().equals("hmda_test"))
            .findFirst()
            .orElseThrow();

    robot.interact(() -> window.show(ScreenKind.COMPARE));
    WaitForAsyncUtils.waitForFxEvents();
    TabPane tabs = robot.lookup("#compare-tabs").queryAs(TabPane.class);
    session.select(tabs, "compare-explanations-tab");
    Label heading = robot.lookup("#compare-explanations-heading").queryAs(Label.class);
    assertThat(onFx(heading::getText)).contains("assay compare --explain");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();

    ReasonCodes a = explainAndStore(boot[0], data);
    ReasonCodes b = explainAndStore(boot[1], data);
    int changed = 0;
    for (int r = 0; r < ROWS; r++) {
      if (!Objects.equals(first(a.rows().get(r)), first(b.rows().get(r)))) {
        changed++;
      }
    }
    assertThat(changed).isBetween(1, ROWS - 1);

    CompareViewModel vm = window.compareViewModel();
    robot.interact(vm::refresh);
    waitUntil(() -> vm.models().stream().anyMatch(m -> m.ref().equals("hmda-boot:2")));
    robot.interact(
        () -> {
          for (String ref : List.of("hmda-boot:1", "hmda-boot:2")) {
            vm.modelProperty()
                .set(vm.models().stream().filter(m -> m.ref().equals(ref)).findFirst().get());
            vm.addContender();
          }
          vm.datasetProperty()
              .set(
                  vm.datasets().stream().filter(d -> d.ref().equals(data.ref())).findFirst().get());
          vm.targetProperty().set("deny");
        });
    robot.interact(() -> vm.run());
    TableView<?> features = robot.lookup("#compare-explanations-features").queryAs(TableView.class);
    waitUntil(() -> features.getItems().size() == 13);
    session.select(tabs, "compare-explanations-tab");
    String expected =
        String.format(Locale.ROOT, "Top reason changed on %d of %d rows:", changed, ROWS);
    assertThat(
            onFx(
                () -> robot.lookup("#compare-explanations-figures").queryAs(Label.class).getText()))
        .contains(expected)
        .contains("Spearman ρ")
        .contains("Kendall τ-b");
    assertThat(onFx(heading::getText)).startsWith("A: hmda-boot:1 (explanation ");
    WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
  }

  private static String first(ReasonCodes.RowReasons row) {
    return row.reasons().isEmpty() ? null : row.reasons().getFirst().feature();
  }
}
