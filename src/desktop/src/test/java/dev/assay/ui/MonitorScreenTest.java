package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.common.ScreenKind;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Monitoring screen, headless: empty, then a stream whose windows arrive while it is shown. */
class MonitorScreenTest {
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

  @Test
  void theScreenSaysWhatToDoThenFollowsAStreamsWindowsAsTheyAreStored() throws Exception {
    workbench =
        Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "tester");
    DesktopApp app = new DesktopApp(workbench, SAMPLES);
    FxToolkit.setupFixture(
        () -> {
          Stage stage = new Stage();
          window = app.show(stage, (owner, folder) -> List.of());
          return stage;
        });
    robot.interact(() -> window.show(ScreenKind.MONITORING));
    WaitForAsyncUtils.waitForFxEvents();
    Label empty = robot.lookup("#monitoring-empty").queryAs(Label.class);
    assertThat(onFx(() -> empty.isVisible() && empty.getScene() != null)).isTrue();
    assertThat(empty.getText()).contains("assay monitor --model NAME:VERSION");

    StoredMonitor.Stream stream = StoredMonitor.stream(workbench, temp, 2);
    ListView<?> streams = robot.lookup("#monitoring-streams").queryListView();
    TableView<?> windows = robot.lookup("#monitoring-windows").queryTableView();
    // no click: the shown screen polls the store
    waitUntil(() -> streams.getItems().size() == 1 && windows.getItems().size() == 2);
    assertThat(onFx(() -> cell(windows, 1, 3) + "|" + cell(windows, 1, 6)))
        .isEqualTo("0.6000|✗ alert: acc");
    Label summary = robot.lookup("#monitoring-summary").queryAs(Label.class);
    assertThat(onFx(summary::getText)).contains("2 windows stored, 1 flagged; 1 alert fired");

    StoredMonitor.add(stream, 2, 5);
    waitUntil(() -> windows.getItems().size() == 5);
    LineChart<?, ?> chart = robot.lookup("#monitoring-chart").queryAs(LineChart.class);
    assertThat(onFx(() -> chart.getData().get(0).getData().size()))
        .as("labelled windows")
        .isEqualTo(4);
    assertThat(onFx(() -> chart.getData().get(1).getData().size())).isEqualTo(5);
    assertThat(onFx(() -> cell(windows, 4, 6))).isEqualTo("✗ alert: acc");
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
  }

  private static String cell(TableView<?> table, int row, int column) {
    return String.valueOf(table.getColumns().get(column).getCellData(row));
  }

  private static void waitUntil(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
