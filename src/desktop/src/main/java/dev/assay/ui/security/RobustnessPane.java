package dev.assay.ui.security;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.security.Finding;
import dev.assay.core.security.RobustnessReport;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The robustness tab: perturbation verdicts, fuzzing outcomes and determinism checks, and the
 * evasion attacks (robust accuracy per epsilon and group, adversarial rows beside the originals).
 */
final class RobustnessPane extends VBox {
  private final TableView<String[]> perturbation =
      TextTables.of("robustness-perturbation", "Test", "Changed", "Verdict", "Description");
  private final TableView<String[]> fuzzing =
      TextTables.of("robustness-fuzzing", "Input", "Outcome", "Detail");
  private final TableView<String[]> determinism =
      TextTables.of("robustness-determinism", "Check", "Outcome", "Detail");
  private final AttacksPane attacks = new AttacksPane();
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
    ComboBox<String> sensitive = new ComboBox<>(viewModel.columns());
    sensitive.setId("robustness-sensitive");
    sensitive.setEditable(true);
    sensitive.setPromptText("sensitive column (model's own if blank)");
    sensitive.valueProperty().bindBidirectional(viewModel.sensitiveProperty());
    Spinner<Integer> attackRows =
        new Spinner<>(0, 100_000, viewModel.attackRowsProperty().get(), 50);
    attackRows.setId("robustness-attack-rows");
    attackRows.setEditable(true);
    attackRows.setPrefWidth(100);
    attackRows
        .valueProperty()
        .addListener((obs, old, now) -> viewModel.attackRowsProperty().set(now == null ? 0 : now));
    Spinner<Integer> budget =
        new Spinner<>(1, 1_000_000, viewModel.queryBudgetProperty().get(), 100);
    budget.setId("robustness-query-budget");
    budget.setEditable(true);
    budget.setPrefWidth(110);
    budget
        .valueProperty()
        .addListener((obs, old, now) -> viewModel.queryBudgetProperty().set(now == null ? 1 : now));
    ProgressBar bar = new ProgressBar();
    bar.setId("robustness-progress");
    bar.progressProperty().bind(viewModel.progressProperty());
    bar.visibleProperty().bind(viewModel.runningProperty());
    Label status = new Label();
    status.setId("robustness-status");
    status.textProperty().bind(viewModel.messageProperty());
    HBox attackForm =
        new HBox(
            8,
            new Label("Evasion attacks: sensitive"),
            sensitive,
            new Label("rows"),
            attackRows,
            new Label("queries per row"),
            budget,
            bar,
            status);
    attackForm.setAlignment(Pos.CENTER_LEFT);
    summary.setId("robustness-summary");
    summary.setWrapText(true);
    summary.getStyleClass().add("field-label");
    VBox tests =
        new VBox(
            8,
            new Label("Perturbations (issue at 5% changed predictions, major at 10%)"),
            perturbation,
            new Label("Unusual inputs"),
            fuzzing,
            new Label("Determinism"),
            determinism);
    VBox.setVgrow(perturbation, Priority.ALWAYS);
    VBox.setVgrow(fuzzing, Priority.ALWAYS);
    SplitPane split = new SplitPane(tests, attacks);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.35);
    getChildren().addAll(form, attackForm, summary, split);
    VBox.setVgrow(split, Priority.ALWAYS);
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
    attacks.show(report);
  }

  private static String atlas(Finding f) {
    return f.atlas() == null ? "-" : f.atlas();
  }

  private static String join(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }
}
