package dev.assay.ui;

import dev.assay.core.ProcessClock;
import dev.assay.core.store.EncryptedDatabaseException;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.Dialogs;
import dev.assay.ui.common.FilePicker;
import dev.assay.ui.common.SaveFilePicker;
import dev.assay.ui.common.UiSettings;
import dev.assay.ui.datasets.DatasetsView;
import dev.assay.ui.models.ModelsView;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Starts the JavaFX toolkit, shows the main window on an open workbench, and returns when it is
 * closed.
 */
public final class DesktopApp {
  private final Workbench workbench;
  private final Path samplesFolder;
  private final UiSettings settings;
  private final CompletableFuture<Void> startupDone = new CompletableFuture<>();

  /** The window's size at first start: fits a 1600x1000 screen with room for the desktop's bars. */
  public static final double DEFAULT_WIDTH = 1440;

  public static final double DEFAULT_HEIGHT = 900;

  private static final CompletableFuture<Void> TOOLKIT = new CompletableFuture<>();
  private static final AtomicBoolean TOOLKIT_STARTING = new AtomicBoolean();

  public DesktopApp(Workbench workbench, Path samplesFolder) {
    this.workbench = workbench;
    this.samplesFolder = samplesFolder;
    this.settings = new UiSettings(workbench.home().settingsFile());
  }

  /**
   * Starts the JavaFX toolkit on a thread of its own, so that it initialises (display connection,
   * graphics pipeline) while the launcher opens the workbench. Idempotent; {@link #run()} starts it
   * when nobody did.
   */
  public static void startToolkit() {
    if (TOOLKIT_STARTING.compareAndSet(false, true)) {
      Thread.ofPlatform()
          .name("fx-toolkit-startup")
          .daemon()
          .start(
              () -> {
                try {
                  Platform.startup(() -> TOOLKIT.complete(null));
                } catch (RuntimeException | Error e) {
                  TOOLKIT.completeExceptionally(e);
                }
              });
    }
  }

