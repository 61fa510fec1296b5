package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.common.FilePicker;
import dev.assay.ui.common.ScreenKind;
import dev.assay.workbench.Workbench;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.util.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The desktop app end to end, headless (Monocle): a real workbench in a temporary folder. */
class MainWindowTest {
  private static final Path REPO = Path.of(System.getProperty("assay.repo.root", "."));
  private static final Path SAMPLES = REPO.resolve("models");
  private static final long WAIT_SECONDS = 60;

  @TempDir Path temp;

  private final FxRobot robot = new FxRobot();
  private final List<Path> pickerAnswer = new ArrayList<>();
  private final List<Path> offeredFolders = new ArrayList<>();
  private final FilePicker picker =
      (owner, initialFolder) -> {
        offeredFolders.add(initialFolder);
        return List.copyOf(pickerAnswer);
      };
  private Workbench workbench;
  private Stage stage;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void closeEverything() throws Exception {
    if (stage != null) {
      waitUntilIdle();
    }
    FxToolkit.cleanupStages();
    WaitForAsyncUtils.waitForFxEvents();
    if (workbench != null) {
      workbench.close();
    }
  }

  @Test
  void firstStartRegistersAndListsTheSampleModels() throws Exception {
    open(SAMPLES);

    waitUntil(() -> table().getItems().size() == 4);
    assertThat(onFx(() -> table().getItems().stream().map(ModelVersion::ref).toList()))
        .containsExactlyInAnyOrder("hmda-deny:1", "hmda-deny:2", "hmda-deny:3", "breast-cancer:1");
  }

  @Test
  void importButtonImportsTheChosenFileSelectsItAndShowsItsSignature() throws Exception {
    open(samplesFolderWithHmdaOnly());
    waitUntil(() -> table().getItems().size() == 3);
    Path chosen = temp.resolve("picked").resolve("tumour-screen.onnx");
    Files.createDirectories(chosen.getParent());
    Files.copy(SAMPLES.resolve("breast-cancer-v1.onnx"), chosen);
    pickerAnswer.add(chosen);

    robot.clickOn("#import-model");

    waitUntil(() -> selectedRef().equals("tumour-screen:1"));
    assertThat(onFx(() -> table().getItems().stream().map(ModelVersion::ref).toList()))
        .hasSize(4)
        .contains("tumour-screen:1");
    waitUntil(() -> visibleCellTexts("#signature-table").contains("[batch, 30]"));
    assertThat(visibleCellTexts("#signature-table")).contains("input", "output", "[batch, 2]");
    waitUntil(() -> statusMessage().equals("Imported tumour-screen:1"));
    assertThat(Files.exists(chosen)).as("the original stays where it was").isTrue();
  }

  @Test
  void theChooserOpensInTheFolderOfTheLastImportAlsoAfterARestart() throws Exception {
    open(SAMPLES);
    waitUntil(() -> table().getItems().size() == 4);
    Path folder = Files.createDirectories(temp.resolve("downloads"));
    Path chosen = Files.copy(SAMPLES.resolve("hmda-deny-v1.onnx"), folder.resolve("m.onnx"));
    pickerAnswer.add(chosen);
    robot.clickOn("#import-model");
    waitUntil(() -> statusMessage().startsWith("Already registered"));
    pickerAnswer.clear();
    waitUntilIdle();
    robot.interact(stage::close);

    open(SAMPLES);
    robot.clickOn("#import-model");

    assertThat(offeredFolders).hasSize(2);
    assertThat(offeredFolders.getLast()).isEqualTo(folder.toAbsolutePath());
  }

  @Test
  void importingAnIdenticalFileAgainReportsTheExistingVersion() throws Exception {
    open(SAMPLES);
    waitUntil(() -> table().getItems().size() == 4);
    Path chosen = temp.resolve("again.onnx");
    Files.copy(SAMPLES.resolve("hmda-deny-v2.onnx"), chosen);
    pickerAnswer.add(chosen);

    robot.clickOn("#import-model");

    waitUntil(() -> statusMessage().equals("Already registered as hmda-deny:2 (identical file)"));
    waitUntil(() -> selectedRef().equals("hmda-deny:2"));
    assertThat(onFx(() -> table().getItems().size())).isEqualTo(4);
  }

