package dev.assay.ui.compare;

import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.compare.Contender;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.eval.ReadingChoices;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Compare screen's left pane: the versions to compare (with their providers), the dataset,
 * target and output reading, run and cancel, the live status line and the saved comparisons.
 */
final class CompareForm extends VBox {
  CompareForm(CompareViewModel viewModel, Label liveStatus) {
    super(10);
    ComboBox<ModelVersion> model = new ComboBox<>(viewModel.models());
    model.setId("compare-model");
    model.setConverter(converter(m -> m == null ? "" : m.ref()));
    model.valueProperty().bindBidirectional(viewModel.modelProperty());
    ChoiceBox<ExecutionProvider> provider = new ChoiceBox<>();
    provider.getItems().setAll(ExecutionProvider.values());
    provider.setConverter(converter(p -> p == null ? "" : p.id()));
    provider.valueProperty().bindBidirectional(viewModel.providerProperty());
    Button add = new Button("Add");
    add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "..." (Primer pads buttons)
    add.setId("compare-add");
    add.setOnAction(e -> viewModel.addContender());
    ListView<Contender> chosen = new ListView<>(viewModel.contenders());
    chosen.setId("compare-contenders");
    chosen.setPrefHeight(110);
    chosen.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(Contender c, boolean empty) {
                super.updateItem(c, empty);
                int index = getIndex();
                setText(empty || c == null ? null : c.label() + (index == 0 ? "  (baseline)" : ""));
              }
            });
    Button remove = new Button("Remove");
    remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    remove.setOnAction(
        e -> {
          Contender c = chosen.getSelectionModel().getSelectedItem();
          if (c != null) {
            viewModel.contenders().remove(c);
          }
        });
    ComboBox<DatasetVersion> data = new ComboBox<>(viewModel.datasets());
    data.setId("compare-dataset");
    data.setConverter(converter(d -> d == null ? "" : d.ref()));
    data.valueProperty().bindBidirectional(viewModel.datasetProperty());
    ComboBox<String> target = new ComboBox<>(viewModel.columns());
    target.setId("compare-target");
    target.valueProperty().bindBidirectional(viewModel.targetProperty());
    TextField positive = new TextField();
    positive.setPromptText("the second class");
    positive.textProperty().bindBidirectional(viewModel.positiveLabelProperty());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    // the labels keep their width; the fields take what is left
    javafx.scene.layout.ColumnConstraints labelColumn = new javafx.scene.layout.ColumnConstraints();
    labelColumn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    grid.getColumnConstraints().add(labelColumn);
    grid.addRow(0, new Label("Model"), model);
    grid.addRow(1, new Label("Provider"), new HBox(8, provider, add, remove));
    grid.add(chosen, 0, 2, 2, 1);
    grid.addRow(3, new Label("Dataset"), data);
    grid.addRow(4, new Label("Target"), target);
    grid.addRow(5, new Label("Positive class"), positive);
    ReadingChoices reading = viewModel.reading();
    ComboBox<String> probabilities = new ComboBox<>(reading.probabilityOutputs());
    probabilities.setId("compare-probabilities-output");
    probabilities.setConverter(converter(n -> n == null || n.isEmpty() ? "automatic" : n));
    probabilities.setTooltip(
        new javafx.scene.control.Tooltip(
            "Automatic: the output whose rows are probabilities (in [0, 1], summing to 1)."));
    probabilities.valueProperty().bindBidirectional(reading.probabilitiesOutputProperty());
    ComboBox<String> labels = new ComboBox<>(reading.labelOutputs());
    labels.setId("compare-label-output");
    labels.setConverter(converter(n -> n == null || n.isEmpty() ? "the model's label output" : n));
    labels.valueProperty().bindBidirectional(reading.labelOutputProperty());
    grid.addRow(6, new Label("Probabilities from"), probabilities);
    grid.addRow(7, new Label("Labels from"), labels);
    javafx.scene.control.CheckBox applyMap =
        new javafx.scene.control.CheckBox("Map the target's values onto the model's classes");
    applyMap.setId("compare-apply-target-map");
    applyMap.selectedProperty().bindBidirectional(reading.applyMapProperty());
    Label mapHint = new Label();
    mapHint.setWrapText(true);
    mapHint.textProperty().bind(reading.mapHintProperty());
    VBox mapBox = new VBox(4, mapHint, applyMap);
    mapBox.visibleProperty().bind(reading.mapOfferedProperty());
    mapBox.managedProperty().bind(reading.mapOfferedProperty());
    grid.add(mapBox, 0, 8, 2, 1);
    for (var node : List.of(model, data, target, positive, probabilities, labels)) {
      GridPane.setHgrow(node, Priority.ALWAYS);
      node.setMaxWidth(Double.MAX_VALUE);
    }
    Label available =
        new Label("This build offers: " + String.join(", ", viewModel.availableProviders()));
    available.getStyleClass().add("hint");
    Button run = new Button("Run comparison");
    run.setId("run-comparison");
    run.setDefaultButton(true);
    run.disableProperty().bind(viewModel.runningProperty());
    run.setOnAction(e -> viewModel.run());
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-comparison");
    cancel.disableProperty().bind(viewModel.runningProperty().not());
    cancel.setOnAction(e -> viewModel.cancel());
    liveStatus.setId("compare-live-status");
    // "714 rows, 0.0 s, 14,792 rows/s — computing statistics" is wider than the form at 1280x800:
    // two lines rather than a cut-off line
    liveStatus.setWrapText(true);
    liveStatus.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    ListView<ComparisonStore.Summary> past = new ListView<>(viewModel.pastComparisons());
    past.setId("past-comparisons");
    past.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(ComparisonStore.Summary s, boolean empty) {
                super.updateItem(s, empty);
                setText(
                    empty || s == null
                        ? null
                        : "#" + s.id() + " " + s.models() + " on " + s.dataset());
              }
            });
    past.getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> viewModel.open(now));
    VBox.setVgrow(past, Priority.ALWAYS);
    getChildren()
        .setAll(
            grid,
            available,
            new HBox(8, run, cancel),
            liveStatus,
            new Label("Saved comparisons"),
            past);
    setPadding(new Insets(10));
  }

  static <T> StringConverter<T> converter(Function<T, String> text) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return text.apply(value);
      }

      @Override
      public T fromString(String string) {
        return null;
      }
    };
  }
}
