package dev.assay.ui.security;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Read-only tables of text rows ({@code String[]}, one cell per column) for the robustness tab. */
final class TextTables {
  private TextTables() {}

  /** A table with these column titles; the last column is wide. */
  static TableView<String[]> of(String id, String... titles) {
    TableView<String[]> table = new TableView<>();
    table.setId(id);
    table.setPlaceholder(new Label(""));
    columns(table, List.of(titles));
    return table;
  }

  /** Replaces the table's columns. */
  static void columns(TableView<String[]> table, List<String> titles) {
    table.getColumns().clear();
    for (int i = 0; i < titles.size(); i++) {
      int index = i;
      TableColumn<String[], String> column = new TableColumn<>(titles.get(i));
      column.setCellValueFactory(
          c -> new ReadOnlyStringWrapper(index < c.getValue().length ? c.getValue()[index] : ""));
      column.setPrefWidth(i == titles.size() - 1 && titles.size() < 8 ? 520 : 110);
      table.getColumns().add(column);
    }
  }
}
