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
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * At 1280x800 no label, button, tab, column header or table cell on any screen is cut off (shown
 * with an ellipsis), in every theme; Compare's differences table shows its verdict column without
 * scrolling; no chart axis shows empty unit brackets ("Recall []"); the Overview's chips are one
 * line each; the navigation bar has no scroll bar.
 */
class NothingCutOffTest {
  /** The smallest common laptop screen, the size the issue asks every screen to fit. */
  static final int WIDTH = 1280;

  static final int HEIGHT = 800;

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
    java.nio.file.Files.createDirectories(workbench.home().settingsFile().getParent());
    java.nio.file.Files.writeString(
        workbench.home().settingsFile(),
        (theme == null ? "" : dev.assay.ui.common.Theme.SETTING + "=" + theme.name() + "\n")
            + "window.width="
            + WIDTH
            + "\nwindow.height="
            + HEIGHT
            + "\n");
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
    assertThat(stage.getScene().getWidth()).isEqualTo(WIDTH);
    assertThat(stage.getScene().getHeight()).isEqualTo(HEIGHT);
  }

  @Test
  void noLabelOnTheFairnessScreenIsCutOffAtTheDefaultSize() throws Exception {
    open(ScreenKind.FAIRNESS);
    assertThat(onFx(() -> truncated(window))).isEmpty();
  }

  @Test
  void noLabelOnTheCompareScreenIsCutOffAndEveryDifferenceColumnIsInView() throws Exception {
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
   * After a comparison of two versions at 1280x800 the differences table shows every column whole
   * without a horizontal scroll bar: the verdict and its p-value in view, no cell or header cut
   * short (the test is named in the p-value's tooltip).
   */
  @Test
  void theCompareDifferencesShowTheVerdictAndPValueWholeWithoutScrolling() throws Exception {
    open(ScreenKind.COMPARE);
    dev.assay.ui.compare.CompareViewModel vm = window.compareViewModel();
    WaitForAsyncUtils.waitFor(
        90,
        TimeUnit.SECONDS,
        () -> onFx(() -> vm.models().size() == 4 && vm.datasets().size() == 3));
    robot.interact(
        () -> {
          for (String ref : List.of("hmda-deny:2", "hmda-deny:3")) {
            vm.modelProperty()
                .set(vm.models().stream().filter(m -> m.ref().equals(ref)).findFirst().get());
            vm.addContender();
          }
          vm.datasetProperty()
              .set(
                  vm.datasets().stream()
                      .filter(d -> d.name().equals("hmda_test"))
                      .findFirst()
                      .get());
        });
    robot.interact(() -> vm.run());
    TableView<dev.assay.core.compare.ComparisonReport.MetricDelta> deltas =
        robot.lookup("#compare-deltas").queryTableView();
    dev.assay.ui.compare.CompareView view =
        robot.lookup("#compare-view").queryAs(dev.assay.ui.compare.CompareView.class);
    WaitForAsyncUtils.waitFor(
        90,
        TimeUnit.SECONDS,
        () -> onFx(() -> deltas.getItems().size() > 5 && !view.filling() && deltas.isVisible()));
    WaitForAsyncUtils.waitForFxEvents();

    List<String> bars =
        onFx(
            () ->
                deltas.lookupAll(".scroll-bar").stream()
                    .filter(
                        n ->
                            n instanceof javafx.scene.control.ScrollBar b
                                && b.isVisible()
                                && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                    .map(n -> "a horizontal scroll bar")
                    .toList());
    assertThat(bars).as("the differences table scrolls sideways").isEmpty();
    double[] rightEdges =
        onFx(
            () -> {
              double x = 0;
              double verdict = Double.NaN;
              double p = Double.NaN;
              for (TableColumn<?, ?> c : deltas.getVisibleLeafColumns()) {
                x += c.getWidth();
                verdict = "Verdict".equals(c.getText()) ? x : verdict;
                p = "p-value".equals(c.getText()) ? x : p;
              }
              return new double[] {verdict, p, x};
            });
    double width = onFx(deltas::getWidth);
    assertThat(rightEdges[0]).as("the verdict column's right edge").isLessThanOrEqualTo(width);
    assertThat(rightEdges[1]).as("the p-value column's right edge").isLessThanOrEqualTo(width);
    assertThat(rightEdges[2]).as("every visible column's right edge").isLessThanOrEqualTo(width);
    assertThat(onFx(() -> truncated(deltas))).as("cut-off cells or headers").isEmpty();
    assertThat(
            onFx(
                () ->
                    deltas.lookupAll(".table-cell").stream()
                        .filter(
                            n ->
                                n instanceof TableCell<?, ?> c
                                    && c.getTooltip() != null
                                    && c.getTooltip().getText().startsWith("p-value of the"))
                        .map(n -> ((TableCell<?, ?>) n).getTooltip().getText())
                        .toList()))
        .as("the test of each p-value in its tooltip")
        .anySatisfy(t -> assertThat(t).contains("McNemar").contains("[mcnemar"))
        .anySatisfy(t -> assertThat(t).contains("DeLong"));
  }

  /**
   * The check sees a form label made too long (kept at its width, as form labels are): in a form of
   * fixed width it pushes its text field below the field's preferred width, and in a pane that
   * clips its content (a card, a split pane's side) it pushes itself or its field out of sight.
   * Neither draws "...". With a label of ordinary length the same forms pass.
   */
  @Test
  void theCheckFindsALabelClippedByItsPaneAndAFieldPushedNarrower() throws Exception {
    String tooLong = "A sensitive column name made too long for its form, on purpose";
    Label squeezing = new Label(tooLong);
    squeezing.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    TextField narrow = new TextField();
    narrow.setId("too-narrow");
    javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
    grid.addRow(0, squeezing, narrow);
    javafx.scene.layout.GridPane.setHgrow(narrow, javafx.scene.layout.Priority.ALWAYS);
    fixWidth(grid, 480);
    Label clipped = new Label(tooLong);
    clipped.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    TextField pushed = new TextField();
    pushed.setId("pushed-out");
    javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, clipped, pushed);
    javafx.scene.layout.VBox card = new javafx.scene.layout.VBox(row);
    fixWidth(card, 300);
    javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle(300, 100);
    card.setClip(clip);
    javafx.scene.layout.VBox root = new javafx.scene.layout.VBox(10, grid, card);
    FxToolkit.setupFixture(
        () -> {
          stage = new Stage();
          stage.setScene(new javafx.scene.Scene(root, 900, 300));
          stage.show();
          return stage;
        });
    List<String> found = onFx(() -> laidOut(root));
    assertThat(found)
        .as("found: %s", found)
        .anySatisfy(
            t ->
                assertThat(t)
                    .startsWith("TextField #too-narrow")
                    .contains("narrower than its preferred"))
        .anySatisfy(
            t ->
                assertThat(t)
                    .containsAnyOf("Label '" + tooLong + "'", "TextField #pushed-out")
                    .contains("beyond what"));
    robot.interact(
        () -> {
          squeezing.setText("Sensitive");
          clipped.setText("Sensitive");
        });
    assertThat(onFx(() -> laidOut(root))).isEmpty();
  }

  private static void fixWidth(javafx.scene.layout.Region region, double width) {
    region.setMinWidth(width);
    region.setPrefWidth(width);
    region.setMaxWidth(width);
  }

  /** {@link #truncated} after CSS and layout have been applied to {@code root}. */
  private static List<String> laidOut(javafx.scene.Parent root) {
    root.applyCss();
    root.layout();
    return truncated(root);
  }

  /**
   * Every screen, in each theme of View > Theme, at 1280x800: no label, button, tab, column header
   * or visible table cell is cut off, no axis has empty unit brackets, no chip wraps, and the
   * navigation bar has no scroll bar.
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
      onFx(() -> emptyUnits(window)).forEach(t -> cut.add(screen.title() + ": " + t));
      onFx(() -> wrappedChips(window)).forEach(t -> cut.add(screen.title() + ": " + t));
      onFx(() -> navigationScrollBars(window)).forEach(t -> cut.add(screen.title() + ": " + t));
    }
    assertThat(cut).as("truncated in the %s theme", theme).isEmpty();
  }

  /**
   * The chart axes under {@code root} (shown or not) whose label ends in empty unit brackets
   * ("Recall []"), or whose unit is blank: ChartFX prints a blank unit as "[]".
   */
  static List<String> emptyUnits(Node root) {
    List<String> bad = new ArrayList<>();
    axes(root, bad);
    return bad;
  }

  private static void axes(Node node, List<String> bad) {
    if (node instanceof io.fair_acc.chartfx.axes.spi.AbstractAxis axis) {
      String label = axis.getAxisLabel().getText();
      if ((axis.getUnit() != null && axis.getUnit().isBlank())
          || (label != null && label.matches("(?s).*\\[\\s*\\].*"))) {
        bad.add(
            "axis '"
                + axis.getName()
                + "' labelled '"
                + label
                + "' (unit '"
                + axis.getUnit()
                + "') in "
                + where(axis));
      }
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        axes(child, bad);
      }
    }
  }

  /** The Overview's chip cells whose text takes more than one line (or may wrap). */
  static List<String> wrappedChips(Node root) {
    List<String> bad = new ArrayList<>();
    for (Node node : root.lookupAll("#overview-table .table-cell")) {
      if (node instanceof TableCell<?, ?> cell
          && cell.isVisible()
          && cell.getItem() instanceof dev.assay.ui.overview.Chip) {
        for (Node child : cell.getChildrenUnmodifiable()) {
          if (child instanceof Text text && text.isVisible() && !text.getText().isEmpty()) {
            Text oneLine = new Text("Ag");
            oneLine.setFont(text.getFont());
            double line = oneLine.getLayoutBounds().getHeight();
            if (cell.isWrapText() || text.getLayoutBounds().getHeight() > 1.5 * line) {
              bad.add("chip '" + cell.getText() + "' on more than one line");
            }
          }
        }
      }
    }
    return bad;
  }

  /** The navigation bar's scroll bars that are shown: the bar must fit without one. */
  static List<String> navigationScrollBars(Node root) {
    List<String> bad = new ArrayList<>();
    for (Node node : root.lookupAll("#navigation .scroll-bar")) {
      if (node instanceof javafx.scene.control.ScrollBar bar && bar.isVisible()) {
        javafx.scene.control.ListView<?> list =
            (javafx.scene.control.ListView<?>) root.lookup("#navigation");
        StringBuilder cells = new StringBuilder();
        for (Node c : root.lookupAll("#navigation .list-cell")) {
          javafx.scene.layout.Region r = (javafx.scene.layout.Region) c;
          cells.append(
              String.format(
                  " %.1fx%.1f(pref %.1f)", r.getWidth(), r.getHeight(), r.prefHeight(-1)));
        }
        bad.add(
            "a "
                + bar.getOrientation()
                + " scroll bar on the navigation bar"
                + String.format(
                    " (list %.1fx%.1f, insets %s, bar max %.1f visible %.1f; cells%s)",
                    list.getWidth(),
                    list.getHeight(),
                    list.getInsets(),
                    bar.getMax(),
                    bar.getVisibleAmount(),
                    cells));
      }
    }
    return bad;
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
    if ((node instanceof Labeled || node instanceof TextField) && !insideScrolledContent(node)) {
      clipped(node).ifPresent(cut::add);
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        walk(child, cut);
      }
    }
  }

  /**
   * Why {@code node} (a label, button or text field with text) is cut off without an ellipsis, if
   * it is: laid out beyond the visible bounds of an ancestor that clips it (a split pane's side, a
   * tab's content: a label too long for its pane), or given less than its preferred width where it
   * cannot shorten its text (a label that does not wrap, a text field: a long label beside it
   * pushed it narrower). Nodes in a scroll pane or a table's rows are skipped: they are meant to
   * reach beyond what is in view.
   */
  private static java.util.Optional<String> clipped(Node node) {
    if (node instanceof Labeled labeled
        && (labeled.getText() == null || labeled.getText().isEmpty())) {
      return java.util.Optional.empty();
    }
    javafx.geometry.Bounds bounds = node.localToScene(node.getLayoutBounds());
    boolean laidOut = bounds.getWidth() > 0 && bounds.getHeight() > 0;
    for (Node up = node.getParent(); laidOut && up != null; up = up.getParent()) {
      if (up.getClip() != null) {
        javafx.geometry.Bounds visible = up.localToScene(up.getClip().getBoundsInParent());
        if (bounds.getMaxX() > visible.getMaxX() + 1 || bounds.getMinX() < visible.getMinX() - 1) {
          return java.util.Optional.of(
              describe(node)
                  + String.format(
                      java.util.Locale.ROOT,
                      " reaches x %.0f-%.0f beyond what %s shows (x %.0f-%.0f)",
                      bounds.getMinX(),
                      bounds.getMaxX(),
                      up.getId() != null
                          ? "#" + up.getId()
                          : up.getClass().getSimpleName() + up.getStyleClass(),
                      visible.getMinX(),
                      visible.getMaxX()));
        }
      }
    }
    boolean mayShorten = node instanceof Labeled l && l.isWrapText();
    if (node instanceof javafx.scene.layout.Region region && !mayShorten) {
      double pref = region.prefWidth(-1);
      // a label shows an ellipsis when it is narrower than its text (found above); a text field
      // pushed below its preferred width, or a label drawn without its ellipsis, is cut off
      if (region.getWidth() + 1 < pref
          && (node instanceof TextField || !shownShortened((Labeled) node))) {
        return java.util.Optional.of(
            describe(node)
                + String.format(
                    java.util.Locale.ROOT,
                    " is %.0f px wide, narrower than its preferred %.0f px",
                    region.getWidth(),
                    pref));
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean shownShortened(Labeled labeled) {
    for (Node child : labeled.getChildrenUnmodifiable()) {
      if (child instanceof Text text && !text.getText().equals(labeled.getText())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Node node) {
    String text =
        node instanceof Labeled l
            ? l.getText()
            : ((TextField) node).getPromptText() != null && ((TextField) node).getText().isEmpty()
                ? ((TextField) node).getPromptText()
                : ((TextField) node).getText();
    return (node instanceof Labeled l
            ? kind(l)
            : "TextField" + (node.getId() == null ? "" : " #" + node.getId()))
        + " '"
        + text
        + "' in "
        + where(node);
  }

  /**
   * Whether {@code node} is inside a scroll pane's content, a table's rows or column headers, or a
   * list's cells: content meant to reach beyond what is in view.
   */
  private static boolean insideScrolledContent(Node node) {
    for (Node up = node.getParent(); up != null; up = up.getParent()) {
      if (up instanceof javafx.scene.control.ScrollPane
          || up instanceof javafx.scene.control.skin.VirtualFlow<?>
          // a table's column headers scroll sideways with its rows
          || up instanceof javafx.scene.control.skin.TableHeaderRow
          || up instanceof javafx.scene.control.TableRow<?>
          || up instanceof javafx.scene.control.TreeTableRow<?>
          || up instanceof javafx.scene.control.ListCell<?>
          // a combo box's or spinner's own editor is as wide as the control makes it
          || up instanceof javafx.scene.control.ComboBoxBase<?>
          || up instanceof javafx.scene.control.Spinner<?>) {
        return true;
      }
    }
    return false;
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
