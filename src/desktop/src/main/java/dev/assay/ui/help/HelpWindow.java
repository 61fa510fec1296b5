package dev.assay.ui.help;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Help > User guide: the documentation bundled in the app, readable without a network. */
public final class HelpWindow {
  private HelpWindow() {}

  /** Opens the window next to {@code owner}; must run on the FX thread. */
  public static Stage show(Window owner) {
    List<HelpDocs.Doc> docs = HelpDocs.bundled();
    ListView<HelpDocs.Doc> list = new ListView<>();
    list.setId("help-documents");
    list.getItems().setAll(docs);
    TextArea text = new TextArea();
    text.setId("help-text");
    text.setEditable(false);
    text.setWrapText(true);
    text.setStyle("-fx-font-family: monospace;");
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, doc) -> {
              text.setText(doc == null ? "" : doc.text());
              text.positionCaret(0);
              text.setScrollTop(0);
            });
    SplitPane split = new SplitPane(list, text);
    split.setDividerPositions(0.28);
    BorderPane root = new BorderPane(split);
    if (docs.isEmpty()) {
      root.setTop(new Label("No documentation is bundled with this build."));
    } else {
      list.getSelectionModel().selectFirst();
    }
    Stage stage = new Stage();
    stage.initOwner(owner);
    stage.setTitle("Assay — User guide");
    stage.setScene(new Scene(root, 1000, 700));
    stage.show();
    return stage;
  }
}
