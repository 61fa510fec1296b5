package dev.assay.ui.models;

import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.ContentStore;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Details of the selected model version: signature, metadata, operator census and stored files. */
final class ModelDetailView extends StackPane {
  private final GridPane header = new GridPane();
  private final TableView<String[]> signature =
      table("signature-table", "Direction", "Name", "Type", "Shape");
  private final TableView<String[]> metadata = table("metadata-table", "Key", "Value");
  private final TableView<String[]> ops = table("ops-table", "Operator", "Domain", "Count");
  private final TableView<String[]> files = table("files-table", "File", "Role", "SHA-256", "Size");
  private final Label opsSummary = new Label();
  private final TextField signatureStatus = new TextField();

  ModelDetailView(ModelsViewModel viewModel, ModelCardViewModel card) {
    setId("model-detail");
    signatureStatus.setId("model-signature-status");
    signatureStatus.setEditable(false);
    signatureStatus.getStyleClass().add("field-value");
    signatureStatus.textProperty().bind(viewModel.selectedSignatureProperty());
    header.setHgap(12);
    header.setVgap(4);
    header.setPadding(new Insets(8));

    VBox signatureBox = new VBox(8, header, signature);
    VBox.setVgrow(signature, Priority.ALWAYS);
    VBox opsBox = new VBox(6, opsSummary, ops);
    opsBox.setPadding(new Insets(6, 0, 0, 6));
    VBox.setVgrow(ops, Priority.ALWAYS);
    TabPane tabs =
        new TabPane(
            new Tab("Signature", signatureBox),
            new Tab("Metadata", metadata),
            new Tab("Operators", opsBox),
            new Tab("Files", files));
    if (card != null) {
      Tab cardTab = new Tab("Model card", new ModelCardEditor(card));
      cardTab.setId("model-card-tab");
      tabs.getTabs().add(cardTab);
    }
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    Label none = new Label("Select a model version to see its signature, metadata and operators.");
    none.getStyleClass().add("hint");
    getChildren().addAll(none, tabs);
    tabs.visibleProperty().bind(viewModel.selectedProperty().isNotNull());
    none.visibleProperty().bind(viewModel.selectedProperty().isNull());

    viewModel.selectedProperty().addListener((obs, old, version) -> show(version));
    viewModel
        .selectedFiles()
        .addListener(
            (javafx.collections.ListChangeListener<ContentStore.StoredFile>)
                change ->
                    files
                        .getItems()
                        .setAll(
                            viewModel.selectedFiles().stream()
                                .map(
                                    f ->
                                        new String[] {
                                          f.relativePath(),
                                          f.role(),
                                          f.sha256(),
                                          ModelsView.humanBytes(f.sizeBytes())
                                        })
                                .toList()));
  }

  private void show(ModelVersion version) {
    header.getChildren().clear();
    if (version == null) {
      signature.getItems().clear();
      metadata.getItems().clear();
      ops.getItems().clear();
      return;
    }
    ModelInspection i = version.inspection();
    int row = 0;
    row = headerRow(row, "Model", version.ref());
    row = headerRow(row, "SHA-256", version.sha256());
    row = headerRow(row, "Producer", (i.producerName() + " " + i.producerVersion()).strip());
    row = headerRow(row, "IR version", Long.toString(i.irVersion()));
    row =
        headerRow(
            row,
            "Opsets",
            String.join(
                ", ", i.opsets().stream().map(o -> o.domain() + " " + o.version()).toList()));
    if (!i.docString().isBlank()) {
      row = headerRow(row, "Description", i.docString().strip());
    }
    row = headerRow(row, "Imported", version.importedAt() + " by " + version.importedBy());
    Label signatureLabel = new Label("Signature");
    signatureLabel.getStyleClass().add("field-label");
    header.addRow(row, signatureLabel, signatureStatus);

    signature.getItems().clear();
    i.inputs()
        .forEach(
            s ->
                signature
                    .getItems()
                    .add(new String[] {"input", s.name(), s.type(), s.shapeText()}));
    i.outputs()
        .forEach(
            s ->
                signature
                    .getItems()
                    .add(new String[] {"output", s.name(), s.type(), s.shapeText()}));

    metadata.getItems().clear();
    metadata.getItems().add(new String[] {"(domain)", i.domain()});
    metadata.getItems().add(new String[] {"(model version)", Long.toString(i.modelVersion())});
    metadata.getItems().add(new String[] {"(graph name)", i.graphName()});
    for (Map.Entry<String, String> e : i.metadata().entrySet()) {
      metadata.getItems().add(new String[] {e.getKey(), e.getValue()});
    }

    ops.getItems()
        .setAll(
            i.ops().stream()
                .map(o -> new String[] {o.opType(), o.domain(), Long.toString(o.count())})
                .toList());
    opsSummary.setText(
        String.format(
            java.util.Locale.ROOT,
            "%d nodes, %,d parameters (%s of initializers)%s",
            i.nodeCount(),
            i.parameterCount(),
            ModelsView.humanBytes(i.initializerBytes()),
            i.externalData().isEmpty()
                ? ""
                : ", external data: " + String.join(", ", i.externalData())));
  }

  private int headerRow(int row, String key, String value) {
    Label label = new Label(key);
    label.getStyleClass().add("field-label");
    TextField text = new TextField(value);
    text.setEditable(false);
    text.getStyleClass().add("field-value");
    GridPane.setHgrow(text, Priority.ALWAYS);
    header.addRow(row, label, text);
    return row + 1;
  }

  private static TableView<String[]> table(String id, String... titles) {
    TableView<String[]> table = new TableView<>();
    table.setId(id);
    for (int c = 0; c < titles.length; c++) {
      int index = c;
      TableColumn<String[], String> column = new TableColumn<>(titles[c]);
      column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue()[index]));
      column.setPrefWidth(c == 0 ? 160 : 140);
      table.getColumns().add(column);
    }
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label(""));
    return table;
  }

  List<String[]> signatureRows() {
    return signature.getItems();
  }
}