  @Test
  void importingAnEmptyFileShowsAnErrorNamingTheFileAndLeavesTheTableAlone() throws Exception {
    open(SAMPLES);
    waitUntil(() -> table().getItems().size() == 4);
    List<String> before = onFx(() -> table().getItems().stream().map(ModelVersion::ref).toList());
    Path empty = Files.createFile(temp.resolve("blank-upload.onnx"));
    pickerAnswer.add(empty);

    robot.clickOn("#import-model");

    waitUntil(() -> robot.lookup("#error-message").tryQuery().isPresent());
    String message = onFx(() -> robot.lookup("#error-message").queryAs(Label.class).getText());
    assertThat(message).contains("blank-upload.onnx").contains("empty");
    waitUntilIdle();
    assertThat(onFx(() -> table().getItems().stream().map(ModelVersion::ref).toList()))
        .containsExactlyElementsOf(before);
    assertThat(workbench.models().list()).hasSize(4);
  }

  @Test
  void navigationOpensEveryScreenAndNoneIsAPlaceholderAnyMore() throws Exception {
    open(SAMPLES);
    waitUntil(() -> table().getItems().size() == 4);

    assertThat(ScreenKind.values()).allMatch(ScreenKind::available);
    for (ScreenKind screen :
        Stream.of(ScreenKind.values()).filter(s -> s != ScreenKind.MODELS).toList()) {
      robot.clickOn(navigationCell(screen.title()));

      waitUntil(() -> robot.lookup("#models-view").tryQuery().isEmpty());
      assertThat(onFx(() -> navigation().getSelectionModel().getSelectedItem())).isEqualTo(screen);
      assertThat(
              robot
                  .lookup((Node n) -> n.getId() != null && n.getId().startsWith("placeholder-"))
                  .tryQuery())
          .as("%s is built, not a placeholder", screen)
          .isEmpty();
    }

    robot.clickOn(navigationCell(ScreenKind.MODELS.title()));
    waitUntil(() -> robot.lookup("#models-view").tryQuery().isPresent());
  }

  @Test
  void windowSizeIsSavedOnCloseAndRestoredOnTheNextStart() throws Exception {
    open(SAMPLES);
    waitUntil(() -> table().getItems().size() == 4);
    robot.interact(
        () -> {
          stage.setWidth(910);
          stage.setHeight(630);
        });
    double width = onFx(() -> stage.getScene().getWidth());
    double height = onFx(() -> stage.getScene().getHeight());
    assertThat(width).isNotEqualTo(1200.0);

    waitUntilIdle();
    robot.interact(stage::close);

    Properties saved = new Properties();
    try (InputStream in = Files.newInputStream(workbench.home().settingsFile())) {
      saved.load(in);
    }
    assertThat(Double.parseDouble(saved.getProperty("window.width"))).isEqualTo(width);
    assertThat(Double.parseDouble(saved.getProperty("window.height"))).isEqualTo(height);

    open(SAMPLES);
    assertThat(onFx(() -> stage.getScene().getWidth())).isEqualTo(width);
    assertThat(onFx(() -> stage.getScene().getHeight())).isEqualTo(height);
  }

  @Test
  void droppingAnOnnxFileOnTheModelsScreenImportsIt() throws Exception {
    open(samplesFolderWithHmdaOnly());
    waitUntil(() -> table().getItems().size() == 3);
    Path dropped = temp.resolve("dropped-model.onnx");
    Files.copy(SAMPLES.resolve("breast-cancer-v1.onnx"), dropped);
    Node target = robot.lookup("#models-view").query();
    Dragboard withFiles = onFx(() -> dragboard(List.of(dropped.toFile())));

    DragEvent over = dragEvent(DragEvent.DRAG_OVER, target, withFiles);
    robot.interact(() -> Event.fireEvent(target, over));
    assertThat(onFx(over::getAcceptedTransferMode)).isEqualTo(TransferMode.COPY);

    DragEvent drop = dragEvent(DragEvent.DRAG_DROPPED, target, withFiles);
    robot.interact(() -> Event.fireEvent(target, drop));
    assertThat(onFx(drop::isDropCompleted)).isTrue();

    waitUntil(() -> selectedRef().equals("dropped-model:1"));
    assertThat(onFx(() -> table().getItems().size())).isEqualTo(4);
  }

  @Test
  void dragsWithoutFilesAreNotAccepted() throws Exception {
    open(SAMPLES);
    Node target = robot.lookup("#models-view").query();
    Dragboard textOnly = onFx(() -> dragboard(null));

    DragEvent over = dragEvent(DragEvent.DRAG_OVER, target, textOnly);
    robot.interact(() -> Event.fireEvent(target, over));

    assertThat(onFx(over::getAcceptedTransferMode)).isNull();
  }

  // --- helpers

