package dev.assay.ui;

import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.FilePicker;
import dev.assay.ui.common.SaveFilePicker;
import dev.assay.ui.common.ScreenActivation;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.common.ScreenServices;
import dev.assay.ui.common.Theme;
import dev.assay.ui.common.UiSettings;
import dev.assay.ui.compare.CompareViewModel;
import dev.assay.ui.datasets.DatasetsView;
import dev.assay.ui.datasets.DatasetsViewModel;
import dev.assay.ui.drift.DriftViewModel;
import dev.assay.ui.eval.EvaluationsViewModel;
import dev.assay.ui.explain.ExplanationsViewModel;
import dev.assay.ui.fairness.FairnessViewModel;
import dev.assay.ui.help.HelpWindow;
import dev.assay.ui.models.ModelCardViewModel;
import dev.assay.ui.models.ModelsView;
import dev.assay.ui.models.ModelsViewModel;
import dev.assay.ui.overview.OverviewView;
import dev.assay.ui.overview.OverviewViewModel;
import dev.assay.ui.reports.ReportsView;
import dev.assay.ui.reports.ReportsViewModel;
import dev.assay.ui.security.SecurityViewModel;
import dev.assay.workbench.Analysis;
import dev.assay.workbench.Workbench;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The main window's content: menu, navigation between screens, the current screen, and a status
 * bar.
 */
public final class MainWindow extends BorderPane {
  private final Map<ScreenKind, Node> screens = new HashMap<>();
  private final Map<ScreenKind, Supplier<Node>> factories = new HashMap<>();
  private final ScreenActivation activation = new ScreenActivation();
  private final StackPane content = new StackPane();
  private final ListView<ScreenKind> navigation = new ListView<>();
  private final Map<ScreenKind, AnalysisScreen> analysisScreens = new HashMap<>();
  private final ModelsView modelsView;
  private final ModelsViewModel modelsViewModel;
  private final DatasetsViewModel datasetsViewModel;
  private final ReportsViewModel reportsViewModel;
  private final OverviewViewModel overviewViewModel;

  public MainWindow(
      Workbench workbench,
      BackgroundTasks tasks,
      UiSettings settings,
      FilePicker picker,
      FilePicker datasetPicker,
      Runnable quit) {
    this(workbench, tasks, settings, picker, datasetPicker, SaveFilePicker.nativeXlsx(), quit);
  }

