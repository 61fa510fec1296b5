package dev.assay.ui.explain;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Explanations screen's beeswarm tab: the selected explanation's {@link Beeswarm} with a
 * caption and "Export PNG…", from its stored rows ({@link ExplanationsViewModel.Detail#rows}).
 */
final class BeeswarmTab {
  private final BeeswarmChart chart = new BeeswarmChart();
  private final Label caption = new Label();
  private final Tab tab;

  BeeswarmTab(ExplanationsViewModel viewModel) {
    caption.setId("explanation-beeswarm-caption");
    caption.setWrapText(true);
    caption.setMinHeight(Region.USE_PREF_SIZE);
    caption.setText("Select an explanation on the left.");
    viewModel
        .detailProperty()
        .addListener(
            (obs, old, d) -> {
              ExplainedRows rows = d == null ? ExplainedRows.NONE : d.rows();
              Beeswarm b = rows.rows().isEmpty() ? null : Beeswarm.of(rows);
              chart.show(b);
              caption.setText(b == null ? "Select an explanation on the left." : caption(b, rows));
            });
    javafx.scene.control.Button export = dev.assay.ui.common.PngExport.button(chart);
    export.setMinWidth(Region.USE_PREF_SIZE);
    HBox top = new HBox(8, caption, export);
    // the caption wraps in what the button leaves (its height follows that width)
    caption
        .prefWidthProperty()
        .bind(top.widthProperty().subtract(export.widthProperty()).subtract(8));
    top.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(caption, Priority.ALWAYS);
    VBox pane = new VBox(6, top, chart);
    VBox.setVgrow(chart, Priority.ALWAYS);
    tab = new Tab("Beeswarm", pane);
    tab.setId("explanation-beeswarm-tab");
  }

  Tab tab() {
    return tab;
  }

  static String caption(Beeswarm b, ExplainedRows rows) {
    int features = rows.features().size();
    int lines = b.lines().size();
    return String.format(
        Locale.ROOT,
        "%d rows, %d features by mean |φ|, largest first%s. Colour: the feature's value among"
            + " the values the rows hold, blue lowest to red highest; dots in the same spot are stacked.",
        rows.rows().size(),
        features,
        lines < features
            ? String.format(Locale.ROOT, "; the last %d summed into one line", features - lines + 1)
            : "");
  }
}
