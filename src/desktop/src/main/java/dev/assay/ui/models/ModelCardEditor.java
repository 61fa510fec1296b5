package dev.assay.ui.models;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The "Model card" tab: owner, intended use, out-of-scope uses and limitations, with Save. */
final class ModelCardEditor extends VBox {
  ModelCardEditor(ModelCardViewModel viewModel) {
    super(8);
    setId("model-card-editor");
    setPadding(new Insets(8));
    TextField owner = new TextField();
    owner.setId("card-owner");
    owner.setPromptText("Who is accountable for the model (person, team, business unit)");
    owner.textProperty().bindBidirectional(viewModel.ownerProperty());
    TextArea intended = area("card-intended-use", "What the model is for, and for whom");
    intended.textProperty().bindBidirectional(viewModel.intendedUseProperty());
    TextArea outOfScope = area("card-out-of-scope", "Uses the model must not be put to");
    outOfScope.textProperty().bindBidirectional(viewModel.outOfScopeProperty());
    TextArea limitations = area("card-limitations", "Known limits of the model and its evidence");
    limitations.textProperty().bindBidirectional(viewModel.limitationsProperty());

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    grid.addRow(0, label("Owner"), owner);
    grid.addRow(1, label("Intended use"), intended);
    grid.addRow(2, label("Out-of-scope uses"), outOfScope);
    grid.addRow(3, label("Limitations"), limitations);
    for (javafx.scene.Node n : new javafx.scene.Node[] {owner, intended, outOfScope, limitations}) {
      GridPane.setHgrow(n, Priority.ALWAYS);
    }

    Button save = new Button("Save");
    save.setId("save-model-card");
    save.disableProperty().bind(viewModel.dirtyProperty().not());
    save.setOnAction(e -> viewModel.save());
    Label status = new Label();
    status.setId("card-status");
    status.getStyleClass().add("hint");
    status.textProperty().bind(viewModel.statusProperty());
    HBox actions = new HBox(10, save, status);
    getChildren().addAll(grid, actions);
  }

  private static TextArea area(String id, String prompt) {
    TextArea area = new TextArea();
    area.setId(id);
    area.setPromptText(prompt);
    area.setWrapText(true);
    area.setPrefRowCount(3);
    return area;
  }

  private static Label label(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("field-label");
    return label;
  }
}
