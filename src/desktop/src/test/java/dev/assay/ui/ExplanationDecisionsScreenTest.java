package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.explain.DecidedExplanation;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
 * The Explanations screen's adverse-action and stability tabs, headless at 1280x800: their empty
 * states, then a stored explanation's statements, proxy check and agreement, nothing cut off.
 */
class ExplanationDecisionsScreenTest {

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
  void theAdverseActionAndStabilityTabsShowAStoredExplanation() throws Exception {
    session = ScreenSession.open(temp.resolve("home"), true);
    workbench = session.workbench();
    window = session.window();
    stage = session.stage();
    robot.interact(() -> window.show(ScreenKind.EXPLANATIONS));
    WaitForAsyncUtils.waitForFxEvents();
    TabPane tabs = robot.lookup("#explanation-tabs").queryAs(TabPane.class);
    session.select(tabs, "explanation-adverse-tab");
    TableView<?> statements = robot.lookup("#explanation-statements").queryAs(TableView.class);
    assertThat(onFx(() -> ((Label) statements.getPlaceholder()).getText()))
        .startsWith("No adverse-action statements stored")
        .contains("--reasons");
    session.select(tabs, "explanation-stability-tab");
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

    session.select(tabs, "explanation-adverse-tab");
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
    session.snapshot("explain-adverse.png");

    session.select(tabs, "explanation-stability-tab");
    waitUntil(() -> agreement.getItems().size() == 2);
    assertThat(
            onFx(
                () ->
                    robot.lookup("#explanation-stability-settings").queryAs(Label.class).getText()))
        .contains("Second background: random, 50 rows");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
    session.snapshot("explain-stability.png");
  }
}