  private void open(Path samplesFolder) throws Exception {
    if (workbench == null) {
      workbench =
          Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "tester");
    }
    DesktopApp app = new DesktopApp(workbench, samplesFolder);
    stage =
        FxToolkit.setupFixture(
            () -> {
              Stage s = new Stage();
              // these tests are about the Models screen; the app itself opens on the Overview
              app.show(s, picker).show(ScreenKind.MODELS);
              return s;
            });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private Path samplesFolderWithHmdaOnly() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("samples"));
    for (int v = 1; v <= 3; v++) {
      String name = "hmda-deny-v" + v + ".onnx";
      Files.copy(SAMPLES.resolve(name), folder.resolve(name));
    }
    return folder;
  }

  @SuppressWarnings("unchecked")
  private TableView<ModelVersion> table() {
    return robot.lookup("#models-table").queryAs(TableView.class);
  }

  @SuppressWarnings("unchecked")
  private ListView<ScreenKind> navigation() {
    return robot.lookup("#navigation").queryAs(ListView.class);
  }

  private Node navigationCell(String title) {
    return robot
        .lookup("#navigation .list-cell")
        .match((Node n) -> n instanceof Labeled l && title.equals(l.getText()))
        .query();
  }

  private String selectedRef() throws Exception {
    return onFx(
        () -> {
          ModelVersion v = table().getSelectionModel().getSelectedItem();
          return v == null ? "" : v.ref();
        });
  }

  private String statusMessage() throws Exception {
    return onFx(() -> robot.lookup("#status-message").queryAs(Label.class).getText());
  }

  private List<String> visibleCellTexts(String tableId) throws Exception {
    return onFx(
        () ->
            robot.lookup(tableId + " .table-cell").queryAllAs(Labeled.class).stream()
                .filter(Node::isVisible)
                .map(Labeled::getText)
                .filter(t -> t != null && !t.isEmpty())
                .toList());
  }

  private static List<String> labelTexts(Node root) {
    List<String> texts = new ArrayList<>();
    if (root instanceof Labeled l) {
      texts.add(l.getText());
    }
    if (root instanceof javafx.scene.Parent p) {
      p.getChildrenUnmodifiable().forEach(child -> texts.addAll(labelTexts(child)));
    }
    return texts;
  }

  /** No background task is running (the status bar's progress is hidden) for a while. */
  private void waitUntilIdle() throws Exception {
    for (int quietChecks = 0; quietChecks < 3; ) {
      WaitForAsyncUtils.waitFor(
          WAIT_SECONDS,
          TimeUnit.SECONDS,
          () -> onFx(() -> !robot.lookup("#status-progress").query().isVisible()));
      Thread.sleep(50);
      quietChecks =
          onFx(() -> robot.lookup("#status-progress").query().isVisible()) ? 0 : quietChecks + 1;
    }
  }

  private static void waitUntil(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static DragEvent dragEvent(
      javafx.event.EventType<DragEvent> type, Node target, Dragboard dragboard) {
    return new DragEvent(
        target, target, type, dragboard, 10, 10, 10, 10, TransferMode.COPY, null, target, null);
  }

  /**
   * A dragboard as the OS would hand it over (Monocle cannot fake an OS drag): files when given,
   * else only text.
   */
  private static Dragboard dragboard(List<File> files) {
    Map<DataFormat, Object> content = new HashMap<>();
    if (files != null) {
      content.put(DataFormat.FILES, files);
    } else {
      content.put(DataFormat.PLAIN_TEXT, "not a file");
    }
    return DragboardHelper.createDragboard(new InMemoryClipboard(content));
  }

  private record InMemoryClipboard(Map<DataFormat, Object> content) implements TKClipboard {
    @Override
    public Set<DataFormat> getContentTypes() {
      return content.keySet();
    }

    @Override
    @SafeVarargs
    public final boolean putContent(Pair<DataFormat, Object>... pairs) {
      return false;
    }

    @Override
    public Object getContent(DataFormat format) {
      return content.get(format);
    }

    @Override
    public boolean hasContent(DataFormat format) {
      return content.containsKey(format);
    }

    @Override
    public Set<TransferMode> getTransferModes() {
      return EnumSet.of(TransferMode.COPY);
    }

    @Override
    public void setDragView(Image image) {}

    @Override
    public void setDragViewOffsetX(double offsetX) {}

    @Override
    public void setDragViewOffsetY(double offsetY) {}

    @Override
    public Image getDragView() {
      return null;
    }

    @Override
    public double getDragViewOffsetX() {
      return 0;
    }

    @Override
    public double getDragViewOffsetY() {
      return 0;
    }
  }
}
