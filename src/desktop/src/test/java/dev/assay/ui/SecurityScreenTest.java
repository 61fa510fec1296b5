package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.assay.core.security.Finding;
import dev.assay.core.security.SecurityReports;
import dev.assay.core.security.Severity;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.ui.common.ScreenKind;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Security screen, headless: scanning a hostile file and a registered sample model. */
class SecurityScreenTest {
  private static final Path SAMPLES =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");
  private static final long WAIT_SECONDS = 90;

  @TempDir Path temp;

  private final FxRobot robot = new FxRobot();
  private Workbench workbench;
  private MainWindow window;

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

  private void open(List<Path> picked) throws Exception {
    workbench =
        Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "tester");
    DesktopApp app = new DesktopApp(workbench, SAMPLES);
    FxToolkit.setupFixture(
        () -> {
          Stage stage = new Stage();
          window = app.show(stage, (owner, folder) -> picked);
          return stage;
        });
    WaitForAsyncUtils.waitFor(
        WAIT_SECONDS, TimeUnit.SECONDS, () -> workbench.models().list().size() == 4);
    robot.interact(() -> window.show(ScreenKind.SECURITY));
  }

  @Test
  void scanningAHostileFileListsItsFindingsWithSeverityAtlasAndExplanation() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("downloads"));
    ModelProto hostile =
        TestModels.addWithExternalWeights("../../.ssh/id_rsa", null, null).toBuilder()
            .addMetadataProps(
                StringStringEntryProto.newBuilder().setKey("db_password").setValue("s3cr3t-pass"))
            .build();
    Path file = TestModels.write(folder.resolve("model.onnx"), hostile);
    open(List.of(file));

    robot.clickOn("#security-scan-file");

    TableView<Finding> table = robot.lookup("#security-findings").queryTableView();
    waitUntil(() -> !table.getItems().isEmpty());
    List<Finding> findings = onFx(() -> List.copyOf(table.getItems()));
    assertThat(findings)
        .extracting(Finding::id)
        .containsExactly("external_data_outside_folder", "secret_in_metadata", "unsigned");
    assertThat(findings.getFirst().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(findings.getFirst().atlas()).isEqualTo("AML.T0011.000");
    Label verdict = robot.lookup("#security-verdict").queryAs(Label.class);
    assertThat(onFx(() -> verdict.getText()))
        .startsWith("Do not use: 1 critical and 1 high findings");
    assertThat(onFx(() -> robot.lookup("#security-isolation").queryAs(Label.class).getText()))
        .startsWith("not loaded: the file checks found problems");
    TextArea explanation = robot.lookup("#security-explanation").queryAs(TextArea.class);
    assertThat(onFx(() -> explanation.getText()))
        .contains("path traversal")
        .contains("MITRE ATLAS: AML.T0011.000 User Execution: Unsafe AI Artifacts");
    assertThat(onFx(() -> table.getItems().toString())).doesNotContain("s3cr3t-pass");
    assertThat(workbench.security().reports().list())
        .extracting(SecurityReports.StoredReport::highestSeverity)
        .containsExactly(Severity.CRITICAL);
  }

  @Test
  void scanningARegisteredSampleLoadsItInIsolationAndFindsNothingSerious() throws Exception {
    open(List.of());
    ComboBox<?> models = robot.lookup("#security-model").queryComboBox();
    waitUntil(() -> models.getItems().size() == 4);
    assertThat(onFx(() -> robot.lookup("#security-empty").queryAs(Label.class).getText()))
        .as("before any scan the empty table says what to do, not 'No findings.'")
        .startsWith("Not scanned yet: choose a model version and press Scan");
    robot.interact(
        () -> {
          var vm = window.securityViewModel();
          vm.modelProperty()
              .set(
                  vm.models().stream()
                      .filter(m -> m.ref().equals("hmda-deny:2"))
                      .findFirst()
                      .orElseThrow());
        });

    robot.clickOn("#security-scan");

    Label verdict = robot.lookup("#security-verdict").queryAs(Label.class);
    waitUntil(() -> verdict.getText().startsWith("No critical"));
    assertThat(onFx(() -> robot.lookup("#security-isolation").queryAs(Label.class).getText()))
        .startsWith("loaded in isolation");
    assertThat(onFx(() -> robot.lookup("#security-signature").queryAs(Label.class).getText()))
        .isEqualTo("unsigned: not signed");
  }

  @Test
  void theRobustnessTabRunsThePerturbationTestsWithAnImmutableFeature() throws Exception {
    open(List.of());
    ComboBox<?> models = robot.lookup("#security-model").queryComboBox();
    waitUntil(() -> models.getItems().size() == 4);
    robot.interact(
        () -> {
          robot
              .lookup("#security-tabs")
              .queryAs(javafx.scene.control.TabPane.class)
              .getSelectionModel()
              .select(1);
          var vm = window.securityViewModel();
          vm.modelProperty()
              .set(
                  vm.models().stream()
                      .filter(m -> m.ref().equals("hmda-deny:2"))
                      .findFirst()
                      .orElseThrow());
        });
    ComboBox<?> datasets = robot.lookup("#robustness-dataset").queryComboBox();
    waitUntil(() -> datasets.getItems().size() == 3);
    robot.interact(
        () -> {
          var vm = window.securityViewModel().robustness();
          vm.datasetProperty()
              .set(
                  vm.datasets().stream()
                      .filter(d -> d.name().equals("hmda_test"))
                      .findFirst()
                      .orElseThrow());
          vm.immutableProperty().set("afam");
        });
    assertThat(onFx(() -> window.securityViewModel().robustness().targetProperty().get()))
        .isEqualTo("deny");

    robot.clickOn("#robustness-run");

    TableView<String[]> perturbation = robot.lookup("#robustness-perturbation").queryTableView();
    waitUntil(() -> perturbation.getItems().size() == 5);
    assertThat(onFx(() -> perturbation.getItems().stream().map(r -> r[0] + " " + r[2]).toList()))
        .contains("scale_1.01 pass", "noise_0.10 pass");
    assertThat(onFx(() -> robot.lookup("#robustness-summary").queryAs(Label.class).getText()))
        .contains("immutable: afam");
    TableView<String[]> fuzzing = robot.lookup("#robustness-fuzzing").queryTableView();
    assertThat(onFx(() -> fuzzing.getItems().size())).isEqualTo(8);
    // evasion attacks: 3 attacks (two and their worst case) x 5 epsilons, groups of the model's
    // declared sensitive column, adversarial rows beside their originals
    TableView<String[]> epsilons = robot.lookup("#attack-epsilons").queryTableView();
    assertThat(onFx(() -> epsilons.getItems().size())).isEqualTo(15);
    assertThat(onFx(() -> epsilons.getItems().getFirst()[0])).isEqualTo("fd_sign_gradient");
    TableView<String[]> groups = robot.lookup("#attack-groups").queryTableView();
    assertThat(onFx(() -> groups.getItems().stream().map(r -> r[1]).distinct().toList()))
        .containsExactly("afam=0", "afam=1");
    TableView<String[]> examples = robot.lookup("#attack-examples").queryTableView();
    assertThat(onFx(() -> examples.getItems().size())).isPositive().isEven();
    assertThat(onFx(() -> examples.getItems().get(1)[2])).isEqualTo("adversarial");
    assertThat(onFx(() -> examples.getColumns().stream().map(c -> c.getText()).toList()))
        .contains("Perturbation", "afam", "pirat");
    assertThat(onFx(() -> robot.lookup("#robustness-status").queryAs(Label.class).getText()))
        .isEqualTo("Done.");
  }

  @Test
  void theModelsScreenShowsTheSignatureStatusOfTheSelectedVersion() throws Exception {
    open(List.of());
    var version = workbench.models().get(dev.assay.core.model.ModelRef.parse("hmda-deny:1"));
    List<Path> keys =
        dev.assay.core.security.SigningKeys.write(
            dev.assay.core.security.SigningKeys.generate(), temp.resolve("keys"), "site");
    Files.createDirectories(workbench.home().trustDirectory());
    Files.copy(keys.get(1), workbench.home().trustDirectory().resolve("site.pub"));
    workbench.security().signatures().sign(version, keys.get(0), null);
    robot.interact(() -> window.show(ScreenKind.MODELS));
    waitUntil(() -> window.modelsViewModel().models().size() == 4);

    robot.interact(
        () ->
            window
                .modelsViewModel()
                .selectedProperty()
                .set(
                    window.modelsViewModel().models().stream()
                        .filter(m -> m.ref().equals("hmda-deny:1"))
                        .findFirst()
                        .orElseThrow()));

    javafx.scene.control.TextField status =
        robot.lookup("#model-signature-status").queryAs(javafx.scene.control.TextField.class);
    waitUntil(() -> status.getText().startsWith("verified: key 'site'"));
  }

  private static void waitUntil(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
