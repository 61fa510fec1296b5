package dev.assay.ui;

import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop window of a screen test: a new workbench in a test's folder, the app shown in a stage
 * (at 1280x800 when asked, as {@link NothingCutOffTest} checks), open once the sample models and
 * their three datasets are registered; and the waits the screen tests share. Each test makes one in
 * its {@code @BeforeEach} or test and closes it in {@code @AfterEach}; the toolkit's primary stage
 * is registered once per class ({@link #startToolkit}).
 */
final class ScreenSession implements AutoCloseable {
  static final Path SAMPLES = Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");
  static final long WAIT_SECONDS = 90;

  private final FxRobot robot = new FxRobot();
  private final Workbench workbench;
  private MainWindow window;
  private Stage stage;

  private ScreenSession(Workbench workbench) {
    this.workbench = workbench;
  }

  /** Registers the toolkit's primary stage (a test class's {@code @BeforeAll}). */
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  /** The app on a new workbench in {@code home}, at its default size. */
  static ScreenSession open(Path home) throws Exception {
    return open(home, false);
  }

  /** The app on a new workbench in {@code home}, at 1280x800 when {@code small}. */
  static ScreenSession open(Path home, boolean small) throws Exception {
    Workbench workbench = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester");
    ScreenSession session = new ScreenSession(workbench);
    try {
      if (small) {
        Files.createDirectories(workbench.home().settingsFile().getParent());
        Files.writeString(
            workbench.home().settingsFile(),
            "window.width="
                + NothingCutOffTest.WIDTH
                + "\nwindow.height="
                + NothingCutOffTest.HEIGHT
                + "\n");
      }
      DesktopApp app = new DesktopApp(workbench, SAMPLES);
      FxToolkit.setupFixture(
          () -> {
            session.stage = new Stage();
            session.window = app.show(session.stage, (owner, folder) -> List.of());
            return session.stage;
          });
      WaitForAsyncUtils.waitFor(
          WAIT_SECONDS, TimeUnit.SECONDS, () -> workbench.datasets().list().size() == 3);
      return session;
    } catch (Exception | Error e) {
      session.close();
      throw e;
    }
  }

  Workbench workbench() {
    return workbench;
  }

  MainWindow window() {
    return window;
  }

  Stage stage() {
    return stage;
  }

  /** Selects the tab with id {@code id} of {@code tabs} and waits for the FX thread. */
  void select(TabPane tabs, String id) {
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
  void snapshot(String name) throws Exception {
    if (System.getProperty("assay.snapshots") == null) {
      return;
    }
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    BufferedImage image =
        onFx(() -> SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
    ImageIO.write(image, "png", Path.of("target", name).toFile());
  }

  /** Waits until {@code condition}, evaluated on the FX thread, holds. */
  static void waitUntil(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
  }

  /** Runs {@code work} on the FX thread and returns its result. */
  static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Closes the stages and the workbench. */
  @Override
  public void close() throws Exception {
    FxToolkit.cleanupStages();
    WaitForAsyncUtils.waitForFxEvents();
    workbench.close();
  }
}
