package dev.assay.ui.reports;

import dev.assay.core.eval.RunSummary;
import dev.assay.core.review.Decision;
import dev.assay.core.review.SignOff;
import dev.assay.ui.common.Dialogs;
import dev.assay.ui.common.SaveFilePicker;
import dev.assay.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Reports screen: completed runs on the left; export options, the audit trail's state and the
 * sign-off (with the reviewer's form) on the right.
 */
public final class ReportsView extends BorderPane {
  static final String LAST_FOLDER = "reports.lastFolder";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final ReportsViewModel viewModel;
  private final UiSettings settings;
  private final SaveFilePicker picker;

  public ReportsView(ReportsViewModel viewModel, UiSettings settings, SaveFilePicker picker) {
    this.viewModel = viewModel;
    this.settings = settings;
    this.picker = picker;
    setId("reports-view");
    viewModel.setErrorSink(message -> Dialogs.showError(window(), "Reports", message));
    SplitPane split = new SplitPane(runsTable(), details());
    split.setDividerPositions(0.42);
    setCenter(split);
  }

  private TableView<RunSummary> runsTable() {
    TableView<RunSummary> table = new TableView<>(viewModel.runs());
    table.setId("report-runs");
    table.getColumns().add(column("Run", r -> Long.toString(r.id()), 50));
    table.getColumns().add(column("Model", RunSummary::model, 130));
    table.getColumns().add(column("Dataset", RunSummary::dataset, 130));
    table.getColumns().add(column("Rows", r -> r.rows() == null ? "" : r.rows().toString(), 70));
    table
        .getColumns()
        .add(column("Finished", r -> r.endedAt() == null ? "" : WHEN.format(r.endedAt()), 150));
    table.setPlaceholder(new Label("No completed evaluation runs yet."));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null) {
                viewModel.runProperty().set(now);
              }
            });
    viewModel
        .runProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
              }
            });
    return table;
  }

  private VBox details() {
    CheckBox predictions = new CheckBox("Add the per-row Predictions sheet (large for big runs)");
    predictions.setId("include-predictions");
    predictions.selectedProperty().bindBidirectional(viewModel.predictionsProperty());
    ListView<ReportsViewModel.MaskOption> mask = new ListView<>(viewModel.maskOptions());
    mask.setId("mask-columns");
    mask.setPrefHeight(130);
    mask.setCellFactory(CheckBoxListCell.forListView(ReportsViewModel.MaskOption::masked));
    Button export = new Button("Export workbook…");
    export.setId("export-workbook");
    export.disableProperty().bind(viewModel.runProperty().isNull().or(viewModel.busyProperty()));
    export.setOnAction(e -> chooseAndExport());
    Label outcome = new Label();
    outcome.setId("report-outcome");
    outcome.setWrapText(true);
    outcome.textProperty().bind(viewModel.outcomeProperty());

    Label audit = new Label();
    audit.setId("audit-status");
    audit.setWrapText(true);
    audit.textProperty().bind(viewModel.auditStatusProperty());
    viewModel
        .auditIntactProperty()
        .addListener((obs, old, intact) -> audit.setStyle(intact ? "" : "-fx-text-fill: #a00000;"));
    Button verify = new Button("Verify again");
    verify.setId("verify-audit");
    verify.setOnAction(e -> viewModel.refresh());

    Label signStatus = new Label();
    signStatus.setId("signoff-status");
    signStatus.setWrapText(true);
    signStatus.textProperty().bind(viewModel.signOffStatusProperty());

    VBox box =
        new VBox(
            8,
            heading("Compliance workbook"),
            hint(
                "Ten sheets: summary, performance with 95% intervals, comparison, fairness,"
                    + " security, data, provenance, regulatory crosswalk, audit trail, sign-off."),
            predictions,
            new Label("Mask these columns' raw values on export:"),
            mask,
            new HBox(10, export),
            outcome,
            new Separator(),
            heading("Audit trail"),
            new HBox(10, audit, verify),
            new Separator(),
            heading("Sign-off"),
            signStatus,
            signOffTable(),
            signOffForm());
    box.setPadding(new Insets(8));
    return box;
  }

  private TableView<SignOff> signOffTable() {
    TableView<SignOff> table = new TableView<>(viewModel.signOffs());
    table.setId("signoff-table");
    table.setPrefHeight(120);
    table.getColumns().add(signOffColumn("Reviewer", SignOff::reviewer, 90));
    table.getColumns().add(signOffColumn("Role", SignOff::role, 110));
    table
        .getColumns()
        .add(signOffColumn("Decision", s -> s.decision().id().replace('_', ' '), 150));
    table
        .getColumns()
        .add(signOffColumn("Conditions", s -> s.conditions() == null ? "" : s.conditions(), 150));
    table.getColumns().add(signOffColumn("Date", s -> WHEN.format(s.signedAt()), 150));
    table.getColumns().add(signOffColumn("Current", s -> s.stale() ? "stale" : "yes", 80));
    table.setPlaceholder(new Label("No sign-off yet."));
    return table;
  }

  private VBox signOffForm() {
    ComboBox<Decision> decision = new ComboBox<>();
    decision.setId("signoff-decision");
    decision.getItems().setAll(Decision.values());
    decision.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Decision d) {
            return d == null ? "" : d.id().replace('_', ' ');
          }

          @Override
          public Decision fromString(String text) {
            return Decision.of(text);
          }
        });
    decision.valueProperty().bindBidirectional(viewModel.decisionProperty());
    TextField title = new TextField();
    title.setId("signoff-title");
    title.setPromptText("Your role, e.g. Model Risk Officer");
    title.textProperty().bindBidirectional(viewModel.titleProperty());
    TextArea conditions = new TextArea();
    conditions.setId("signoff-conditions");
    conditions.setPromptText("Conditions (required for an approval with conditions)");
    conditions.setPrefRowCount(2);
    conditions.setWrapText(true);
    conditions.textProperty().bindBidirectional(viewModel.conditionsProperty());
    Button sign = new Button("Sign off");
    sign.setId("signoff-submit");
    sign.disableProperty().bind(viewModel.runProperty().isNull());
    sign.setOnAction(e -> viewModel.signOff());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    grid.addRow(0, new Label("Decision"), decision);
    grid.addRow(1, new Label("Role"), title);
    grid.addRow(2, new Label("Conditions"), conditions);
    GridPane.setHgrow(conditions, Priority.ALWAYS);
    VBox form = new VBox(6, grid, sign);
    form.setId("signoff-form");
    form.visibleProperty().bind(viewModel.reviewerProperty());
    form.managedProperty().bind(viewModel.reviewerProperty());

    Label analyst =
        hint(
            "Only reviewers sign off. A reviewer grants the role with"
                + " `assay roles grant USER --role reviewer`.");
    analyst.setId("signoff-analyst-hint");
    analyst.visibleProperty().bind(viewModel.reviewerProperty().not());
    analyst.managedProperty().bind(viewModel.reviewerProperty().not());
    return new VBox(6, form, analyst);
  }

  /** Asks where to save and exports the selected run's workbook there. */
  public void chooseAndExport() {
    Path file =
        picker.pick(window(), viewModel.suggestedFileName(), settings.getFolder(LAST_FOLDER));
    if (file == null) {
      return;
    }
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
      file = file.resolveSibling(file.getFileName() + ".xlsx");
    }
    settings.putFolder(LAST_FOLDER, file.toAbsolutePath().getParent());
    settings.save();
    viewModel.export(file);
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("field-label");
    return label;
  }

  private static Label hint(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("hint");
    label.setWrapText(true);
    // all its lines, always: in a short window the tables give up height, not the text
    label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    return label;
  }

  private static TableColumn<RunSummary, String> column(
      String title, Function<RunSummary, String> value, double width) {
    TableColumn<RunSummary, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  private static TableColumn<SignOff, String> signOffColumn(
      String title, Function<SignOff, String> value, double width) {
    TableColumn<SignOff, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }
}
