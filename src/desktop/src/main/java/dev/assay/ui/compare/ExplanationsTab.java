package dev.assay.ui.compare;

import dev.assay.core.explain.VersionExplanations;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Compare screen's Explanations tab: how the baseline's and the second model's explanations of
 * the same rows differ (rank correlation of mean |φ|, the rows whose top reason changes with its
 * 95% interval, top-4 agreement) and each feature's importance and rank in both. Filled once per
 * shown comparison, never per frame.
 */
final class ExplanationsTab {
  static final String EMPTY =
      "No stored explanations of the first two versions on this dataset over the same rows and"
          + " background. Run assay compare --explain (or assay explain on both versions with the"
          + " same rows, background and seed), then reopen the comparison.";

  final Label heading = new Label(EMPTY);
  final Label figures = new Label();
  final TableView<VersionExplanations.FeatureRank> table = new TableView<>();
  private final VBox node;

  ExplanationsTab() {
    heading.setId("compare-explanations-heading");
    heading.setWrapText(true);
    figures.setId("compare-explanations-figures");
    figures.setWrapText(true);
    table.setId("compare-explanations-features");
    table.setPlaceholder(new Label("No explanations to compare."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table
        .getColumns()
        .setAll(
            List.of(
                column("Feature", f -> f.feature()),
                column("Mean |φ| A", f -> number(f.importanceA())),
                column("Mean |φ| B", f -> number(f.importanceB())),
                column("Rank A", f -> Integer.toString(f.rankA())),
                column("Rank B", f -> Integer.toString(f.rankB())),
                column("Rank change", f -> change(f.rankA() - f.rankB()))));
    node = new VBox(8, heading, figures, table);
    VBox.setVgrow(table, Priority.ALWAYS);
    node.setPadding(new Insets(8));
  }

  VBox node() {
    return node;
  }

  /** Shows {@code shown}, or the empty state when null. */
  void show(ComparedExplanations.Shown shown) {
    if (shown == null) {
      heading.setText(EMPTY);
      figures.setText("");
      table.getItems().clear();
      return;
    }
    VersionExplanations.Result r = shown.result();
    heading.setText(
        String.format(
            Locale.ROOT,
            "A: %s (explanation %d), B: %s (explanation %d); %,d rows explained by both",
            shown.modelA(),
            shown.idA(),
            shown.modelB(),
            shown.idB(),
            r.rows()));
    figures.setText(
        String.format(
            Locale.ROOT,
            "Importance rank correlation: Spearman ρ %.3f, Kendall τ-b %.3f%n"
                + "Top reason changed on %,d of %,d rows: %.1f %% (95 %% CI %.1f–%.1f %%)%n"
                + "Top-4 features by |φ|, mean Jaccard agreement: %.3f",
            r.spearman(),
            r.kendallTau(),
            r.topReasonChanged(),
            r.rows(),
            100 * r.share(),
            100 * r.ciLow(),
            100 * r.ciHigh(),
            r.top4JaccardMean()));
    table
        .getItems()
        .setAll(
            r.features().stream().sorted((x, y) -> Integer.compare(x.rankA(), y.rankA())).toList());
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String change(int up) {
    return up == 0 ? "=" : up > 0 ? "up " + up : "down " + (-up);
  }

  private static TableColumn<VersionExplanations.FeatureRank, String> column(
      String title, Function<VersionExplanations.FeatureRank, String> value) {
    TableColumn<VersionExplanations.FeatureRank, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    c.setMinWidth(90);
    return c;
  }
}
