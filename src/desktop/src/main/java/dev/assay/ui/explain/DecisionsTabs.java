package dev.assay.ui.explain;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Explanations screen's "Adverse action" tab (each denied row's reasons as statements with
 * their sensitive-attribute and proxy flags, and the proxy check: every feature against every
 * sensitive attribute, flagged pairs marked) and its "Stability" tab (how often the top reasons
 * agree across seed reruns and against a second background).
 */
final class DecisionsTabs {
  private final Tab adverse;
  private final Tab stability;

  DecisionsTabs(ExplanationsViewModel viewModel) {
    TableView<ExplanationDecisions.Statement> statements = new TableView<>(viewModel.statements());
    statements.setId("explanation-statements");
    statements.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    statements.getColumns().add(column("Row", 45, s -> Long.toString(s.row())));
    statements.getColumns().add(column("Output", 65, s -> decimal(s.prediction())));
    statements.getColumns().add(column("#", 30, s -> Integer.toString(s.rank())));
    statements.getColumns().add(column("Feature", 85, ExplanationDecisions.Statement::feature));
    statements
        .getColumns()
        .add(
            column(
                "Value (mean)",
                120,
                s ->
                    ExplanationsViewModel.value(s.value())
                        + " ("
                        + String.format(Locale.ROOT, "%.4g", s.backgroundMean())
                        + ")"));
    statements
        .getColumns()
        .add(column("φ", 70, s -> String.format(Locale.ROOT, "%+.4f", s.contribution())));
    statements.getColumns().add(column("Flag", 160, ExplanationDecisions.Statement::flag));
    statements.getColumns().add(column("Statement", 200, ExplanationDecisions.Statement::text));
    statements.setRowFactory(t -> flagged(s -> !s.flag().isEmpty()));
    statements.setPlaceholder(
        wrapped(
            "No adverse-action statements stored: run `assay explain … --reasons` (with"
                + " --sensitive COL[,COL] for the proxy check) to get them for the denied rows."));
    Label statementsSettings = wrapped("");
    statementsSettings.setId("explanation-statements-settings");

    TableView<ExplanationDecisions.Proxy> proxies = new TableView<>(viewModel.proxies());
    proxies.setId("explanation-proxies");
    proxies.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    proxies.getColumns().add(proxyColumn("Feature", 120, ExplanationDecisions.Proxy::feature));
    proxies
        .getColumns()
        .add(proxyColumn("Sensitive attribute", 130, ExplanationDecisions.Proxy::attribute));
    proxies
        .getColumns()
        .add(proxyColumn("Measure", 100, p -> ExplanationDecisions.measure(p.measure())));
    proxies.getColumns().add(proxyColumn("Value", 80, p -> decimal(p.value())));
    proxies.getColumns().add(proxyColumn("Flagged", 70, p -> p.flagged() ? "yes" : "no"));
    proxies.setRowFactory(t -> flagged(ExplanationDecisions.Proxy::flagged));
    proxies.setPlaceholder(wrapped("No proxy check stored."));
    proxies.setPrefHeight(160);
    // four rows whatever the statements above ask for
    proxies.setMinHeight(150);
    Label proxySettings = wrapped("");
    proxySettings.setId("explanation-proxies-settings");

    TableView<ExplanationDecisions.Agreement> agreement = new TableView<>(viewModel.agreement());
    agreement.setId("explanation-stability");
    agreement.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    agreement
        .getColumns()
        .add(agreementColumn("Against", 130, ExplanationDecisions.Agreement::against));
    agreement.getColumns().add(agreementColumn("Same top-4 set", 100, a -> percent(a.sameSet())));
    agreement.getColumns().add(agreementColumn("Same first", 80, a -> percent(a.sameFirst())));
    agreement.getColumns().add(agreementColumn("Mean Jaccard", 90, a -> optional(a.meanJaccard())));
    agreement.getColumns().add(agreementColumn("Min Jaccard", 90, a -> optional(a.minJaccard())));
    agreement.getColumns().add(agreementColumn("Spearman", 80, a -> optional(a.spearman())));
    agreement.setPlaceholder(
        wrapped(
            "No stability check stored: run `assay explain … --stability N` (seed reruns) or"
                + " `--background-stability` (a second background of the same size and rule)."));
    Label stabilitySettings = wrapped("");
    stabilitySettings.setId("explanation-stability-settings");

    viewModel
        .detailProperty()
        .addListener(
            (obs, old, d) -> {
              statementsSettings.setText(d == null ? "" : d.decisions().statementsSettings());
              proxySettings.setText(d == null ? "" : d.decisions().proxySettings());
              stabilitySettings.setText(d == null ? "" : d.decisions().stabilitySettings());
            });
    VBox adversePane = new VBox(6, statementsSettings, statements, proxySettings, proxies);
    VBox.setVgrow(statements, Priority.ALWAYS);
    adverse = new Tab("Adverse action", adversePane);
    adverse.setId("explanation-adverse-tab");
    VBox stabilityPane = new VBox(6, stabilitySettings, agreement);
    VBox.setVgrow(agreement, Priority.ALWAYS);
    stability = new Tab("Stability", stabilityPane);
    stability.setId("explanation-stability-tab");
  }

  Tab adverse() {
    return adverse;
  }

  Tab stability() {
    return stability;
  }

  /** A row marked with the style class {@code flagged} when {@code test} holds. */
  private static <T> TableRow<T> flagged(java.util.function.Predicate<T> test) {
    return new TableRow<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        boolean on = !empty && item != null && test.test(item);
        getStyleClass().remove("flagged");
        setStyle(on ? "-fx-font-weight: bold;" : "");
        if (on) {
          getStyleClass().add("flagged");
        }
      }
    };
  }

  private static Label wrapped(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.setMinHeight(Region.USE_PREF_SIZE);
    return label;
  }

  private static String decimal(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }

  private static String optional(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static <T> TableColumn<T, String> generic(
      String name, double width, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    column.setPrefWidth(width);
    // the table scrolls sideways rather than cut a cell short
    column.setMinWidth(width);
    return column;
  }

  private static TableColumn<ExplanationDecisions.Statement, String> column(
      String name, double width, Function<ExplanationDecisions.Statement, String> value) {
    return generic(name, width, value);
  }

  private static TableColumn<ExplanationDecisions.Proxy, String> proxyColumn(
      String name, double width, Function<ExplanationDecisions.Proxy, String> value) {
    return generic(name, width, value);
  }

  private static TableColumn<ExplanationDecisions.Agreement, String> agreementColumn(
      String name, double width, Function<ExplanationDecisions.Agreement, String> value) {
    return generic(name, width, value);
  }
}
