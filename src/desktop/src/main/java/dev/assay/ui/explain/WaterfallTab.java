package dev.assay.ui.explain;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Explanations screen's waterfall tab: the explained rows in a list on the left (arrow keys
 * move through them), the chosen row's {@link Waterfall} on the right, with a caption and "Export
 * PNG…". Reads the selected explanation's stored rows ({@link ExplanationsViewModel.Detail#rows}).
 */
final class WaterfallTab {
  private final ListView<ExplainedRows.Row> rows = new ListView<>();
  private final WaterfallChart chart = new WaterfallChart();
  private final Label caption = new Label();
  private final Tab tab;
  private ExplainedRows explained = ExplainedRows.NONE;

  WaterfallTab(ExplanationsViewModel viewModel) {
    rows.setId("explanation-waterfall-rows");
    rows.setPrefWidth(190);
    rows.setMinWidth(190);
    rows.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(ExplainedRows.Row r, boolean empty) {
                super.updateItem(r, empty);
                setText(
                    empty || r == null
                        ? null
                        : String.format(
                            Locale.ROOT, "row %d   f(x) %.4f", r.row(), r.prediction()));
              }
            });
    Label none = new Label("Select an explanation on the left.");
    none.setWrapText(true);
    rows.setPlaceholder(none);
    caption.setId("explanation-waterfall-caption");
    caption.setWrapText(true);
    caption.setMinHeight(Region.USE_PREF_SIZE);
    viewModel
        .detailProperty()
        .addListener(
            (obs, old, d) -> {
              explained = d == null ? ExplainedRows.NONE : d.rows();
              rows.getItems().setAll(explained.rows());
              if (!rows.getItems().isEmpty()) {
                rows.getSelectionModel().selectFirst();
              }
              show();
            });
    rows.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> show());
    javafx.scene.control.Button export = dev.assay.ui.common.PngExport.button(chart);
    export.setMinWidth(Region.USE_PREF_SIZE);
    HBox top = new HBox(8, caption, export);
    // the caption wraps in what the button leaves (its height follows that width)
    caption
        .prefWidthProperty()
        .bind(top.widthProperty().subtract(export.widthProperty()).subtract(8));
    top.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(caption, Priority.ALWAYS);
    VBox right = new VBox(6, top, chart);
    VBox.setVgrow(chart, Priority.ALWAYS);
    HBox body = new HBox(8, rows, right);
    HBox.setHgrow(right, Priority.ALWAYS);
    tab = new Tab("Waterfall", body);
    tab.setId("explanation-waterfall-tab");
  }

  Tab tab() {
    return tab;
  }

  private void show() {
    int index = rows.getSelectionModel().getSelectedIndex();
    if (index < 0 || index >= explained.rows().size()) {
      chart.show(null);
      caption.setText(explained.rows().isEmpty() ? "" : "Choose a row on the left.");
      return;
    }
    Waterfall w = Waterfall.of(explained, index, Waterfall.TOP);
    chart.show(w);
    caption.setText(w.caption());
  }
}
