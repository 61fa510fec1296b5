package dev.assay.ui.overview;

import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.common.TableCells;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Overview board: a row per model version, a chip per kind of evidence. A chip's colour follows
 * its state and its mark (✓ ! ✗ –) says the same without colour; double-clicking a chip opens the
 * screen that holds (or makes) that evidence.
 */
public final class OverviewView extends BorderPane {
  public OverviewView(OverviewViewModel viewModel, Consumer<ScreenKind> open) {
    setId("overview");
    Label title = new Label("Overview: what is known about each model version");
    title.getStyleClass().add("placeholder-title");
    title.setWrapText(true);
    TextField filter = new TextField();
    filter.setId("overview-filter");
    filter.setPromptText("Filter: a name or a state (stale, unfair, not scanned…)");
    filter.textProperty().bindBidirectional(viewModel.filterProperty());
    HBox.setHgrow(filter, Priority.ALWAYS);
    Button refresh = new Button("Refresh");
    refresh.setId("overview-refresh");
    refresh.setOnAction(e -> viewModel.refresh());
    HBox bar = new HBox(8, filter, refresh);
    bar.setAlignment(Pos.CENTER_LEFT);

    TableView<VersionState> table = new TableView<>(viewModel.rows());
    table.setId("overview-table");
    // the columns share the width; a chip is one short line (its details in the tooltip)
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    TableColumn<VersionState, String> model = new TableColumn<>("Model version");
    model.setCellValueFactory(
        c -> new javafx.beans.property.SimpleStringProperty(c.getValue().model()));
    model.setCellFactory(c -> TableCells.wrapping());
    model.setPrefWidth(140);
    table.getColumns().add(model);
    table
        .getColumns()
        .add(chip("Evaluated", VersionState::evaluation, ScreenKind.EVALUATIONS, open));
    table.getColumns().add(chip("Compared", VersionState::comparison, ScreenKind.COMPARE, open));
    table.getColumns().add(chip("Fairness", VersionState::fairness, ScreenKind.FAIRNESS, open));
    table.getColumns().add(chip("Security", VersionState::security, ScreenKind.SECURITY, open));
    table.getColumns().add(chip("Drift", VersionState::drift, ScreenKind.DRIFT, open));
    table
        .getColumns()
        .add(chip("Explained", VersionState::explained, ScreenKind.EXPLANATIONS, open));
    table.getColumns().add(chip("Sign-off", VersionState::signOff, ScreenKind.REPORTS, open));
    TableCells.refitRowsOnResize(table);
    table.setPlaceholder(
        new Label("No model versions yet: import one on Models (File > Import model…)."));

    Label error = new Label();
    error.getStyleClass().add("severity-high");
    error.textProperty().bind(viewModel.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    VBox.setVgrow(table, Priority.ALWAYS);
    VBox box = new VBox(8, title, bar, error, table);
    box.setPadding(new Insets(12));
    setCenter(box);
  }

  private static TableColumn<VersionState, Chip> chip(
      String title,
      Function<VersionState, Chip> value,
      ScreenKind screen,
      Consumer<ScreenKind> open) {
    TableColumn<VersionState, Chip> column = new TableColumn<>(title);
    column.setCellValueFactory(
        c -> new javafx.beans.property.SimpleObjectProperty<>(value.apply(c.getValue())));
    column.setPrefWidth(150);
    column.setCellFactory(
        c ->
            new javafx.scene.control.TableCell<VersionState, Chip>() {
              @Override
              protected void updateItem(Chip chip, boolean empty) {
                super.updateItem(chip, empty);
                getStyleClass().removeIf(s -> s.startsWith("chip-"));
                if (empty || chip == null) {
                  setText(null);
                  setTooltip(null);
                  setOnMouseClicked(null);
                  return;
                }
                setText(chip.label());
                getStyleClass()
                    .add("chip-" + chip.state().name().toLowerCase(java.util.Locale.ROOT));
                setTooltip(new Tooltip(chip.tooltip() + "\nDouble-click: open " + screen.title()));
                setOnMouseClicked(
                    e -> {
                      if (e.getClickCount() == 2) {
                        open.accept(screen);
                      }
                    });
              }
            });
    return column;
  }
}
