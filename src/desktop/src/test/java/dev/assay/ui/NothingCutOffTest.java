package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.common.ScreenKind;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * At the window's default size no label, button, column header or table cell on any screen is cut
 * off (shown with an ellipsis), and Compare's differences table shows its verdict column without
 * scrolling.
 */
class NothingCutOffTest {
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
    if (workbench != null) {
      workbench.close();
    }
  }

  private void open(ScreenKind screen) throws Exception {
    open(screen, null);
  }

  /** Opens the window on {@code screen} with {@code theme} remembered (null: the default). */
  private void open(ScreenKind screen, dev.assay.ui.common.Theme theme) throws Exception {
    workbench =
        Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "tester");
    if (theme != null) {
      java.nio.file.Files.createDirectories(workbench.home().settingsFile().getParent());
      java.nio.file.Files.writeString(
          workbench.home().settingsFile(),
          dev.assay.ui.common.Theme.SETTING + "=" + theme.name() + "\n");
    }
    DesktopApp app = new DesktopApp(workbench, SAMPLES);
    FxToolkit.setupFixture(
        () -> {
          stage = new Stage();
          window = app.show(stage, (owner, folder) -> List.of());
          return stage;
        });
    WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> workbench.datasets().list().size() == 3);
    robot.interact(() -> window.show(screen));
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(stage.getScene().getWidth()).isEqualTo(DesktopApp.DEFAULT_WIDTH);
    assertThat(stage.getScene().getHeight()).isEqualTo(DesktopApp.DEFAULT_HEIGHT);
  }

  @Test
  void noLabelOnTheFairnessScreenIsCutOffAtTheDefaultSize() throws Exception {
    open(ScreenKind.FAIRNESS);
    assertThat(onFx(() -> truncated(window))).isEmpty();
  }

  @Test
  void noLabelOnTheCompareScreenIsCutOffAndTheVerdictColumnIsInView() throws Exception {
    open(ScreenKind.COMPARE);
    assertThat(onFx(() -> truncated(window))).isEmpty();
    TableView<?> deltas = robot.lookup("#compare-deltas").queryTableView();
    double right =
        onFx(
            () -> {
              double x = 0;
              for (TableColumn<?, ?> c : deltas.getVisibleLeafColumns()) {
                x += c.getWidth();
                if (c.getText().equals("Verdict")) {
                  return x;
                }
              }
              throw new AssertionError("no Verdict column");
            });
    assertThat(right)
        .as("the verdict column ends inside the table")
        .isLessThanOrEqualTo(onFx(deltas::getWidth));
  }

  /**
   * Every screen, in each theme of View > Theme, at the default window size: no label, button, tab,
   * column header or visible table cell is cut off.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(dev.assay.ui.common.Theme.class)
  void noLabelOnAnyScreenIsCutOffInEitherTheme(dev.assay.ui.common.Theme theme) throws Exception {
    open(ScreenKind.OVERVIEW, theme);
    List<String> cut = new ArrayList<>();
    for (ScreenKind screen : ScreenKind.values()) {
      robot.interact(() -> window.show(screen));
      WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
      WaitForAsyncUtils.waitForFxEvents();
      // labels, buttons, tabs, column headers and the visible table cells (hashes, dates, the
      // Overview's hints)
      onFx(() -> truncated(window)).forEach(t -> cut.add(screen.title() + ": " + t));
    }
    assertThat(cut).as("truncated in the %s theme", theme).isEmpty();
  }

  /**
   * The visible {@link Labeled}s whose text is shown shortened: their rendered text differs from
   * their text and ends with an ellipsis. Labels, buttons, tabs, column headers and the visible
   * cells of tables and tree tables ({@link TableCell}, {@link TreeTableCell}: hashes, dates, the
   * Overview's chips) are all {@code Labeled}s.
   */
  static List<String> truncated(Node root) {
    List<String> cut = new ArrayList<>();
    walk(root, cut);
    return cut;
  }

  private static void walk(Node node, List<String> cut) {
    if (!node.isVisible() || node.getOpacity() == 0) {
      return;
    }
    if (node instanceof Labeled labeled
        && labeled.getText() != null
        && !labeled.getText().isEmpty()) {
      for (Node child : labeled.getChildrenUnmodifiable()) {
        if (child instanceof Text text
            && child.isVisible()
            && !text.getText().equals(labeled.getText())
            && (text.getText().endsWith("...") || text.getText().endsWith("…"))) {
          cut.add(
              kind(labeled)
                  + " '"
                  + labeled.getText()
                  + "' shown as '"
                  + text.getText()
                  + "' in "
                  + where(labeled));
        }
      }
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        walk(child, cut);
      }
    }
  }

  /** What the node is: for a table cell, its column too. */
  private static String kind(Labeled labeled) {
    if (labeled instanceof TableCell<?, ?> cell && cell.getTableColumn() != null) {
      return "table cell (column '" + cell.getTableColumn().getText() + "')";
    }
    if (labeled instanceof TreeTableCell<?, ?> cell && cell.getTableColumn() != null) {
      return "tree table cell (column '" + cell.getTableColumn().getText() + "')";
    }
    return labeled.getClass().getSimpleName();
  }

  /** The nearest ancestors' ids or style classes, to find the node. */
  private static String where(Node node) {
    List<String> path = new ArrayList<>();
    for (Node n = node.getParent(); n != null && path.size() < 4; n = n.getParent()) {
      path.add(
          n.getId() != null ? "#" + n.getId() : n.getClass().getSimpleName() + n.getStyleClass());
    }
    return String.join(" < ", path);
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
    return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
  }
}
