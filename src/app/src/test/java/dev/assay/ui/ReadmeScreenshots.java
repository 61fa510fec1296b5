package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.cli.AssayCli;
import dev.assay.cli.CliContext;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.MonitorEvents;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.common.Theme;
import dev.assay.ui.models.ModelGraphView;
import dev.assay.ui.models.ModelsView;
import dev.assay.workbench.Workbench;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
 * Renders every screen from the real application, in the light and the dark theme, headless
 * (Monocle, software rendering), on a fresh workbench filled by the README's own commands on the
 * repository's HMDA models and data. {@code verify} runs it as {@link EveryScreenRenderedTest},
 * writing to {@code src/app/target/screenshots}; {@code docs/screenshots/render.sh} runs it with
 * {@code -Dassay.screenshots=docs/screenshots}, the README's folder.
 *
 * <p>Each screen is shown at {@link #WIDTH}x{@link #HEIGHT}, waited on until its data is there,
 * then checked with {@link NothingCutOffTest} (a cut-off label, an axis with empty unit brackets, a
 * chip on two lines or a scroll bar on the navigation bar fails the run) and written with {@link
 * Scene#snapshot}. The run fails when a PNG is blank or a screenshot the README shows was not
 * rendered.
 */
class ReadmeScreenshots {
  /** The size {@link NothingCutOffTest} checks: 1280x800. */
  static final int WIDTH = NothingCutOffTest.WIDTH;

  static final int HEIGHT = NothingCutOffTest.HEIGHT;

  /** Where {@code verify} writes the PNGs (the repository root's relative path). */
  static final String BUILD_FOLDER = "src/app/target/screenshots";

  private static final Path REPO = Path.of(System.getProperty("assay.repo.root", "."));
  private static final long WAIT_SECONDS = 180;

  @TempDir Path temp;

  private final FxRobot robot = new FxRobot();
  private final List<String> cutOff = new ArrayList<>();
  private final List<String> rendered = new ArrayList<>();

  /** The screens shot, by {@link ScreenKind#name()}, with {@code -dark} in the dark theme. */
  private final java.util.Set<String> shownScreens = new java.util.HashSet<>();

  private boolean forReadme;
  private boolean dark;
  private Workbench workbench;
  private MainWindow window;
  private Stage stage;
  private Path out;

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
  void renderEveryScreen() throws Exception {
    long start = System.nanoTime();
    String folder = System.getProperty("assay.screenshots", "");
    out = REPO.resolve(folder.isBlank() ? BUILD_FOLDER : folder).toAbsolutePath().normalize();
    Files.createDirectories(out);
    // for the README a fixed, neutral folder (the status bar shows it); in verify one of its own
    Path home =
        folder.isBlank()
            ? temp.resolve("workbench")
            : Path.of(System.getProperty("java.io.tmpdir"), "assay-screenshots", "workbench");
    if (Files.exists(home)) {
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    forReadme = !folder.isBlank();
    fill(home, forReadme);
    System.out.printf("workbench filled in %.1f s%n", (System.nanoTime() - start) / 1e9);
    open(home, Theme.LIGHT);

    shot(ScreenKind.OVERVIEW, "overview", () -> rows("#overview-table") >= 4);
    shotModels();
    select("#past-runs", ScreenKind.EVALUATIONS, "hmda-deny:2");
    shot(ScreenKind.EVALUATIONS, "evaluation", () -> label("#eval-heading").startsWith("Run #"));
    tab("ROC curve");
    shot(ScreenKind.EVALUATIONS, "evaluation-roc", () -> true);
    tab("Precision-recall");
    shot(ScreenKind.EVALUATIONS, "evaluation-pr", () -> true);
    select("#past-comparisons", ScreenKind.COMPARE, null);
    shot(ScreenKind.COMPARE, "compare", () -> rows("#compare-deltas") > 0);
    select("#past-fairness-reports", ScreenKind.FAIRNESS, "hmda-deny:3");
    robot.interact(
        () -> {
          ListView<?> past = robot.lookup("#past-fairness-reports").queryListView();
          window
              .fairnessViewModel()
              .open(
                  (dev.assay.core.fairness.FairnessReportSummary)
                      past.getSelectionModel().getSelectedItem());
        });
    // the report is shown over several pulses (groups, verdicts, threshold chart, notes): wait for
    // its last part, the notes (after the threshold chart's two series)
    shot(
        ScreenKind.FAIRNESS,
        "fairness",
        () ->
            rows("#fairness-groups") > 0
                && rows("#fairness-verdicts") > 0
                && robot
                        .lookup("#fairness-threshold-chart")
                        .queryAs(io.fair_acc.chartfx.XYChart.class)
                        .getDatasets()
                        .size()
                    == 2
                && !robot
                    .lookup("#fairness-notes")
                    .queryAs(javafx.scene.control.TextArea.class)
                    .getText()
                    .isEmpty());
    select("#explanation-list", ScreenKind.EXPLANATIONS, null);
    shot(ScreenKind.EXPLANATIONS, "explanations", () -> rows("#explanation-importance") > 0);
    tab("Beeswarm");
    shot(ScreenKind.EXPLANATIONS, "explanations-beeswarm", () -> true);
    tab("Dependence");
    shot(ScreenKind.EXPLANATIONS, "explanations-dependence", () -> true);
    tab("Bar");
    tab("Waterfall");
    shot(ScreenKind.EXPLANATIONS, "explanations-waterfall", () -> true);
    tab("Partial dependence");
    shot(ScreenKind.EXPLANATIONS, "explanations-pdp", () -> true);
    tab("Groups");
    shot(ScreenKind.EXPLANATIONS, "explanations-groups", () -> true);
    tab("Adverse action");
    // the verify run explains 10 rows, which may hold no denial: statements are waited for only in
    // the README's run (50 rows, three denied)
    shot(
        ScreenKind.EXPLANATIONS,
        "explanations-adverse",
        () -> !forReadme || rows("#explanation-statements") > 0);
    tab("Stability");
    shot(
        ScreenKind.EXPLANATIONS,
        "explanations-stability",
        () -> rows("#explanation-stability") > 0);
    tab("Importance");
    select("#drift-reports", ScreenKind.DRIFT, null);
    shot(ScreenKind.DRIFT, "drift", () -> rows("#drift-features") > 0);
    robot.interact(() -> window.show(ScreenKind.SECURITY));
    robot.interact(
        () -> {
          var security = window.securityViewModel();
          security.modelProperty().set(model(security.models(), "hmda-deny:3"));
          security.scanModel();
        });
    shot(
        ScreenKind.SECURITY,
        "security",
        () ->
            window.securityViewModel().reportProperty().get() != null
                && !window.securityViewModel().runningProperty().get());
    select("#monitoring-streams", ScreenKind.MONITORING, null);
    shot(ScreenKind.MONITORING, "monitoring", () -> rows("#monitoring-windows") > 0);
    shot(ScreenKind.DATASETS, "datasets", () -> true);
    shot(ScreenKind.REPORTS, "reports", () -> true);

    // the same screens, with what they show, in the dark theme (View > Theme > Dark)
    robot.interact(() -> Theme.DARK.apply(window));
    dark = true;
    shot(ScreenKind.OVERVIEW, "overview-dark", () -> true);
    shot(ScreenKind.MODELS, "models-dark", () -> true);
    shot(ScreenKind.DATASETS, "datasets-dark", () -> true);
    robot.interact(() -> window.show(ScreenKind.EVALUATIONS));
    tab("ROC curve");
    shot(ScreenKind.EVALUATIONS, "evaluation-roc-dark", () -> true);
    for (ScreenKind screen :
        List.of(
            ScreenKind.COMPARE,
            ScreenKind.FAIRNESS,
            ScreenKind.SECURITY,
            ScreenKind.DRIFT,
            ScreenKind.EXPLANATIONS,
            ScreenKind.REPORTS,
            ScreenKind.MONITORING)) {
      shot(screen, screen.title().toLowerCase(java.util.Locale.ROOT) + "-dark", () -> true);
    }
    assertThat(cutOff).as("cut-off labels at %dx%d", WIDTH, HEIGHT).isEmpty();
    // every screenshot the README shows was rendered by this run
    java.util.regex.Matcher shown =
        java.util.regex.Pattern.compile("docs/screenshots/([\\w-]+)\\.png")
            .matcher(Files.readString(REPO.resolve("README.md")));
    List<String> missing = new ArrayList<>();
    while (shown.find()) {
      if (!rendered.contains(shown.group(1))) {
        missing.add(shown.group(1));
      }
    }
    assertThat(missing).as("shown in the README but not rendered").isEmpty();
    assertThat(shownScreens)
        .as("every screen of the navigation is rendered in both themes")
        .containsAll(
            java.util.Arrays.stream(ScreenKind.values())
                .flatMap(k -> java.util.stream.Stream.of(k.name(), k.name() + "-dark"))
                .toList());
    System.out.printf(
        "%d screenshots in %.1f s%n", rendered.size(), (System.nanoTime() - start) / 1e9);
  }

  /**
   * Whether {@code image} shows something: not one colour (or nearly) over the whole picture. A
   * screen's snapshot has text, lines and controls in several colours.
   */
  static boolean blank(BufferedImage image) {
    java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        counts.merge(image.getRGB(x, y), 1, Integer::sum);
      }
    }
    int total = ((image.getHeight() + 1) / 2) * ((image.getWidth() + 1) / 2);
    int most = counts.values().stream().max(Integer::compare).orElse(total);
    return counts.size() < 16 || most > 0.98 * total;
  }

  /**
   * The README's commands, run in this JVM on the fresh workbench {@code home}: the samples
   * registered, an evaluation, a comparison, a fairness report, a drift report, an explanation and
   * a sign-off.
   */
  private static void fill(Path home, boolean forReadme) {
    try (Workbench w = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "reviewer")) {
      w.registerSamplesOnce(REPO.resolve("models"));
    }
    String train = REPO.resolve("models/data/hmda_train.csv").toString();
    cli(home, "eval", "--model", "hmda-deny:2", "--data", "hmda_test", "--target", "deny");
    cli(
        home,
        "compare",
        "--models",
        "hmda-deny:2,hmda-deny:3",
        "--data",
        "hmda_test",
        "--target",
        "deny");
    cli(
        home,
        "fairness",
        "--model",
        "hmda-deny:2",
        "--model",
        "hmda-deny:3",
        "--data",
        "hmda_test",
        "--target",
        "deny",
        "--sensitive",
        "afam",
        "--favorable",
        "0");
    cli(home, "drift", "--model", "hmda-deny:3", "--reference", train, "--current", "hmda_test");
    cli(
        home,
        "explain",
        "--model",
        "hmda-deny:3",
        "--data",
        "hmda_test",
        "--rows",
        forReadme ? "50" : "10",
        "--background",
        forReadme ? "100" : "20",
        "--reasons",
        "3",
        "--sensitive",
        "afam",
        "--stability",
        "1",
        "--background-stability",
        "--pdp",
        "pirat",
        "--ice",
        "--group-by",
        "afam");
    cli(home, "security", "scan", "hmda-deny:2");
    // a monitored stream: 2,000 predictions of the test rows (labels three events late), pirat
    // shifted and errors rising in the second half, in windows of 250
    Path events = home.resolveSibling("monitor-events.jsonl");
    try {
      Files.deleteIfExists(events);
      MonitorEvents source = new MonitorEvents();
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        lines.add(source.prediction(i, i >= 1000 ? 0.2 : 0));
        if (i >= 3) {
          long j = i - 3;
          lines.add(source.label(j, j < 1000 ? j % 9 == 0 : j % 2 == 0));
        }
      }
      MonitorEvents.append(events, lines);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    cli(
        home,
        "monitor",
        "--model",
        "hmda-deny:2",
        "--reference",
        train,
        "--window",
        "250",
        "--until-end",
        "--file",
        events.toString(),
        "--quiet");
    cli(home, "roles", "grant", "reviewer", "--role", "reviewer");
    cli(home, "signoff", "sign", "hmda-deny:2", "--decision", "approved");
  }

  private static void cli(Path home, String... args) {
    StringWriter text = new StringWriter();
    PrintWriter writer = new PrintWriter(text, true);
    CliContext context =
        new CliContext(
            option -> new WorkbenchHome(home),
            opened -> Workbench.open(opened, Clock.systemUTC(), "reviewer"),
            opened -> {
              throw new IllegalStateException("no desktop here");
            },
            writer,
            writer);
    int code = new AssayCli(context).run(args);
    System.out.println("$ assay " + String.join(" ", args) + "  → exit " + code);
    if (code != 0) {
      throw new IllegalStateException("assay " + String.join(" ", args) + " failed:\n" + text);
    }
  }

  private void open(Path home, Theme theme) throws Exception {
    workbench = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "reviewer");
    Files.createDirectories(workbench.home().settingsFile().getParent());
    Files.writeString(
        workbench.home().settingsFile(),
        Theme.SETTING
            + "="
            + theme.name()
            + "\nwindow.width="
            + WIDTH
            + "\nwindow.height="
            + HEIGHT
            + "\n");
    DesktopApp app = new DesktopApp(workbench, REPO.resolve("models"));
    FxToolkit.setupFixture(
        () -> {
          stage = new Stage();
          window = app.show(stage, (owner, folder) -> List.of());
          return stage;
        });
    waitUntil(() -> stage.getScene().getWidth() == WIDTH);
  }

  /** The Models screen with hmda-deny:2 selected, and its graph window. */
  private void shotModels() throws Exception {
    robot.interact(() -> window.show(ScreenKind.MODELS));
    TableView<?> models = robot.lookup("#models-table").queryTableView();
    waitUntil(() -> models.getItems().size() >= 4);
    robot.interact(
        () -> {
          for (int i = 0; i < models.getItems().size(); i++) {
            if (matches(models.getItems().get(i), "hmda-deny:2")) {
              models.getSelectionModel().select(i);
            }
          }
        });
    shot(ScreenKind.MODELS, "models", () -> models.getSelectionModel().getSelectedIndex() >= 0);
    ModelsView view = robot.lookup("#models-view").queryAs(ModelsView.class);
    ModelGraphView graph = onFx(view::showGraph);
    waitUntil(() -> graph.getScene() != null && label("#graph-status").contains("nodes"));
    robot.interact(
        () -> {
          graph.getScene().getWindow().setWidth(WIDTH);
          graph.getScene().getWindow().setHeight(HEIGHT);
        });
    settle();
    robot.interact(() -> robot.lookup("#graph-fit").queryButton().fire());
    // the Gemm box selected: its initializers and attributes beside the drawing
    robot.interact(
        () -> {
          javafx.scene.control.TextField search =
              robot.lookup("#graph-search").queryAs(javafx.scene.control.TextField.class);
          search.setText("Gemm");
          search.fireEvent(new javafx.event.ActionEvent());
        });
    settle();
    write(graph.getScene(), "model-graph");
    robot.interact(() -> graph.getScene().getWindow().hide());
  }

  /** Selects the tab titled {@code title} wherever it is in the window. */
  private void tab(String title) {
    robot.interact(
        () ->
            robot
                .lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.TabPane)
                .queryAllAs(javafx.scene.control.TabPane.class)
                .forEach(
                    pane ->
                        pane.getTabs().stream()
                            .filter(t -> title.equals(t.getText()))
                            .findFirst()
                            .ifPresent(t -> pane.getSelectionModel().select(t))));
  }

  /**
   * Selects the first item of the list {@code id} on {@code screen} whose text has {@code text}.
   */
  private void select(String id, ScreenKind screen, String text) throws Exception {
    robot.interact(() -> window.show(screen));
    ListView<?> list = robot.lookup(id).queryListView();
    waitUntil(() -> !list.getItems().isEmpty());
    robot.interact(
        () -> {
          for (int i = 0; i < list.getItems().size(); i++) {
            if (text == null || matches(list.getItems().get(i), text)) {
              list.getSelectionModel().select(i);
              return;
            }
          }
          list.getSelectionModel().select(0);
        });
  }

  private void shot(ScreenKind screen, String name, Callable<Boolean> ready) throws Exception {
    robot.interact(() -> window.show(screen));
    waitUntil(ready);
    // and nothing left in the background (the status bar's progress gone)
    waitUntil(
        () -> robot.lookup("#status-progress").tryQuery().map(n -> !n.isVisible()).orElse(true));
    settle();
    onFx(() -> NothingCutOffTest.truncated(window)).forEach(t -> cutOff.add(name + ": " + t));
    onFx(() -> NothingCutOffTest.emptyUnits(window)).forEach(t -> cutOff.add(name + ": " + t));
    onFx(() -> NothingCutOffTest.wrappedChips(window)).forEach(t -> cutOff.add(name + ": " + t));
    onFx(() -> NothingCutOffTest.navigationScrollBars(window))
        .forEach(t -> cutOff.add(name + ": " + t));
    write(stage.getScene(), name);
    shownScreens.add(screen.name() + (dark ? "-dark" : ""));
  }

  private void write(Scene scene, String name) throws Exception {
    BufferedImage image = onFx(() -> SwingFXUtils.fromFXImage(scene.snapshot(null), null));
    // no alpha: smaller files, and the same look on any page background
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    Path file = out.resolve(name + ".png");
    assertThat(blank(rgb)).as("%s is blank", name).isFalse();
    ImageIO.write(rgb, "png", file.toFile());
    rendered.add(name);
    System.out.printf(
        "%s: %dx%d, %d KB%n",
        file.getFileName(), rgb.getWidth(), rgb.getHeight(), Files.size(file) / 1024);
  }

  private void settle() throws Exception {
    // charts animate their axes and the tables fit their rows on the next pulses; in verify (no
    // picture for the README) a shorter wait keeps the build quick
    for (int i = 0; i < (forReadme ? 3 : 2); i++) {
      WaitForAsyncUtils.sleep(forReadme ? 700 : 250, TimeUnit.MILLISECONDS);
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  private static <T> T model(List<T> models, String ref) {
    return models.stream().filter(m -> matches(m, ref)).findFirst().orElseThrow();
  }

  /** Whether a list's item is of the model version {@code ref}. */
  private static boolean matches(Object item, String ref) {
    return switch (item) {
      case dev.assay.core.model.ModelVersion v -> v.ref().equals(ref);
      case dev.assay.core.eval.RunSummary r -> ref.equals(r.model());
      default -> item.toString().contains(ref);
    };
  }

  private int rows(String id) {
    return robot.lookup(id).queryTableView().getItems().size();
  }

  private String label(String id) {
    return robot.lookup(id).queryAs(Label.class).getText();
  }

  private static void waitUntil(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
