package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.common.Theme;
import dev.assay.ui.models.ModelGraphView;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window as a keyboard user meets it: it opens on the Overview, every screen has a shortcut
 * that reaches it, Help lists them all, Shortcut+G draws the selected model, and the theme chosen
 * in View > Theme is remembered.
 */
class ShortcutsTest {
  private static final Path SAMPLES =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");

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
    robot.interact(() -> Theme.LIGHT.apply(null));
    if (workbench != null) {
      workbench.close();
    }
  }

  private void open() throws Exception {
    if (workbench == null) {
      workbench =
          Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "tester");
    }
    DesktopApp app = new DesktopApp(workbench, SAMPLES);
    FxToolkit.setupFixture(
        () -> {
          stage = new Stage();
          window = app.show(stage, (owner, folder) -> List.of());
          return stage;
        });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.models().list().size() == 4);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void opensOnTheOverviewAndEveryScreenHasAShortcutThatReachesIt() throws Exception {
    open();
    assertThat(selected()).isEqualTo(ScreenKind.OVERVIEW);
    assertThat(robot.lookup("#models-view").tryQuery()).isEmpty();

    Set<String> keys = new HashSet<>();
    // backwards, so that each key press changes the screen
    List<ScreenKind> order = List.of(ScreenKind.values()).reversed();
    for (ScreenKind screen : order) {
      var combination = Shortcuts.forScreen(screen);
      assertThat(keys.add(combination.getName())).as("%s has a key of its own", screen).isTrue();
      // focus in the window, as a user's would be (a click on the bar would itself pick a screen)
      robot.targetWindow(stage);
      robot.interact(
          () -> {
            stage.toFront();
            stage.requestFocus();
          });
      press(screen);
      try {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(this::selected) == screen);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError(
            combination.getDisplayText() + " did not reach " + screen + ": " + onFx(this::selected),
            e);
      }
    }
    assertThat(keys).hasSize(ScreenKind.values().length);
  }

  @Test
  void helpListsEveryScreensShortcut() throws Exception {
    open();
    robot.press(KeyCode.SHORTCUT, KeyCode.SLASH).release(KeyCode.SLASH, KeyCode.SHORTCUT);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#shortcuts-table").tryQuery().isPresent());
    TableView<?> table = robot.lookup("#shortcuts-table").queryTableView();
    List<String> actions =
        onFx(() -> table.getItems().stream().map(e -> ((Shortcuts.Entry) e).action()).toList());
    for (ScreenKind screen : ScreenKind.values()) {
      assertThat(actions).contains(screen.title());
    }
    assertThat(actions).contains("Import model…", "User guide", "Graph of the selected model");
  }

  @Test
  void shortcutGDrawsTheSelectedModelsGraph() throws Exception {
    open();
    robot.interact(() -> window.show(ScreenKind.MODELS));
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> onFx(() -> window.modelsViewModel().models().size() == 4));
    robot.interact(
        () ->
            window
                .modelsViewModel()
                .selectedProperty()
                .set(
                    window.modelsViewModel().models().stream()
                        .filter(v -> v.ref().equals("breast-cancer:1"))
                        .findFirst()
                        .orElseThrow()));
    robot.clickOn("#models-table");
    robot.press(KeyCode.SHORTCUT, KeyCode.G).release(KeyCode.G, KeyCode.SHORTCUT);
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            onFx(
                () ->
                    Window.getWindows().stream()
                        .anyMatch(
                            w ->
                                w.getScene() != null
                                    && w.getScene().getRoot() instanceof ModelGraphView v
                                    && ((javafx.scene.control.Label) v.lookup("#graph-status"))
                                        .getText()
                                        .contains("5 nodes, 6 edges, 4 initializers"))));
  }

  @Test
  void theThemeChosenInTheViewMenuIsAppliedAndRemembered() throws Exception {
    open();
    assertThat(onFx(Application::getUserAgentStylesheet)).contains("primer-light");
    robot.clickOn("View").clickOn("Theme").clickOn("Dark (Primer)");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(Application::getUserAgentStylesheet)).contains("primer-dark");
    assertThat(onFx(() -> window.getStyleClass().contains("dark"))).isTrue();
    assertThat(Files.readString(workbench.home().settingsFile())).contains("ui.theme=DARK");

    robot.interact(stage::close);
    open();
    assertThat(onFx(Application::getUserAgentStylesheet)).contains("primer-dark");
  }

  private void press(ScreenKind screen) {
    int n = screen.ordinal();
    KeyCode digit = KeyCode.valueOf("DIGIT" + (n < 9 ? n + 1 : n == 9 ? 0 : n - 9));
    if (n >= 10) {
      robot
          .press(KeyCode.SHORTCUT, KeyCode.SHIFT, digit)
          .release(digit, KeyCode.SHIFT, KeyCode.SHORTCUT);
    } else {
      robot.press(KeyCode.SHORTCUT, digit).release(digit, KeyCode.SHORTCUT);
    }
  }

  @SuppressWarnings("unchecked")
  private ScreenKind selected() {
    return ((ListView<ScreenKind>) robot.lookup("#navigation").query())
        .getSelectionModel()
        .getSelectedItem();
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
  }
}
