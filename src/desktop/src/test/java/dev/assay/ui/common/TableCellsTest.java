package dev.assay.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/** Table cells that show all of their text: wrapped, or a short hash with the full one at hand. */
class TableCellsTest {
  private static final String SHA =
      "96caa5a5a560d3e0f6f0b1f3c2a4e5d6978812ab34cd56ef7890a1b2c3d4e5f6";

  /** Shows {@code table} in a window and returns its filled cells once it is laid out. */
  private static List<TableCell<?, ?>> cells(TableView<?> table) throws Exception {
    FxThread.run(
        () -> {
          Stage stage = new Stage();
          stage.setScene(new Scene(table, 400, 300));
          stage.show();
        });
    return FxThread.call(
        () ->
            table.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && !c.isEmpty() && c.isVisible())
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                .toList());
  }

  private static String rendered(Node cell) {
    return ((TableCell<?, ?>) cell)
        .getChildrenUnmodifiable().stream()
            .filter(Text.class::isInstance)
            .map(n -> ((Text) n).getText())
            .findFirst()
            .orElse("");
  }

  @Test
  void aHashShowsTwelveDigitsWithTheWholeHashInItsTooltipAndCopiesIt() throws Exception {
    TableView<String> table = FxThread.call(TableView::new);
    table.getItems().add(SHA);
    table.getColumns().add(TableCells.sha256Column(s -> s));
    TableCell<?, ?> cell = cells(table).getFirst();
    FxThread.run(
        () -> {
          assertThat(cell.getText()).isEqualTo("96caa5a5a560");
          assertThat(rendered(cell)).isEqualTo("96caa5a5a560");
          assertThat(cell.getTooltip().getText()).contains(SHA);
          assertThat(cell.getContextMenu().getItems().getFirst().getText())
              .isEqualTo("Copy SHA-256");
          cell.getContextMenu().getItems().getFirst().fire();
          assertThat(Clipboard.getSystemClipboard().getString()).isEqualTo(SHA);
        });
  }

  @Test
  void longTextWrapsOntoMoreLinesInsteadOfEndingInAnEllipsis() throws Exception {
    String hint = "not evaluated: run it on Evaluations, then compare it on Compare";
    TableView<String> table = FxThread.call(TableView::new);
    table.getItems().addAll(hint, "short");
    TableColumn<String, String> column = new TableColumn<>("State");
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()));
    column.setCellFactory(c -> TableCells.wrapping());
    column.setPrefWidth(120);
    table.getColumns().add(column);
    TableCells.refitRowsOnResize(table);
    List<TableCell<?, ?>> cells = cells(table);
    FxThread.run(
        () -> {
          TableCell<?, ?> longCell =
              cells.stream().filter(c -> hint.equals(c.getText())).findFirst().orElseThrow();
          TableCell<?, ?> shortCell =
              cells.stream().filter(c -> "short".equals(c.getText())).findFirst().orElseThrow();
          assertThat(rendered(longCell)).doesNotEndWith("...").doesNotEndWith("…");
          assertThat(rendered(longCell).replace("\n", " ").replaceAll(" +", " ")).isEqualTo(hint);
          assertThat(longCell.getHeight()).isGreaterThan(2 * shortCell.getHeight() - 1);
          assertThat(longCell.getTooltip().getText()).isEqualTo(hint);
        });
  }
}
