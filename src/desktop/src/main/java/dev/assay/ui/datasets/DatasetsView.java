package dev.assay.ui.datasets;

import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.DataFinding;
import dev.assay.core.data.DatasetVersion;
import dev.assay.ui.common.Dialogs;
import dev.assay.ui.common.FilePicker;
import dev.assay.ui.common.TableCells;
import dev.assay.ui.common.UiSettings;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Datasets screen: import (chooser, drag and drop), the datasets, the selected one's profile
 * and findings.
 */
public final class DatasetsView extends BorderPane {
  static final String LAST_FOLDER = "datasets.lastFolder";

  private final DatasetsViewModel viewModel;
  private final UiSettings settings;
  private final FilePicker picker;
  private final TableView<DatasetVersion> table = new TableView<>();
  private final TableView<ColumnProfile> columns = new TableView<>();
  private final TableView<DataFinding> findings = new TableView<>();

  public DatasetsView(DatasetsViewModel viewModel, UiSettings settings, FilePicker picker) {
    this.viewModel = viewModel;
    this.settings = settings;
    this.picker = picker;
    setId("datasets-view");
    Button importButton = new Button("Import dataset…");
    importButton.setId("import-dataset");
    importButton.setOnAction(e -> chooseAndImport());
    Region spacer = new Region();
    javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
    Label hint = new Label("Drop .csv or .csv.gz files here to import them");
    hint.getStyleClass().add("hint");
    setTop(new ToolBar(importButton, spacer, hint));

    table.setId("datasets-table");
    table.setItems(viewModel.datasets());
    table.setPlaceholder(new Label("No datasets yet. Import a CSV or drop one here."));
    table
        .getColumns()
        .addAll(
            List.of(
                column("Name", DatasetVersion::name, 160),
                column("Version", d -> Integer.toString(d.version()), 80),
                column("Rows", d -> String.format(Locale.ROOT, "%,d", d.rows()), 90),
                column("Columns", d -> Integer.toString(d.profile().columns().size()), 85),
                column("Findings", d -> Integer.toString(d.profile().findings().size()), 85),
                TableCells.sha256Column(DatasetVersion::sha256)));
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
              show(now);
            });

    columns.setId("profile-table");
    columns.setPlaceholder(new Label("Select a dataset to see its profile."));
    columns
        .getColumns()
        .addAll(
            List.of(
                profileColumn("Column", ColumnProfile::name, 160),
                profileColumn("Type", c -> c.type().name().toLowerCase(Locale.ROOT), 90),
                profileColumn("Missing", c -> Long.toString(c.missing()), 85),
                profileColumn("Min", c -> number(c.min()), 90),
                profileColumn("Max", c -> number(c.max()), 90),
                profileColumn("Mean", c -> number(c.mean()), 90),
                profileColumn(
                    "Top values",
                    c ->
                        c.topCategories() == null
                            ? ""
                            : String.join(
                                ", ",
                                c.topCategories().stream()
                                    .limit(5)
                                    .map(t -> t.value() + " (" + t.count() + ")")
                                    .toList()),
                    220)));
    findings.setId("findings-table");
    findings.setPlaceholder(new Label("No data-quality findings."));
    TableColumn<DataFinding, String> severity = new TableColumn<>("Severity");
    severity.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().severity().name()));
    TableColumn<DataFinding, String> message = new TableColumn<>("DataFinding");
    message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
    message.setCellFactory(c -> TableCells.wrapping());
    message.setPrefWidth(600);
    findings.getColumns().addAll(List.of(severity, message));
    TableCells.refitRowsOnResize(columns);
    TableCells.refitRowsOnResize(findings);

    VBox detail =
        new VBox(6, new Label("Profile"), columns, new Label("Data-quality findings"), findings);
    VBox.setVgrow(columns, Priority.ALWAYS);
    SplitPane split = new SplitPane(table, detail);
    split.setDividerPositions(0.4);
    setCenter(split);
    setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
          }
          e.consume();
        });
    setOnDragDropped(
        e -> {
          boolean ok = e.getDragboard().hasFiles();
          if (ok) {
            importFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
          }
          e.setDropCompleted(ok);
          e.consume();
        });
    viewModel.setErrorSink(text -> Dialogs.showError(window(), "Dataset refused", text));
  }

  private void show(DatasetVersion dataset) {
    if (dataset == null) {
      columns.getItems().clear();
      findings.getItems().clear();
      return;
    }
    columns.getItems().setAll(dataset.profile().columns());
    findings.getItems().setAll(dataset.profile().findings());
  }

  public void chooseAndImport() {
    importFiles(picker.pick(window(), settings.getFolder(LAST_FOLDER)));
  }

  void importFiles(List<Path> files) {
    if (files.isEmpty()) {
      return;
    }
    settings.putFolder(LAST_FOLDER, files.getFirst().toAbsolutePath().getParent());
    settings.save();
    viewModel.importFiles(files);
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.6g", value);
  }

  private static TableColumn<DatasetVersion, String> column(
      String title, Function<DatasetVersion, String> value, double width) {
    TableColumn<DatasetVersion, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setCellFactory(c -> TableCells.wrapping());
    column.setPrefWidth(width);
    return column;
  }

  private static TableColumn<ColumnProfile, String> profileColumn(
      String title, Function<ColumnProfile, String> value, double width) {
    TableColumn<ColumnProfile, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setCellFactory(c -> TableCells.wrapping());
    column.setPrefWidth(width);
    return column;
  }

  /** The desktop's picker: a native open dialog for CSV files. */
  public static FilePicker nativePicker() {
    return (owner, initialFolder) -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Import datasets");
      chooser
          .getExtensionFilters()
          .addAll(
              new FileChooser.ExtensionFilter(
                  "CSV (*.csv, *.csv.gz, *.tsv)", "*.csv", "*.csv.gz", "*.tsv"),
              new FileChooser.ExtensionFilter("All files", "*.*"));
      if (initialFolder != null) {
        chooser.setInitialDirectory(initialFolder.toFile());
      }
      List<File> chosen = chooser.showOpenMultipleDialog(owner);
      return chosen == null ? List.of() : chosen.stream().map(File::toPath).toList();
    };
  }
}
