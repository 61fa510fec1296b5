package dev.assay.ui.drift;

import dev.assay.ui.common.ListDetailPane;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Drift screen: stored reports on the left; the selected report's overall verdict, datasets and
 * per-feature table on the right, with the sketch note, the model's estimated performance per chunk
 * ({@link EstimatedPerformanceView}) and the domain classifier (verdict and ranked columns) when
 * the report has them. Verdicts are coloured and carry a mark (✓ ✗) that reads without colour.
 */
public final class DriftView extends BorderPane {
  public DriftView(DriftViewModel viewModel) {
    this(viewModel, null);
  }

  /** The reports, and a Contracts tab when {@code contracts} is not null. */
  public DriftView(DriftViewModel viewModel, ContractViewModel contracts) {
    setId("drift");
    Label heading = ListDetailPane.label("drift-heading");
    heading.getStyleClass().add("field-value");
    Label verdict = ListDetailPane.label("drift-verdict");
    Label datasets = ListDetailPane.label("drift-datasets");
    Label settings = ListDetailPane.label("drift-settings");
    settings.getStyleClass().add("hint");
    Label sketchNote = ListDetailPane.label("drift-sketch-note");
    sketchNote.getStyleClass().add("hint");
    Label domain = ListDetailPane.label("drift-domain");
    TableView<DriftViewModel.SeparatingRow> separating = separatingTable(viewModel);
    EstimatedPerformanceView estimated = new EstimatedPerformanceView(viewModel);
    Label error = ListDetailPane.label("drift-error");
    error.textProperty().bind(viewModel.errorProperty());
    viewModel
        .detailProperty()
        .addListener(
            (obs, old, d) -> {
              heading.setText(d == null ? "" : d.heading());
              ListDetailPane.verdict(
                  verdict, d == null ? "" : d.verdict(), d == null ? null : !d.drift());
              datasets.setText(d == null ? "" : d.datasets());
              settings.setText(d == null ? "" : d.settings());
              sketchNote.setText(d == null ? "" : d.sketchNote());
              show(sketchNote, d != null && !d.sketchNote().isEmpty());
              ListDetailPane.verdict(
                  domain,
                  d == null ? "" : d.domainClassifier(),
                  d == null || d.domainClassifier().isEmpty()
                      ? null
                      : !d.domainClassifier().startsWith("✗"));
              show(domain, d != null && !d.domainClassifier().isEmpty());
              show(separating, d != null && !d.separating().isEmpty());
              estimated.show(d == null ? null : d.estimated());
            });
    show(sketchNote, false);
    show(domain, false);
    show(separating, false);

    TableView<DriftViewModel.FeatureRow> table = new TableView<>(viewModel.features());
    table.setId("drift-features");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(text("Feature", DriftViewModel.FeatureRow::feature));
    table.getColumns().add(text("Kind", DriftViewModel.FeatureRow::kind));
    table.getColumns().add(text("Test", DriftViewModel.FeatureRow::test));
    table.getColumns().add(text("Statistic", r -> number(r.statistic())));
    table.getColumns().add(text("p (adjusted)", r -> pValue(r.pAdjusted())));
    table
        .getColumns()
        .add(
            text(
                "Effect",
                r ->
                    number(r.effect())
                        + (r.effectMeasure().isEmpty() ? "" : " (" + r.effectMeasure() + ")")));
    table.getColumns().add(text("Threshold", r -> number(r.threshold())));
    table.getColumns().add(verdictColumn());
    Label noFeatures = new Label("Select a report on the left.");
    noFeatures.setWrapText(true);
    table.setPlaceholder(noFeatures);

    VBox right =
        new VBox(
            6,
            heading,
            verdict,
            datasets,
            settings,
            sketchNote,
            error,
            table,
            estimated,
            domain,
            separating);
    VBox.setVgrow(table, Priority.ALWAYS);
    BorderPane reports = contracts == null ? this : new BorderPane();
    ListDetailPane.fill(
        reports,
        "Drift: does today's data still look like the reference data?",
        viewModel.state(),
        new ListDetailPane.Ids("drift-reports", "drift-empty", "drift-refresh"),
        s ->
            "#"
                + s.id()
                + " "
                + ("drift".equals(s.verdict()) ? "✗ drift" : "✓ no drift")
                + "\n"
                + s.reference()
                + " → "
                + s.current(),
        DriftViewModel.EMPTY,
        right);
    if (contracts != null) {
      javafx.scene.control.Tab contractTab =
          new javafx.scene.control.Tab("Contracts", new ContractView(contracts));
      contractTab.setId("drift-contracts-tab");
      javafx.scene.control.TabPane tabs =
          new javafx.scene.control.TabPane(
              new javafx.scene.control.Tab("Reports", reports), contractTab);
      tabs.setId("drift-tabs");
      tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
      setCenter(tabs);
    }
  }

  private static void show(javafx.scene.Node node, boolean visible) {
    node.setVisible(visible);
    node.setManaged(visible);
  }

  /** The domain classifier's columns, most separating first. */
  private static TableView<DriftViewModel.SeparatingRow> separatingTable(DriftViewModel viewModel) {
    TableView<DriftViewModel.SeparatingRow> table = new TableView<>(viewModel.separating());
    table.setId("drift-separating");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPrefHeight(160);
    table.getColumns().add(column("#", r -> Integer.toString(r.rank())));
    table.getColumns().add(column("Separating column", DriftViewModel.SeparatingRow::column));
    table.getColumns().add(column("Kind", DriftViewModel.SeparatingRow::kind));
    table.getColumns().add(column("Weight", r -> number(r.weight())));
    table.getColumns().add(column("Largest change", DriftViewModel.SeparatingRow::shift));
    return table;
  }

  private static <T> TableColumn<T, String> column(String name, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    return column;
  }

  private static TableColumn<DriftViewModel.FeatureRow, String> text(
      String name, Function<DriftViewModel.FeatureRow, String> value) {
    TableColumn<DriftViewModel.FeatureRow, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    // the constrained table never squeezes a column below its header ("p (adjust...")
    dev.assay.ui.common.TableCells.fitHeader(column);
    return column;
  }

  private static TableColumn<DriftViewModel.FeatureRow, String> verdictColumn() {
    TableColumn<DriftViewModel.FeatureRow, String> column =
        dev.assay.ui.common.TableCells.verdictColumn(
            "Verdict", DriftViewModel.FeatureRow::verdict, v -> !v.startsWith("✗"));
    dev.assay.ui.common.TableCells.fitHeader(column);
    column.setPrefWidth(150);
    return column;
  }

  static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
  }

  static String pValue(double p) {
    if (!Double.isFinite(p)) {
      return "–";
    }
    return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
  }
}
