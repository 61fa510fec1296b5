package dev.assay.ui.security;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.security.Finding;
import dev.assay.core.security.RobustnessReport;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The robustness tab: perturbation verdicts, fuzzing outcomes and determinism checks. */
final class RobustnessPane extends VBox {
  private final TableView<String[]> perturbation =
      table("robustness-perturbation", "Test", "Changed", "Verdict", "Description");
  private final TableView<String[]> fuzzing =
      table("robustness-fuzzing", "Input", "Outcome", "Detail");
  private final TableView<String[]> determinism =
      table("robustness-determinism", "Check", "Outcome", "Detail");
  private final Label summary = new Label("Choose a dataset and run the tests.");

  RobustnessPane(RobustnessViewModel viewModel) {
    super(8);
    setId("robustness-pane");
    setPadding(new Insets(10));
    ComboBox<DatasetVersion> data = new ComboBox<>(viewModel.datasets());
    data.setId("robustness-dataset");
    data.setPromptText("dataset");
    data.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(DatasetVersion d) {
            return d == null ? "" : d.ref();
          }

          @Override
          public DatasetVersion fromString(String s) {
            return null;
          }
        });
    data.valueProperty().bindBidirectional(viewModel.datasetProperty());
    ComboBox<String> target = new ComboBox<>(viewModel.columns());
    target.setId("robustness-target");
    target.setPromptText("target");
    target.valueProperty().bindBidirectional(viewModel.targetProperty());
    TextField immutable = new TextField();
    immutable.setId("robustness-immutable");
    immutable.setPromptText("immutable features, e.g. afam");
    immutable.textProperty().bindBidirectional(viewModel.immutableProperty());
    HBox.setHgrow(immutable, Priority.ALWAYS);
    Button run = new Button("Run robustness tests");
    run.setId("robustness-run");
    run.disableProperty().bind(viewModel.runningProperty());
    run.setOnAction(e -> viewModel.run());
    Button cancel = new Button("Cancel");
    cancel.visibleProperty().bind(viewModel.runningProperty());
    cancel.setOnAction(e -> viewModel.cancel());
    HBox form = new HBox(8, data, target, immutable, run, cancel);
    summary.setId("robustness-summary");
    summary.setWrapText(true);
    summary.getStyleClass().add("field-label");
    getChildren()
        .addAll(
            form,
            summary,
            new Label("Perturbations (issue at 5% changed predictions, major at 10%)"),
            perturbation,
            new Label("Unusual inputs"),
            fuzzing,
            new Label("Determinism"),
            determinism);
    VBox.setVgrow(perturbation, Priority.ALWAYS);
    VBox.setVgrow(fuzzing, Priority.ALWAYS);
    viewModel.reportProperty().addListener((obs, old, now) -> show(now));
  }

  private void show(RobustnessReport report) {
    if (report == null) {
      return;
    }
    summary.setText(
        String.format(
                Locale.ROOT,
                "%s on %s, %d rows; perturbed: %s; immutable: %s; categorical: %s.",
                report.model(),
                report.dataset(),
                report.rows(),
                join(report.perturbed()),
                join(report.immutable()),
                join(report.categorical()))
            + (report.findings().isEmpty()
                ? " No findings."
                : " Findings: "
                    + String.join(
                        "; ",
                        report.findings().stream()
                            .map(
                                f -> f.severity().label() + " " + f.title() + " [" + atlas(f) + "]")
                            .toList())));
    perturbation
        .getItems()
        .setAll(
            report.perturbation().stream()
                .map(
                    p ->
                        new String[] {
                          p.test(),
                          String.format(Locale.ROOT, "%.2f%%", 100 * p.changedRate()),
                          p.verdict(),
                          p.description()
                        })
                .toList());
    fuzzing
        .getItems()
        .setAll(
            report.fuzzing().stream()
                .map(f -> new String[] {f.input(), f.outcome(), f.detail()})
                .toList());
    determinism
        .getItems()
        .setAll(
            report.determinism().stream()
                .map(d -> new String[] {d.check(), d.outcome(), d.detail()})
                .toList());
  }

  private static String atlas(Finding f) {
    return f.atlas() == null ? "-" : f.atlas();
  }

  private static String join(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }

  private static TableView<String[]> table(String id, String... titles) {
    TableView<String[]> table = new TableView<>();
    table.setId(id);
    table.setPlaceholder(new Label(""));
    for (int i = 0; i < titles.length; i++) {
      int index = i;
      table
          .getColumns()
          .add(column(titles[i], row -> row[index], i == titles.length - 1 ? 520 : 110));
    }
    return table;
  }

  private static TableColumn<String[], String> column(
      String title, Function<String[], String> value, double width) {
    TableColumn<String[], String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
