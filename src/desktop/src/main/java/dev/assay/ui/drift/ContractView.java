package dev.assay.ui.drift;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.ContractEdit;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.ListDetailPane;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Contracts tab of the Drift screen: model version and reference, Infer and Save; the rules
 * table (select a row, pick a rule, type a value, Apply); a dataset checked against the contract
 * with its violations (column, rule, count, example rows).
 */
final class ContractView extends VBox {
  ContractView(ContractViewModel viewModel) {
    super(8);
    setId("contract");
    setPadding(new javafx.geometry.Insets(10));
    ComboBox<ModelVersion> model = new ComboBox<>(viewModel.models());
    model.setId("contract-model");
    model.setConverter(converter(m -> m.ref()));
    model.valueProperty().bindBidirectional(viewModel.modelProperty());
    ComboBox<DatasetVersion> reference = datasetBox("contract-reference", viewModel);
    reference.valueProperty().bindBidirectional(viewModel.referenceProperty());
    Button infer = button("contract-infer", "Infer from reference");
    infer.setOnAction(e -> viewModel.infer());
    Button save = button("contract-save", "Save revision");
    save.setOnAction(e -> viewModel.save());
    save.disableProperty().bind(viewModel.dirtyProperty().not());
    HBox top =
        new HBox(8, fixed("Model version"), model, fixed("Reference"), reference, infer, save);
    top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

    Label status = ListDetailPane.label("contract-status");
    status.textProperty().bind(viewModel.statusProperty());
    Label error = ListDetailPane.label("contract-error");
    error.getStyleClass().add("verdict-unfair");
    error.textProperty().bind(viewModel.errorProperty());

    TableView<ContractViewModel.RuleRow> rules = new TableView<>(viewModel.rules());
    rules.setId("contract-rules");
    rules.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    rules.getColumns().add(column("Column", ContractViewModel.RuleRow::column));
    rules.getColumns().add(column("Kind", ContractViewModel.RuleRow::kind));
    rules.getColumns().add(column("Required", ContractViewModel.RuleRow::required));
    rules.getColumns().add(column("Min", ContractViewModel.RuleRow::min));
    rules.getColumns().add(column("Max", ContractViewModel.RuleRow::max));
    rules.getColumns().add(column("Infinities", ContractViewModel.RuleRow::infinities));
    rules.getColumns().add(column("Max missing rate", ContractViewModel.RuleRow::maxMissingRate));
    rules.getColumns().add(column("Allowed categories", ContractViewModel.RuleRow::categories));
    Label none = new Label("No contract: choose a reference dataset and infer one.");
    none.setWrapText(true);
    rules.setPlaceholder(none);

    ComboBox<ContractEdit.Rule> rule = new ComboBox<>();
    rule.getItems().setAll(ContractEdit.Rule.values());
    rule.setId("contract-edit-rule");
    rule.setConverter(converter(ContractEdit.Rule::label));
    rule.setValue(ContractEdit.Rule.MAX);
    TextField value = new TextField();
    value.setId("contract-edit-value");
    value.setPromptText("value (blank: not checked)");
    Label editing = ListDetailPane.label("contract-edit-column");
    Runnable fill =
        () -> {
          ContractViewModel.RuleRow row = rules.getSelectionModel().getSelectedItem();
          editing.setText(row == null ? "Select a column above." : row.column());
          if (row != null && rule.getValue() != null) {
            value.setText(current(row, rule.getValue()));
          }
        };
    rules.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> fill.run());
    rule.valueProperty().addListener((obs, old, now) -> fill.run());
    fill.run();
    Button apply = button("contract-apply", "Apply");
    Runnable doApply =
        () -> {
          ContractViewModel.RuleRow row = rules.getSelectionModel().getSelectedItem();
          if (row == null) {
            viewModel.errorProperty().set("Select the column to edit in the table.");
            return;
          }
          int index = rules.getSelectionModel().getSelectedIndex();
          if (viewModel.edit(row.column(), rule.getValue(), value.getText())) {
            rules.getSelectionModel().select(index);
          }
        };
    apply.setOnAction(e -> doApply.run());
    value.setOnAction(e -> doApply.run());
    HBox edit = new HBox(8, fixed("Edit"), editing, rule, value, apply);
    edit.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    HBox.setHgrow(value, Priority.ALWAYS);

    ComboBox<DatasetVersion> data = datasetBox("contract-data", viewModel);
    data.valueProperty().bindBidirectional(viewModel.checkedProperty());
    Button check = button("contract-check", "Check dataset");
    check.setOnAction(e -> viewModel.check());
    HBox checkRow = new HBox(8, fixed("Dataset"), data, check);
    checkRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    Label summary = ListDetailPane.label("contract-check-summary");
    summary.textProperty().bind(viewModel.checkSummaryProperty());
    TableView<ContractViewModel.ViolationRow> violations = new TableView<>(viewModel.violations());
    violations.setId("contract-violations");
    violations.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    violations.getColumns().add(column("Column", ContractViewModel.ViolationRow::column));
    violations.getColumns().add(column("Rule", ContractViewModel.ViolationRow::rule));
    violations.getColumns().add(column("Rows", r -> Long.toString(r.count())));
    violations
        .getColumns()
        .add(column("Example rows", ContractViewModel.ViolationRow::exampleRows));
    violations.getColumns().add(column("Detail", ContractViewModel.ViolationRow::detail));
    violations.setPlaceholder(new Label("Check a dataset to see its violations."));
    violations.setPrefHeight(180);

    getChildren()
        .addAll(
            top,
            status,
            error,
            rules,
            edit,
            new javafx.scene.control.Separator(),
            checkRow,
            summary,
            violations);
    VBox.setVgrow(rules, Priority.ALWAYS);
  }

  /** The rule's current value in the row, as the editor takes it back. */
  static String current(ContractViewModel.RuleRow row, ContractEdit.Rule rule) {
    return switch (rule) {
      case MIN -> row.min();
      case MAX -> row.max();
      case MAX_MISSING_RATE -> row.maxMissingRate();
      case CATEGORIES -> row.categories();
      case REQUIRED -> row.required();
      case ALLOW_NON_FINITE -> row.infinities();
    };
  }

  /** A label that never shrinks to "..." in a narrow window. */
  private static Label fixed(String text) {
    Label label = new Label(text);
    label.setMinWidth(Region.USE_PREF_SIZE);
    return label;
  }

  private static ComboBox<DatasetVersion> datasetBox(String id, ContractViewModel viewModel) {
    ComboBox<DatasetVersion> box = new ComboBox<>(viewModel.datasets());
    box.setId(id);
    box.setConverter(converter(DatasetVersion::ref));
    return box;
  }

  private static Button button(String id, String text) {
    Button b = new Button(text);
    b.setId(id);
    b.setMinWidth(Region.USE_PREF_SIZE);
    return b;
  }

  private static <T> TableColumn<T, String> column(String name, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    return column;
  }

  private static <T> StringConverter<T> converter(Function<T, String> text) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : text.apply(value);
      }

      @Override
      public T fromString(String string) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
