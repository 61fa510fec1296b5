package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.explain.DecidedExplanation;
import dev.assay.workbench.Workbench;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Explanations screen's adverse-action and stability tabs, headless at 1280x800: their empty
 * states, then a stored explanation's statements, proxy check and agreement, nothing cut off.
 */
class ExplanationDecisionsScreenTest {
  private static final Path SAMPLES =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");
  private static final long WAIT_SECONDS = 90;

  @TempDir Path temp;

  private final FxRobot robot = new FxRobot();
  private Workbench workbench;
  private MainWindow window;
  private Stage stage;

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

  @Test
  void theAdverseActionAndStabilityTabsShowAStoredExplanation() throws Exception {
    workbench =
        Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "tester");
    Files.createDirectories(workbench.home().settingsFile().getParent());
    Files.writeString(
        workbench.home().settingsFile(),
        "window.width="
            + NothingCutOffTest.WIDTH
            + "\nwindow.height="
            + NothingCutOffTest.HEIGHT
            + "\n");
    DesktopApp app = new DesktopApp(workbench, SAMPLES);
    FxToolkit.setupFixture(
        () -> {
          stage = new Stage();
          window = app.show(stage, (owner, folder) -> List.of());
          return stage;
        });
    WaitForAsyncUtils.waitFor(
        WAIT_SECONDS, TimeUnit.SECONDS, () -> workbench.datasets().list().size() == 3);
    robot.interact(() -> window.show(ScreenKind.EXPLANATIONS));
    WaitForAsyncUtils.waitForFxEvents();
    TabPane tabs = robot.lookup("#explanation-tabs").queryAs(TabPane.class);
    select(tabs, "explanation-adverse-tab");
    TableView<?> statements = robot.lookup("#explanation-statements").queryAs(TableView.class);
    assertThat(onFx(() -> ((Label) statements.getPlaceholder()).getText()))
        .startsWith("No adverse-action statements stored")
        .contains("--reasons");
    select(tabs, "explanation-stability-tab");
    TableView<?> agreement = robot.lookup("#explanation-stability").queryAs(TableView.class);
    assertThat(onFx(() -> ((Label) agreement.getPlaceholder()).getText()))
        .contains("--stability N")
        .contains("--background-stability");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();

    ModelVersion model = workbench.models().get(ModelRef.parse("hmda-deny:2"));
    DatasetVersion data =
        workbench.datasets().list().stream()
            .filter(d -> d.name().equals("hmda_test"))
            .findFirst()
            .orElseThrow();
    DecidedExplanation.Stored stored = DecidedExplanation.store(workbench, model, data);
    JsonNode doc = new ObjectMapper().readTree(workbench.explanations().get(stored.id()).json());
    int expected = 0;
    for (JsonNode d : doc.get("reasons").get("adverse_action")) {
      expected += d.get("reasons").size();
    }
    int rows = expected;
    robot.clickOn("#explanations-refresh");
    ListView<?> list = robot.lookup("#explanation-list").queryListView();
    waitUntil(() -> list.getItems().size() == 1);

    select(tabs, "explanation-adverse-tab");
    waitUntil(() -> statements.getItems().size() == rows);
    TableView<?> proxies = robot.lookup("#explanation-proxies").queryAs(TableView.class);
    waitUntil(() -> proxies.getItems().size() == stored.report().features().size() - 1);
    assertThat(
            onFx(
                () -> robot.lookup("#explanation-proxies-settings").queryAs(Label.class).getText()))
        .startsWith("Proxy check against afam: 4 of 12 feature-attribute pairs at or above 0.14");
    assertThat(
            onFx(
                () ->
                    robot
                        .lookup("#explanation-statements-settings")
                        .queryAs(Label.class)
                        .getText()))
        .endsWith("at most 4 reasons a row");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    snapshot("explain-adverse.png");

    select(tabs, "explanation-stability-tab");
    waitUntil(() -> agreement.getItems().size() == 2);
    assertThat(
            onFx(
                () ->
                    robot.lookup("#explanation-stability-settings").queryAs(Label.class).getText()))
        .contains("Second background: random, 50 rows");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    snapshot("explain-stability.png");
  }

  private void select(TabPane tabs, String id) {
    robot.interact(
        () ->
            tabs.getSelectionModel()
                .select(
                    tabs.getTabs().stream()
                        .filter(t -> id.equals(t.getId()))
                        .findFirst()
                        .orElseThrow()));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** A picture of the window under target/ when {@code assay.snapshots} is set, to look at. */
  private void snapshot(String name) throws Exception {
    if (System.getProperty("assay.snapshots") == null) {
      return;
    }
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    BufferedImage image =
        onFx(() -> SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
    ImageIO.write(image, "png", Path.of("target", name).toFile());
  }

  private static void waitUntil(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