  /** The window with a given picker for where workbooks are saved (tests pass a fixed answer). */
  public MainWindow(
      Workbench workbench,
      BackgroundTasks tasks,
      UiSettings settings,
      FilePicker picker,
      FilePicker datasetPicker,
      SaveFilePicker reportPicker,
      Runnable quit) {
    setId("main-window");
    modelsViewModel =
        new ModelsViewModel(
            workbench.models(),
            tasks,
            version -> workbench.security().signatures().status(version).describe());
    modelsView =
        new ModelsView(
            modelsViewModel,
            settings,
            picker,
            new ModelCardViewModel(
                workbench.modelCards(), tasks, modelsViewModel.selectedProperty()));
    screens.put(ScreenKind.MODELS, modelsView);
    activation.register(ScreenKind.MODELS, modelsViewModel);
    // The other screens' views are built when first shown: the window appears sooner.
    datasetsViewModel = new DatasetsViewModel(workbench.datasets(), tasks);
    screen(
        ScreenKind.DATASETS,
        datasetsViewModel,
        () -> new DatasetsView(datasetsViewModel, settings, datasetPicker));
    // each analysis's screen, from the class its Analysis names (no list of them here)
    ScreenServices services =
        new ScreenServices(workbench, tasks, settings, picker, datasetPicker, reportPicker);
    for (Analysis analysis : Analysis.values()) {
      if (analysis.screen() != null) {
        AnalysisScreen screen = AnalysisScreen.of(analysis, services);
        ScreenKind kind = ScreenKind.valueOf(analysis.screen());
        analysisScreens.put(kind, screen);
        screen(kind, screen.viewModel(), screen::view);
      }
    }
    reportsViewModel =
        new ReportsViewModel(
            workbench.models(),
            workbench.datasets(),
            workbench.runs(),
            workbench.reviews(),
            workbench.reports(),
            workbench::verifyAudit,
            tasks);
    screen(
        ScreenKind.REPORTS,
        reportsViewModel,
        () -> new ReportsView(reportsViewModel, settings, reportPicker));
    overviewViewModel =
        new OverviewViewModel(
            workbench.models(),
            workbench.runs(),
            workbench.comparisonStore(),
            workbench.fairness().reports(),
            workbench.security().reports(),
            workbench.reviews(),
            tasks);
    overviewViewModel.withAnalyses(workbench.driftReports(), workbench.explanations());
    screen(
        ScreenKind.OVERVIEW,
        overviewViewModel,
        () -> new OverviewView(overviewViewModel, this::show));

    navigation.setId("navigation");
    navigation.getItems().setAll(ScreenKind.values());
    // a compact bar of screen names under the menu, not a full-height column of seven words
    navigation.setOrientation(javafx.geometry.Orientation.HORIZONTAL);
    // its height is set in assay.css (in em, so it follows the theme's font): one row of cells,
    // no scroll bar
    navigation.getStyleClass().add("navigation-bar");
    navigation.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(ScreenKind screen, boolean empty) {
                super.updateItem(screen, empty);
                setText(empty || screen == null ? null : screen.title());
                getStyleClass().remove("unavailable");
                if (!empty && screen != null && !screen.available()) {
                  getStyleClass().add("unavailable");
                }
              }
            });
    navigation.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> show(now));
    // reviewers start on the overview of every model version (issue 19)
    navigation.getSelectionModel().select(ScreenKind.OVERVIEW);

    Theme.remembered(settings).apply(this);
    MenuBar menus = menuBar(workbench, quit);
    menus.getMenus().add(2, viewMenu(settings));
    setTop(new javafx.scene.layout.VBox(menus, navigation));
    setCenter(content);
    setBottom(statusBar(workbench, tasks));
    getStylesheets().add(MainWindow.class.getResource("assay.css").toExternalForm());
  }

  public ModelsViewModel modelsViewModel() {
    return modelsViewModel;
  }

  public DatasetsViewModel datasetsViewModel() {
    return datasetsViewModel;
  }

  public EvaluationsViewModel evaluationsViewModel() {
    return (EvaluationsViewModel) analysisScreens.get(ScreenKind.EVALUATIONS).viewModel();
  }

  public SecurityViewModel securityViewModel() {
    return (SecurityViewModel) analysisScreens.get(ScreenKind.SECURITY).viewModel();
  }

  public CompareViewModel compareViewModel() {
    return (CompareViewModel) analysisScreens.get(ScreenKind.COMPARE).viewModel();
  }

  public FairnessViewModel fairnessViewModel() {
    return (FairnessViewModel) analysisScreens.get(ScreenKind.FAIRNESS).viewModel();
  }

  public OverviewViewModel overviewViewModel() {
    return overviewViewModel;
  }

  public DriftViewModel driftViewModel() {
    return (DriftViewModel) analysisScreens.get(ScreenKind.DRIFT).viewModel();
  }

  public ExplanationsViewModel explanationsViewModel() {
    return (ExplanationsViewModel) analysisScreens.get(ScreenKind.EXPLANATIONS).viewModel();
  }

  public ReportsViewModel reportsViewModel() {
    return reportsViewModel;
  }

  /** Adds a screen: its ViewModel (told when it is shown or hidden) and how its view is built. */
  private void screen(ScreenKind kind, Activatable viewModel, Supplier<Node> view) {
    activation.register(kind, viewModel);
    factories.put(kind, view);
  }

  /**
   * Switches to a screen: the one shown before is deactivated, and the new one is activated (each
   * time it is chosen, so choosing it again rereads its lists).
   */
  public void show(ScreenKind screen) {
    if (screen == null) {
      return;
    }
    content
        .getChildren()
        .setAll(
            screens.computeIfAbsent(
                screen, s -> factories.getOrDefault(s, () -> new PlaceholderView(s)).get()));
    activation.show(screen);
    if (navigation.getSelectionModel().getSelectedItem() != screen) {
      navigation.getSelectionModel().select(screen);
    }
  }

  private MenuBar menuBar(Workbench workbench, Runnable quit) {
    MenuItem importModel = new MenuItem("Import model…");
    importModel.setAccelerator(Shortcuts.IMPORT_MODEL);
    importModel.setOnAction(
        e -> {
          show(ScreenKind.MODELS);
          modelsView.chooseAndImport();
        });
    MenuItem exit = new MenuItem("Quit");
    exit.setAccelerator(Shortcuts.QUIT);
    exit.setOnAction(e -> quit.run());
    Menu file = new Menu("File", null, importModel, exit);

    Menu go = new Menu("Go");
    for (ScreenKind screen : ScreenKind.values()) {
      MenuItem item = new MenuItem(screen.title());
      item.setId("menu-go-" + screen.name().toLowerCase(java.util.Locale.ROOT));
      item.setAccelerator(Shortcuts.forScreen(screen)); // every screen has one (Help lists them)
      item.setOnAction(e -> show(screen));
      go.getItems().add(item);
    }

    MenuItem guide = new MenuItem("User guide");
    guide.setId("menu-user-guide");
    guide.setAccelerator(Shortcuts.USER_GUIDE);
    guide.setOnAction(e -> HelpWindow.show(getScene().getWindow()));
    MenuItem keys = new MenuItem("Keyboard shortcuts");
    keys.setId("menu-shortcuts");
    keys.setAccelerator(Shortcuts.SHORTCUTS);
    keys.setOnAction(e -> Shortcuts.show(getScene().getWindow()));
    MenuItem about = new MenuItem("About Assay");
    about.setOnAction(e -> AboutDialog.show(getScene().getWindow(), workbench));
    Menu help = new Menu("Help", null, guide, keys, about);
    return new MenuBar(file, go, help);
  }

  /** View: the model graph and the theme (remembered in the settings). */
  private Menu viewMenu(UiSettings settings) {
    MenuItem graph = new MenuItem("Model graph");
    graph.setId("menu-model-graph");
    graph.setAccelerator(Shortcuts.MODEL_GRAPH);
    graph.setOnAction(
        e -> {
          show(ScreenKind.MODELS);
          modelsView.showGraph();
        });
    Menu themes = new Menu("Theme");
    javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
    Theme current = Theme.remembered(settings);
    for (Theme theme : Theme.values()) {
      javafx.scene.control.RadioMenuItem item =
          new javafx.scene.control.RadioMenuItem(theme.title());
      item.setId("menu-theme-" + theme.name().toLowerCase(java.util.Locale.ROOT));
      item.setToggleGroup(group);
      item.setSelected(theme == current);
      item.setOnAction(
          e -> {
            theme.apply(this);
            theme.remember(settings);
          });
      themes.getItems().add(item);
    }
    return new Menu("View", null, graph, themes);
  }

  private Node statusBar(Workbench workbench, BackgroundTasks tasks) {
    Label message = new Label();
    message.setId("status-message");
    ProgressBar progress = new ProgressBar();
    progress.setId("status-progress");
    progress.setPrefWidth(180);
    Button cancel = new Button("Cancel");
    cancel.setId("status-cancel");
    Label home = new Label("Workbench: " + workbench.home().root());
    home.getStyleClass().add("hint");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);

    tasks
        .currentProperty()
        .addListener(
            (obs, old, task) -> {
              progress.progressProperty().unbind();
              message.textProperty().unbind();
              if (task != null) {
                progress.progressProperty().bind(task.progressProperty());
                message.textProperty().bind(task.messageProperty());
                cancel.setOnAction(e -> task.cancel());
              } else {
                progress.setProgress(0);
                message.setText(modelsViewModel.lastOutcomeProperty().get());
              }
            });
    modelsViewModel
        .lastOutcomeProperty()
        .addListener(
            (obs, old, now) -> {
              if (!message.textProperty().isBound()) {
                message.setText(now);
              }
            });
    progress.visibleProperty().bind(Bindings.isNotNull(tasks.currentProperty()));
    cancel.visibleProperty().bind(Bindings.isNotNull(tasks.currentProperty()));
    HBox bar = new HBox(10, message, spacer, home, progress, cancel);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 8, 4, 8));
    bar.getStyleClass().add("status-bar");
    return bar;
  }
}
