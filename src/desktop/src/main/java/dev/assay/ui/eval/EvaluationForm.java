package dev.assay.ui.eval;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Evaluations screen's left pane: model, dataset, target, features and output reading (with the
 * target-value mapping when it is offered), run and cancel with progress, and the past runs.
 */
final class EvaluationForm extends VBox {
  EvaluationForm(EvaluationsViewModel viewModel) {
    super(10);
    ComboBox<ModelVersion> model = new ComboBox<>(viewModel.models());
    model.setId("eval-model");
    model.setConverter(converter(m -> m == null ? "" : m.ref()));
    model.valueProperty().bindBidirectional(viewModel.modelProperty());
    ComboBox<DatasetVersion> data = new ComboBox<>(viewModel.datasets());
    data.setId("eval-dataset");
    data.setConverter(converter(d -> d == null ? "" : d.ref()));
    data.valueProperty().bindBidirectional(viewModel.datasetProperty());
    ComboBox<String> target = new ComboBox<>(viewModel.columns());
    target.setId("eval-target");
    target.valueProperty().bindBidirectional(viewModel.targetProperty());
    TextField features = new TextField();
    features.setId("eval-features");
    features.setPromptText("remembered, or from the model's metadata");
    features.textProperty().bindBidirectional(viewModel.featuresProperty());
    TextField positive = new TextField();
    positive.setPromptText("the second class");
    positive.textProperty().bindBidirectional(viewModel.positiveLabelProperty());
    ChoiceBox<ExecutionProvider> provider = new ChoiceBox<>();
    provider.getItems().setAll(ExecutionProvider.values());
    provider.valueProperty().bindBidirectional(viewModel.providerProperty());
    provider.setConverter(converter(p -> p == null ? "" : p.id()));
    Label available =
        new Label("This build offers: " + String.join(", ", viewModel.availableProviders()));
    available.getStyleClass().add("hint");
    available.setWrapText(true);
    Spinner<Integer> batch = new Spinner<>(1, 1 << 20, viewModel.batchSizeProperty().get(), 256);
    batch.setEditable(true);
    batch.getValueFactory().valueProperty().bindBidirectional(viewModel.batchSizeProperty());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    // the labels keep their width (never "Probabilities ..."); the fields take what is left
    javafx.scene.layout.ColumnConstraints labelColumn = new javafx.scene.layout.ColumnConstraints();
    labelColumn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    javafx.scene.layout.ColumnConstraints fieldColumn = new javafx.scene.layout.ColumnConstraints();
    fieldColumn.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(labelColumn, fieldColumn);
    int row = 0;
    grid.addRow(row++, new Label("Model"), model);
    grid.addRow(row++, new Label("Dataset"), data);
    grid.addRow(row++, new Label("Target"), target);
    grid.addRow(row++, new Label("Features"), features);
    grid.addRow(row++, new Label("Positive class"), positive);
    grid.addRow(row++, new Label("Provider"), provider);
    grid.add(available, 1, row++);
    grid.addRow(row++, new Label("Batch size"), batch);
    ReadingChoices reading = viewModel.reading();
    ComboBox<String> probabilities =
        outputChoice(reading.probabilityOutputs(), "eval-probabilities-output");
    probabilities.valueProperty().bindBidirectional(reading.probabilitiesOutputProperty());
    ComboBox<String> labels = outputChoice(reading.labelOutputs(), "eval-label-output");
    labels.valueProperty().bindBidirectional(reading.labelOutputProperty());
    grid.addRow(row++, new Label("Probabilities from"), probabilities);
    grid.addRow(row, new Label("Labels from"), labels);
    for (var node : List.of(model, data, target, features, positive)) {
      GridPane.setHgrow(node, Priority.ALWAYS);
      ((javafx.scene.control.Control) node).setMaxWidth(Double.MAX_VALUE);
    }

    Button run = new Button("Run evaluation");
    run.setId("run-evaluation");
    run.setDefaultButton(true);
    run.disableProperty().bind(viewModel.runningProperty());
    run.setOnAction(e -> viewModel.run());
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-evaluation");
    cancel.disableProperty().bind(viewModel.runningProperty().not());
    cancel.setOnAction(e -> viewModel.cancel());
    ProgressBar progress = new ProgressBar();
    progress.visibleProperty().bind(viewModel.runningProperty());
    progress.setMaxWidth(Double.MAX_VALUE);
    HBox buttons = new HBox(8, run, cancel);

    ListView<RunSummary> runs = new ListView<>(viewModel.runs());
    runs.setId("past-runs");
    runs.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(RunSummary r, boolean empty) {
                super.updateItem(r, empty);
                setText(
                    empty || r == null
                        ? null
                        : "#"
                            + r.id()
                            + " "
                            + r.model()
                            + " on "
                            + r.dataset()
                            + " — "
                            + r.status().id()
                            + (r.labelled() ? "" : ", UNLABELLED (no metrics)")
                            + (r.rows() == null
                                ? ""
                                : String.format(Locale.ROOT, ", %,d rows", r.rows())));
              }
            });
    runs.getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> viewModel.open(now));
    VBox.setVgrow(runs, Priority.ALWAYS);
    getChildren().setAll(grid, targetMap(reading), buttons, progress, new Label("Past runs"), runs);
    setPadding(new Insets(10));
  }

  private static ComboBox<String> outputChoice(
      javafx.collections.ObservableList<String> items, String id) {
    ComboBox<String> box = new ComboBox<>(items);
    box.setId(id);
    box.setMaxWidth(Double.MAX_VALUE);
    // short, so it fits the form beside a long label; the tooltip says what "automatic" means
    box.setConverter(converter(n -> n == null || n.isEmpty() ? "automatic" : n));
    box.setTooltip(
        new javafx.scene.control.Tooltip(
            "automatic: chosen by what the model's outputs hold (a probability map or tensor,"
                + " a label tensor)"));
    return box;
  }

  /** The mapping table, shown only when the target's values are not the model's classes. */
  private static VBox targetMap(ReadingChoices reading) {
    Label hint = new Label();
    hint.setWrapText(true);
    hint.textProperty().bind(reading.mapHintProperty());
    TableView<ReadingChoices.Mapping> table = new TableView<>(reading.mappings());
    table.setId("eval-target-map");
    table.setEditable(true);
    table.setPrefHeight(120);
    TableColumn<ReadingChoices.Mapping, String> value = new TableColumn<>("Target value");
    value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
    TableColumn<ReadingChoices.Mapping, String> modelClass = new TableColumn<>("Model class");
    modelClass.setCellValueFactory(c -> c.getValue().modelClassProperty());
    modelClass.setCellFactory(javafx.scene.control.cell.TextFieldTableCell.forTableColumn());
    modelClass.setEditable(true);
    table.getColumns().addAll(List.of(value, modelClass));
    javafx.scene.control.CheckBox apply =
        new javafx.scene.control.CheckBox(
            "Apply this mapping (remembered for this model and dataset)");
    apply.setId("eval-apply-target-map");
    apply.selectedProperty().bindBidirectional(reading.applyMapProperty());
    VBox box = new VBox(6, hint, table, apply);
    box.visibleProperty().bind(reading.mapOfferedProperty());
    box.managedProperty().bind(reading.mapOfferedProperty());
    return box;
  }

  static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
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
