package dev.assay.ui.models;

import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.Dialogs;
import dev.assay.ui.common.FilePicker;
import dev.assay.ui.common.TableCells;
import dev.assay.ui.common.UiSettings;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Models screen: import (chooser, drag and drop), the table of versions, and the selected
 * version's details.
 */
public final class ModelsView extends BorderPane {
  static final String LAST_FOLDER = "models.lastFolder";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final ModelsViewModel viewModel;
  private final UiSettings settings;
  private final FilePicker picker;
  private final TableView<ModelVersion> table = new TableView<>();

  public ModelsView(ModelsViewModel viewModel, UiSettings settings, FilePicker picker) {
    this(viewModel, settings, picker, null);
  }

  /** The screen with a "Model card" tab in the detail when {@code card} is not null. */
  public ModelsView(
      ModelsViewModel viewModel, UiSettings settings, FilePicker picker, ModelCardViewModel card) {
    this.viewModel = viewModel;
    this.settings = settings;
    this.picker = picker;
    setId("models-view");

    Button importButton = new Button("Import model…");
    importButton.setId("import-model");
    importButton.setOnAction(e -> chooseAndImport());
    Button removeButton = new Button("Remove");
    removeButton.setId("remove-model");
    removeButton.disableProperty().bind(viewModel.selectedProperty().isNull());
    removeButton.setOnAction(e -> removeSelected());
    Button graphButton = new Button("Graph");
    graphButton.setId("show-graph");
    graphButton.setTooltip(
        new javafx.scene.control.Tooltip("Draw the selected version's ONNX graph (Shortcut+G)"));
    graphButton.disableProperty().bind(viewModel.selectedProperty().isNull());
    graphButton.setOnAction(e -> showGraph());
    Button refreshButton = new Button("Refresh");
    refreshButton.setOnAction(e -> viewModel.refresh());
    Region spacer = new Region();
    Label hint = new Label("Drop .onnx files here to import them");
    hint.getStyleClass().add("hint");
    ToolBar toolbar =
        new ToolBar(importButton, removeButton, graphButton, refreshButton, spacer, hint);
    javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);

    configureTable();
    Label empty = new Label("No models yet. Import an .onnx file (Ctrl+O) or drop one here.");
    table.setPlaceholder(empty);

    ModelDetailView detail = new ModelDetailView(viewModel, card);
    if (card != null) {
      card.setErrorSink(message -> Dialogs.showError(window(), "Model card not saved", message));
    }
    SplitPane split = new SplitPane(table, detail);
    split.setDividerPositions(0.45);
    VBox.setVgrow(split, Priority.ALWAYS);

    setTop(toolbar);
    setCenter(split);
    setPadding(new Insets(0));
    enableDragAndDrop();
    viewModel.setErrorSink(message -> Dialogs.showError(window(), "Import refused", message));
  }

  private void configureTable() {
    table.setId("models-table");
    table.setItems(viewModel.models());
    table.getColumns().add(column("Name", v -> v.name(), 170));
    TableColumn<ModelVersion, Integer> version = new TableColumn<>("Version");
    version.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().version()));
    version.setPrefWidth(80);
    table.getColumns().add(version);
    table.getColumns().add(column("Inputs", v -> signature(v), 180));
    table.getColumns().add(TableCells.sha256Column(ModelVersion::sha256));
    table.getColumns().add(column("Size", v -> humanBytes(v.sizeBytes()), 80));
    TableColumn<ModelVersion, String> imported =
        column("Imported", v -> WHEN.format(v.importedAt()), 150);
    imported.setMinWidth(150); // the date and time on one line, never "2026-12-0…"
    table.getColumns().add(imported);
    table.getColumns().add(column("By", ModelVersion::importedBy, 90));
    TableCells.refitRowsOnResize(table);
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> viewModel.selectedProperty().set(now));
    viewModel
        .selectedProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
              }
            });
    table.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.DELETE) {
            removeSelected();
          } else if (e.getCode() == KeyCode.ENTER) {
            showGraph();
          }
        });
  }

  private static TableColumn<ModelVersion, String> column(
      String title, java.util.function.Function<ModelVersion, String> value, double width) {
    TableColumn<ModelVersion, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setCellFactory(c -> TableCells.wrapping());
    column.setPrefWidth(width);
    return column;
  }

  private static String signature(ModelVersion v) {
    return String.join(
        ", ", v.inspection().inputs().stream().map(s -> s.name() + " " + s.shapeText()).toList());
  }

  /** Opens the file chooser and imports what was chosen. Bound to the toolbar button and Ctrl+O. */
  public void chooseAndImport() {
    List<Path> files = picker.pick(window(), settings.getFolder(LAST_FOLDER));
    importFiles(files);
  }

  void importFiles(List<Path> files) {
    if (files.isEmpty()) {
      return;
    }
    settings.putFolder(LAST_FOLDER, files.getFirst().toAbsolutePath().getParent());
    settings.save();
    viewModel.importFiles(files);
  }

  /**
   * Opens the selected version's graph in a window of its own; does nothing without a selection.
   *
   * @return the graph's view, or null
   */
  public ModelGraphView showGraph() {
    ModelVersion selected = viewModel.selectedProperty().get();
    if (selected == null) {
      return null;
    }
    return ModelGraphWindow.show(window(), selected, viewModel::modelFile, viewModel.tasks());
  }

  private void removeSelected() {
    ModelVersion selected = viewModel.selectedProperty().get();
    if (selected == null) {
      return;
    }
    if (Dialogs.confirm(
        window(),
        "Remove " + selected.ref() + "?",
        "The version leaves the registry; its stored file is deleted when no other version uses it. "
            + "The audit trail keeps a record of the removal.")) {
      viewModel.remove(selected);
    }
  }

  private void enableDragAndDrop() {
    setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
          }
          e.consume();
        });
    setOnDragDropped(
        e -> {
          boolean done = false;
          if (e.getDragboard().hasFiles()) {
            importFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            done = true;
          }
          e.setDropCompleted(done);
          e.consume();
        });
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }

  /** The desktop's picker: a native open dialog for .onnx files. */
  public static FilePicker nativePicker() {
    return (owner, initialFolder) -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Import ONNX models");
      chooser
          .getExtensionFilters()
          .addAll(
              new FileChooser.ExtensionFilter("ONNX models (*.onnx)", "*.onnx"),
              new FileChooser.ExtensionFilter("All files", "*.*"));
      if (initialFolder != null) {
        chooser.setInitialDirectory(initialFolder.toFile());
      }
      List<File> chosen = chooser.showOpenMultipleDialog(owner);
      return chosen == null ? List.of() : chosen.stream().map(File::toPath).toList();
    };
  }

  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
