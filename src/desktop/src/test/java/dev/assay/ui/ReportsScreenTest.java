package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.review.Decision;
import dev.assay.core.review.Role;
import dev.assay.core.review.SignOff;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestWorkbench;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.reports.ReportsViewModel;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Reports screen and the Model card tab, headless, on the sample hmda-deny v2. */
class ReportsScreenTest {
  private static final Path SAMPLES =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");
  private static final long WAIT_SECONDS = 120;

  @TempDir Path temp;

  private final FxRobot robot = new FxRobot();
  private final List<String> offeredNames = new ArrayList<>();
  private Workbench workbench;
  private MainWindow window;
  private ModelVersion model;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void closeEverything() throws Exception {
    FxToolkit.cleanupStages();
    WaitForAsyncUtils.waitForFxEvents();
    if (workbench != null) {
      workbench.close();
    }
  }

  /** A workbench with one completed run of hmda-deny:2, the user {@code user} in {@code role}. */
  private void open(String user, Role role) throws Exception {
    workbench = Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), user);
    model =
        workbench
            .models()
            .importModel(
                new ImportRequest(
                    SAMPLES.resolve("hmda-deny-v2.onnx"), "hmda-deny", 2, null, List.of()),
                Progress.NONE,
                Cancellation.NONE)
            .model();
    DatasetVersion data =
        workbench
            .datasets()
            .importDataset(
                SAMPLES.resolve("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
            .dataset();
    workbench
        .evaluations()
        .run(TestWorkbench.request(model, data, "deny", null), Progress.NONE, Cancellation.NONE);
    workbench.reviews().grant(user, role);
    Path out = temp.resolve("exported.xlsx");
    DesktopApp app = new DesktopApp(workbench, null);
    FxToolkit.setupFixture(
        () -> {
          Stage stage = new Stage();
          window =
              app.show(
                  stage,
                  (owner, folder) -> List.of(),
                  (owner, folder) -> List.of(),
                  (owner, name, folder) -> {
                    offeredNames.add(name);
                    return out;
                  });
          return stage;
        });
  }

  @Test
  void exportWritesTheWorkbookOffTheFxThreadWithTheChosenOptions() throws Exception {
    open("rex", Role.REVIEWER);
    robot.interact(() -> window.show(ScreenKind.REPORTS));
    TableView<RunSummary> runs = robot.lookup("#report-runs").queryTableView();
    waitUntil(() -> runs.getItems().size() == 1);
    Label audit = robot.lookup("#audit-status").queryAs(Label.class);
    waitUntil(() -> audit.getText().startsWith("Audit trail intact"));
    ListView<ReportsViewModel.MaskOption> mask = robot.lookup("#mask-columns").queryListView();
    waitUntil(() -> mask.getItems().size() == 14);
    ReportsViewModel.MaskOption afam =
        onFx(
            () ->
                mask.getItems().stream()
                    .filter(o -> o.column().equals("afam"))
                    .findFirst()
                    .orElseThrow());
    assertThat(afam.sensitive()).isTrue();
    assertThat(onFx(() -> afam.masked().get())).as("sensitive columns start masked").isTrue();

    robot.clickOn("#include-predictions");
    robot.clickOn("#export-workbook");

    Label outcome = robot.lookup("#report-outcome").queryAs(Label.class);
    waitUntil(() -> outcome.getText().startsWith("Wrote exported.xlsx (14 sheets"));
    assertThat(offeredNames).containsExactly("hmda-deny-2-run-1.xlsx");
    try (XSSFWorkbook book =
        new XSSFWorkbook(Files.newInputStream(temp.resolve("exported.xlsx")))) {
      assertThat(book.getSheet("Predictions").getRow(1).getCell(6).getStringCellValue())
          .isEqualTo("[masked]");
    }
    assertThat(workbench.auditEntries().getLast().action()).isEqualTo("report.export");
  }

  @Test
  void aReviewerSignsOffFromTheForm() throws Exception {
    open("rex", Role.REVIEWER);
    robot.interact(() -> window.show(ScreenKind.REPORTS));
    waitUntil(() -> window.reportsViewModel().runProperty().get() != null);
    waitUntil(() -> robot.lookup("#signoff-form").query().isVisible());
    Label status = robot.lookup("#signoff-status").queryAs(Label.class);
    waitUntil(() -> status.getText().equals("hmda-deny:2 is not signed off."));
    robot.interact(
        () -> window.reportsViewModel().decisionProperty().set(Decision.APPROVED_WITH_CONDITIONS));
    robot.clickOn("#signoff-title").write("Model Risk Officer");
    robot.clickOn("#signoff-conditions").write("manual review of every denial");
    robot.clickOn("#signoff-submit");

    waitUntil(() -> status.getText().startsWith("hmda-deny:2: approved with conditions by rex"));
    TableView<SignOff> table = robot.lookup("#signoff-table").queryTableView();
    waitUntil(() -> table.getItems().size() == 1);
    SignOff recorded = workbench.reviews().current(model).orElseThrow();
    assertThat(recorded.role()).isEqualTo("Model Risk Officer");
    assertThat(recorded.conditions()).isEqualTo("manual review of every denial");
    assertThat(recorded.stale()).isFalse();
  }

  @Test
  void anAnalystSeesNoSignOffFormButTheReason() throws Exception {
    open("ann", Role.ANALYST);
    robot.interact(() -> window.show(ScreenKind.REPORTS));
    waitUntil(() -> window.reportsViewModel().runProperty().get() != null);
    waitUntil(() -> robot.lookup("#signoff-analyst-hint").query().isVisible());
    assertThat(onFx(() -> robot.lookup("#signoff-form").query().isVisible())).isFalse();
  }

  @Test
  void theModelCardTabSavesTheCardOfTheSelectedVersion() throws Exception {
    open("rex", Role.ANALYST);
    robot.interact(() -> window.show(ScreenKind.MODELS));
    TableView<ModelVersion> table = robot.lookup("#models-table").queryTableView();
    waitUntil(() -> table.getItems().size() == 1);
    robot.interact(() -> table.getSelectionModel().select(0));
    robot.clickOn((Node n) -> n.getStyleClass().contains("tab") && hasText(n, "Model card"));
    Label status = robot.lookup("#card-status").queryAs(Label.class);
    waitUntil(() -> status.getText().startsWith("Not written yet"));
    robot.clickOn("#card-owner").write("Credit risk");
    robot.clickOn("#card-limitations").write("1990 Boston data");
    robot.clickOn("#save-model-card");

    waitUntil(() -> status.getText().startsWith("Saved "));
    ModelCard card = workbench.modelCards().get(model);
    assertThat(card.owner()).isEqualTo("Credit risk");
    assertThat(card.limitations()).isEqualTo("1990 Boston data");
    assertThat(card.updatedBy()).isEqualTo("rex");
    assertThat(onFx(() -> robot.lookup("#card-owner").queryAs(TextField.class).getText()))
        .isEqualTo("Credit risk");
  }

  private static boolean hasText(Node node, String text) {
    return node.lookupAll(".tab-label").stream()
        .anyMatch(l -> l instanceof javafx.scene.control.Labeled x && text.equals(x.getText()));
  }

  private static void waitUntil(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