  /**
   * Runs {@code action} on the FX thread once the toolkit is up; rethrows a failed start (no
   * display, no GTK) instead of waiting for it.
   */
  private static void onFxThread(boolean implicitExit, Runnable action) {
    startToolkit();
    try {
      TOOLKIT.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
    Platform.setImplicitExit(implicitExit); // waits for the toolkit: only once it is up
    Platform.runLater(action);
  }

  /** Shows the window and blocks until the user closes it. */
  public void run() {
    CountDownLatch closed = new CountDownLatch(1);
    onFxThread(
        true,
        () -> {
          Stage stage = new Stage();
          stage.setOnHidden(e -> closed.countDown());
          show(stage, ModelsView.nativePicker(), DatasetsView.nativePicker());
        });
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Platform.exit();
  }

  /** Opens a workbench for the desktop, asking for the database passphrase when it is encrypted. */
  @FunctionalInterface
  public interface Opener {
    /** Opens with this passphrase (null: none given). */
    Workbench open(char[] passphrase);
  }

  /**
   * Opens the workbench (asking for its passphrase in a dialog when the database is encrypted and
   * none was given), shows the main window and blocks until it is closed.
   *
   * @param passphrase a passphrase given outside the app (environment), or null
   */
  public static void launch(Opener opener, char[] passphrase, Path samplesFolder) {
    startToolkit();
    char[] current = passphrase;
    for (int attempt = 0; ; attempt++) {
      Workbench workbench;
      try {
        workbench = opener.open(current);
      } catch (EncryptedDatabaseException e) {
        if (attempt >= 3) {
          Platform.exit();
          throw e;
        }
        current = askPassphrase(e.getMessage());
        if (current == null) {
          Platform.exit();
          return;
        }
        continue;
      }
      try (workbench) {
        new DesktopApp(workbench, samplesFolder).run();
      }
      return;
    }
  }

  private static char[] askPassphrase(String reason) {
    FutureTask<char[]> ask =
        new FutureTask<>(
            () -> {
              Dialog<char[]> dialog = new Dialog<>();
              dialog.setTitle("Encrypted workbench");
              dialog.setHeaderText("This workbench's database is encrypted.");
              PasswordField field = new PasswordField();
              field.setId("passphrase");
              Label why = new Label(reason);
              why.setWrapText(true);
              why.setMaxWidth(460);
              dialog
                  .getDialogPane()
                  .setContent(
                      new VBox(
                          8,
                          why,
                          new Label("Passphrase (a lost passphrase cannot be recovered):"),
                          field));
              dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
              dialog.setResultConverter(
                  b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
              return dialog.showAndWait().orElse(null);
            });
    // No implicit exit while the dialog is the only window: closing it must not end the toolkit.
    onFxThread(false, ask);
    try {
      return ask.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      return null;
    }
  }

  /**
   * When the start-up benchmark saw the window, as times since the process started.
   *
   * @param built the window was built and shown
   * @param firstFrame its first frame was rendered
   */
  public record StartupTimes(Duration built, Duration firstFrame) {}

  /**
   * The start-up benchmark ({@code assay --startup-check}): shows the window, waits for its first
   * rendered frame, then for the start-up work (sample registration) and closes it again.
   */
  public StartupTimes runUntilFirstFrame() {
    CompletableFuture<Duration> built = new CompletableFuture<>();
    CompletableFuture<Duration> firstFrame = new CompletableFuture<>();
    onFxThread(
        false,
        () -> {
          Stage stage = new Stage();
          show(stage, ModelsView.nativePicker(), DatasetsView.nativePicker());
          built.complete(ProcessClock.processAge());
          new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
              // Pulse 1 lays the shown scene out and hands its frame to the render thread; pulse 3
              // begins only after that frame was painted: a conservative "first frame" mark.
              if (++pulses == 3) {
                stop();
                firstFrame.complete(ProcessClock.processAge());
              }
            }
          }.start();
        });
    try {
      Duration frame = firstFrame.get(2, TimeUnit.MINUTES);
      startupDone.get(2, TimeUnit.MINUTES);
      return new StartupTimes(built.get(), frame);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the main window", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the main window did not render: " + e, e);
    } finally {
      Platform.exit();
    }
  }

  /**
   * Builds the main window into {@code stage}; also used by the UI tests. Must run on the FX
   * thread.
   */
  public MainWindow show(Stage stage, FilePicker picker) {
    return show(stage, picker, picker);
  }

  /**
   * Builds the main window with separate pickers for models and datasets. Must run on the FX
   * thread.
   */
  public MainWindow show(Stage stage, FilePicker picker, FilePicker datasetPicker) {
    return show(stage, picker, datasetPicker, SaveFilePicker.nativeXlsx());
  }

  /**
   * Builds the main window with a given picker for where compliance workbooks are saved. Must run
   * on the FX thread.
   */
  public MainWindow show(
      Stage stage, FilePicker picker, FilePicker datasetPicker, SaveFilePicker reportPicker) {
    BackgroundTasks tasks = new BackgroundTasks();
    MainWindow window =
        new MainWindow(
            workbench, tasks, settings, picker, datasetPicker, reportPicker, stage::close);
    // never larger than the screen (a small laptop, or a remembered size from a larger one)
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene =
        new Scene(
            window,
            Math.min(settings.getDouble("window.width", DEFAULT_WIDTH), screen.getWidth()),
            Math.min(settings.getDouble("window.height", DEFAULT_HEIGHT), screen.getHeight()));
    stage.setScene(scene);
    stage.setTitle("Assay — " + workbench.home().root());
    restoreGeometry(stage);
    stage.setOnCloseRequest(e -> rememberGeometry(stage));
    stage.addEventHandler(
        javafx.stage.WindowEvent.WINDOW_HIDING,
        e -> {
          rememberGeometry(stage);
          tasks.close();
        });
    stage.show();

    tasks
        .<List<String>>job(
            "Checking the audit trail",
            (progress, cancellation) -> {
              List<String> problems = new java.util.ArrayList<>();
              var audit = workbench.verifyAudit();
              if (!audit.intact()) {
                problems.add(
                    "The audit trail is broken at entry "
                        + audit.firstBroken()
                        + ": "
                        + audit.problem()
                        + ". Someone changed the workbench database outside Assay; tell your"
                        + " compliance contact before relying on its records.");
              }
              progress.update(0, 0, "Registering the sample models");
              problems.addAll(workbench.registerSamplesOnce(samplesFolder));
              return problems;
            })
        .onSuccess(
            problems -> {
              window.modelsViewModel().refresh();
              window.overviewViewModel().refresh(); // the first screen: samples now registered
              startupDone.complete(null);
              if (!problems.isEmpty()) {
                Dialogs.showError(stage, "Problems found at start", String.join("\n\n", problems));
              }
            })
        .onFailure(
            error -> {
              startupDone.complete(null);
              window.modelsViewModel().refresh();
              Dialogs.showError(stage, "Start-up problem", error);
            })
        .onCancel(() -> startupDone.complete(null))
        .submit();
    return window;
  }

  private void restoreGeometry(Stage stage) {
    double x = settings.getDouble("window.x", Double.NaN);
    double y = settings.getDouble("window.y", Double.NaN);
    if (!Double.isNaN(x) && !Double.isNaN(y) && onSomeScreen(x, y)) {
      stage.setX(x);
      stage.setY(y);
    }
    stage.setMaximized(settings.getBoolean("window.maximized"));
  }

  private static boolean onSomeScreen(double x, double y) {
    for (Screen screen : Screen.getScreens()) {
      Rectangle2D bounds = screen.getVisualBounds();
      if (bounds.contains(x + 40, y + 20)) {
        return true;
      }
    }
    return false;
  }

  private void rememberGeometry(Stage stage) {
    settings.putBoolean("window.maximized", stage.isMaximized());
    if (!stage.isMaximized() && stage.getScene() != null) {
      settings.putDouble("window.x", stage.getX());
      settings.putDouble("window.y", stage.getY());
      settings.putDouble("window.width", stage.getScene().getWidth());
      settings.putDouble("window.height", stage.getScene().getHeight());
    }
    settings.save();
  }
}
