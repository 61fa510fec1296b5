package dev.assay.ui.compare;

import static dev.assay.ui.compare.FxStages.onFx;
import static dev.assay.ui.compare.FxStages.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Tables filled by {@link PulseSteps}: all rows at once, the height grown over pulses. */
@ExtendWith(FxStages.class)
class PulseStepsTest {
  private TableView<Integer> table;
  private PulseSteps steps;

  private void showTable() throws Exception {
    FxToolkit.setupFixture(
        () -> {
          table = new TableView<>();
          for (int c = 0; c < 6; c++) {
            int column = c;
            TableColumn<Integer, String> col = new TableColumn<>("Column " + c);
            col.setCellValueFactory(
                row -> new ReadOnlyStringWrapper(row.getValue() + "/" + column));
            table.getColumns().add(col);
          }
          StackPane root = new StackPane(table);
          root.setAlignment(Pos.TOP_LEFT);
          Stage stage = new Stage();
          stage.setScene(new Scene(root, 700, 600));
          stage.show();
          steps = new PulseSteps();
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void aTableShowingItsFirstRowsGetsThemAllAtOnceAndGrowsToItsHeightOverPulses() throws Exception {
    showTable();
    List<Integer> rows = IntStream.range(0, 500).boxed().toList();

    // read in the same FX call as the fill: the next pulse already raises the cap
    double[] capAndHeight =
        onFx(
            () -> {
              steps.fill(table, rows);
              return new double[] {table.getMaxHeight(), table.getHeight()};
            });

    assertThat(onFx(() -> table.getItems().size())).isEqualTo(500);
    assertThat(capAndHeight[0]).isEqualTo(PulseSteps.STEP_PIXELS);
    assertThat(capAndHeight[1])
        .as("laid out at the cap before its rows came")
        .isLessThanOrEqualTo(PulseSteps.STEP_PIXELS);
    waitUntil(() -> !steps.busy());
    assertThat(onFx(table::getMaxHeight)).isEqualTo(Region.USE_COMPUTED_SIZE);
    assertThat(onFx(table::getHeight)).isEqualTo(600);

    // rows replaced by rows: the rows and cells are made, nothing to grow
    assertThat(
            onFx(
                () -> {
                  steps.fill(table, rows.reversed());
                  return steps.busy();
                }))
        .isFalse();
    assertThat(onFx(() -> table.getItems().getFirst())).isEqualTo(499);

    // emptied (a new run), then filled: restyled from empty to filled a few lines a pulse
    onFx(
        () -> {
          steps.empty(table);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(
            onFx(
                () -> {
                  steps.fill(table, rows);
                  return steps.busy();
                }))
        .isTrue();
    waitUntil(() -> !steps.busy());
    assertThat(onFx(table::getMaxHeight)).isEqualTo(Region.USE_COMPUTED_SIZE);
  }

  @Test
  void aPrimedTableMakesItsRowsThenIsEmptyAgainAndARealFillDuringPrimingWins() throws Exception {
    showTable();
    Integer blank = -1;
    List<List<Integer>> contents = new java.util.concurrent.CopyOnWriteArrayList<>();
    onFx(
        () -> {
          table
              .getItems()
              .addListener(
                  (javafx.collections.ListChangeListener<Integer>)
                      change -> contents.add(List.copyOf(table.getItems())));
          steps.prime(table, blank, 20);
          return null;
        });
    // while priming: 20 blank rows, growing; afterwards: empty, placeholder shown, rows kept made
    waitUntil(() -> !steps.busy());
    assertThat(contents).containsExactly(java.util.Collections.nCopies(20, blank), List.of());
    assertThat(onFx(() -> table.getItems().isEmpty())).isTrue();
    assertThat(onFx(table::getMaxHeight)).isEqualTo(Region.USE_COMPUTED_SIZE);
    assertThat(onFx(() -> table.lookupAll(".table-row-cell").size())).isGreaterThanOrEqualTo(20);

    // a result that comes while the table is still being primed keeps its rows
    List<Integer> rows = IntStream.range(0, 30).boxed().toList();
    onFx(
        () -> {
          steps.prime(table, blank, 20);
          // runs at the pulse after the blank rows came, while the table still grows
          steps.once(
              () -> {
                assertThat(table.getItems()).containsOnly(blank);
                steps.fill(table, rows);
              });
          return null;
        });
    waitUntil(() -> !steps.busy());
    assertThat(onFx(() -> List.copyOf(table.getItems()))).isEqualTo(rows);
  }

  @Test
  void stepsQueuedWithOnceRunOnePerPulseInOrder() throws Exception {
    showTable();
    StringBuilder order = new StringBuilder();
    onFx(
        () -> {
          steps.once(() -> order.append('a'));
          steps.once(() -> order.append('b'));
          steps.once(() -> order.append('c'));
          return order.length();
        });
    waitUntil(() -> !steps.busy());
    assertThat(onFx(order::toString)).isEqualTo("abc");
  }
}
