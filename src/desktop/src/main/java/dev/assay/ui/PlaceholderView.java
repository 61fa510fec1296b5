package dev.assay.ui;

import dev.assay.ui.common.ScreenKind;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A screen that is planned but not built yet: says so plainly, with what it will do. */
final class PlaceholderView extends VBox {
  PlaceholderView(ScreenKind screen) {
    super(12);
    setAlignment(Pos.CENTER);
    getStyleClass().add("placeholder");
    setId("placeholder-" + screen.name().toLowerCase(java.util.Locale.ROOT));
    Label title = new Label(screen.title());
    title.getStyleClass().add("placeholder-title");
    Label status = new Label("Not available in this version yet.");
    status.getStyleClass().add("placeholder-status");
    Label purpose = new Label("When it arrives: " + screen.purpose());
    purpose.setWrapText(true);
    purpose.setMaxWidth(520);
    getChildren().addAll(title, status, purpose);
  }
}
