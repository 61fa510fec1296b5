package dev.assay.ui.explain;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.model.ModelVersion;
import java.util.function.Function;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The "New explanation" form under the Explanations screen's list: model version, dataset, rows,
 * background rows, output space and seed, and an Explain button; collapsed until opened (opening it
 * reads the registered models and datasets again).
 */
final class NewExplanationPane {
  private static final String OWN = "the model's own";
  private static final String PROBABILITY = "probability";
  private static final String LOGIT = "log-odds";

  private NewExplanationPane() {}

  static TitledPane of(NewExplanation form) {
    ComboBox<ModelVersion> model = combo(form.models(), ModelVersion::ref, "explain-new-model");
    ComboBox<DatasetVersion> data = combo(form.datasets(), DatasetVersion::ref, "explain-new-data");
    Spinner<Integer> rows = spinner(100, "explain-new-rows");
    Spinner<Integer> background = spinner(100, "explain-new-background");
    ComboBox<String> output = new ComboBox<>();
    output.getItems().setAll(OWN, PROBABILITY, LOGIT);
    output.setValue(OWN);
    output.setId("explain-new-output");
    output.setMaxWidth(Double.MAX_VALUE);
    Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, 42);
    seed.setEditable(true);
    seed.setId("explain-new-seed");
    seed.setMaxWidth(Double.MAX_VALUE);
    Button run = new Button("Explain");
    run.setId("explain-new-run");
    run.disableProperty().bind(form.runningProperty());
    run.setOnAction(
        e ->
            form.start(
                model.getValue(),
                data.getValue(),
                rows.getValue(),
                background.getValue(),
                switch (output.getValue()) {
                  case PROBABILITY -> OutputSpace.PROBABILITY;
                  case LOGIT -> OutputSpace.LOGIT;
                  default -> null;
                },
                seed.getValue()));
    Label message = new Label();
    message.setId("explain-new-message");
    message.setWrapText(true);
    message.textProperty().bind(form.messageProperty());

    GridPane grid = new GridPane();
    grid.setHgap(6);
    grid.setVgap(4);
    ColumnConstraints names = new ColumnConstraints();
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    fields.setMinWidth(60);
    grid.getColumnConstraints().setAll(names, fields);
    grid.addRow(0, new Label("Model"), model);
    grid.addRow(1, new Label("Data"), data);
    grid.addRow(2, new Label("Rows"), rows);
    grid.addRow(3, new Label("Background"), background);
    grid.addRow(4, new Label("Output"), output);
    grid.addRow(5, new Label("Seed"), seed);
    VBox box = new VBox(6, grid, run, message);
    TitledPane pane = new TitledPane("New explanation", box);
    pane.setId("explain-new");
    pane.setExpanded(false);
    pane.setAnimated(false);
    pane.expandedProperty()
        .addListener(
            (obs, old, now) -> {
              if (now) {
                form.load();
              }
            });
    return pane;
  }

  private static <T> ComboBox<T> combo(
      javafx.collections.ObservableList<T> items, Function<T, String> text, String id) {
    ComboBox<T> combo = new ComboBox<>(items);
    combo.setId(id);
    combo.setMaxWidth(Double.MAX_VALUE);
    combo.setCellFactory(c -> cell(text));
    combo.setButtonCell(cell(text));
    items.addListener(
        (javafx.collections.ListChangeListener<T>)
            c -> {
              if (combo.getValue() == null && !items.isEmpty()) {
                combo.getSelectionModel().selectFirst();
              }
            });
    return combo;
  }

  private static <T> ListCell<T> cell(Function<T, String> text) {
    return new ListCell<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : text.apply(item));
      }
    };
  }

  private static Spinner<Integer> spinner(int value, String id) {
    Spinner<Integer> spinner = new Spinner<>(1, ExplainLauncher.MAX_ROWS, value);
    spinner.setEditable(true);
    spinner.setId(id);
    spinner.setMaxWidth(Double.MAX_VALUE);
    return spinner;
  }
}
