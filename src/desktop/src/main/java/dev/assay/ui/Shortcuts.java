package dev.assay.ui;

import dev.assay.ui.common.ScreenKind;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/** Every keyboard shortcut of the window, in one place: the menus use them, Help lists them. */
final class Shortcuts {
  static final KeyCombination IMPORT_MODEL = KeyCombination.keyCombination("Shortcut+O");
  static final KeyCombination QUIT = KeyCombination.keyCombination("Shortcut+Q");
  static final KeyCombination MODEL_GRAPH = KeyCombination.keyCombination("Shortcut+G");
  static final KeyCombination USER_GUIDE = KeyCombination.keyCombination("F1");
  static final KeyCombination SHORTCUTS = KeyCombination.keyCombination("Shortcut+Slash");

  /** One line of the list: the keys as the platform writes them, where, and what they do. */
  record Entry(String keys, String where, String action) {}

  private Shortcuts() {}

  /**
   * The shortcut of a screen: Shortcut+1 … Shortcut+9 for the first nine, Shortcut+0 for the tenth,
   * Shortcut+Shift+1 … for any after that.
   */
  static KeyCombination forScreen(ScreenKind screen) {
    int n = screen.ordinal();
    if (n < 9) {
      return KeyCombination.keyCombination("Shortcut+" + (n + 1));
    }
    if (n == 9) {
      return KeyCombination.keyCombination("Shortcut+0");
    }
    return KeyCombination.keyCombination("Shortcut+Shift+" + (n - 9));
  }

  /** Every shortcut, menus first, then the ones that work inside a screen. */
  static List<Entry> all() {
    List<Entry> list = new ArrayList<>();
    list.add(new Entry(IMPORT_MODEL.getDisplayText(), "File", "Import model…"));
    list.add(new Entry(QUIT.getDisplayText(), "File", "Quit"));
    for (ScreenKind screen : ScreenKind.values()) {
      list.add(new Entry(forScreen(screen).getDisplayText(), "Go", screen.title()));
    }
    list.add(new Entry(MODEL_GRAPH.getDisplayText(), "View", "Graph of the selected model"));
    list.add(new Entry(USER_GUIDE.getDisplayText(), "Help", "User guide"));
    list.add(new Entry(SHORTCUTS.getDisplayText(), "Help", "This list"));
    list.add(new Entry("Enter", "Models table", "Graph of the selected model"));
    list.add(new Entry("Delete", "Models table", "Remove the selected version"));
    list.add(new Entry("Arrow keys", "Graph", "Pan"));
    list.add(new Entry("+ / −", "Graph", "Zoom in / out"));
    list.add(new Entry("0", "Graph", "Whole graph in view"));
    list.add(
        new Entry(
            KeyCombination.keyCombination("Shortcut+F").getDisplayText(),
            "Graph",
            "Find an operator or name"));
    list.add(new Entry("Tab / Shift+Tab", "Everywhere", "Next / previous field"));
    list.add(new Entry("F10", "Everywhere", "Menu bar"));
    return List.copyOf(list);
  }

  /** Help > Keyboard shortcuts: the list in a dialog. */
  static void show(Window owner) {
    TableView<Entry> table = new TableView<>();
    table.setId("shortcuts-table");
    table.getColumns().add(column("Keys", Entry::keys, 150));
    table.getColumns().add(column("Where", Entry::where, 120));
    table.getColumns().add(column("Action", Entry::action, 260));
    table.getItems().setAll(all());
    table.setPrefSize(560, 520);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Dialog<Void> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Keyboard shortcuts");
    dialog.getDialogPane().setContent(table);
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog.show();
  }

  private static TableColumn<Entry, String> column(
      String title, java.util.function.Function<Entry, String> value, double width) {
    TableColumn<Entry, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
