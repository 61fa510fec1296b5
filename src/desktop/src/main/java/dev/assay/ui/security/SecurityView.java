package dev.assay.ui.security;

import dev.assay.core.model.ModelVersion;
import dev.assay.core.security.Finding;
import dev.assay.core.security.ScanReport;
import dev.assay.ui.common.Dialogs;
import dev.assay.ui.common.FilePicker;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Security screen: scan a model version or a file, see the findings with severity, MITRE ATLAS
 * technique and a plain explanation, the signature and what happened in the isolated load.
 */
public final class SecurityView extends BorderPane {
  private final SecurityViewModel viewModel;
  private final FilePicker picker;
  private final TableView<Finding> table = new TableView<>();
  private final TextArea explanation = new TextArea();
  private final Label verdict = new Label("Scan a model version or a file.");
  private final Label file = new Label();
  private final Label sha256 = new Label();
  private final Label signature = new Label();
  private final Label isolation = new Label();

  public SecurityView(SecurityViewModel viewModel, FilePicker picker) {
    this.viewModel = viewModel;
    this.picker = picker;
    setId("security-view");
    viewModel.setErrorSink(message -> Dialogs.showError(window(), "Scan problem", message));

    ComboBox<ModelVersion> model = new ComboBox<>(viewModel.models());
    model.setId("security-model");
    model.setPromptText("model version");
    model.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ModelVersion m) {
            return m == null ? "" : m.ref();
          }

          @Override
          public ModelVersion fromString(String s) {
            return null;
          }
        });
    model.valueProperty().bindBidirectional(viewModel.modelProperty());
    Button scan = new Button("Scan");
    scan.setId("security-scan");
    scan.setOnAction(e -> viewModel.scanModel());
    Button scanFile = new Button("Scan a file…");
    scanFile.setId("security-scan-file");
    scanFile.setOnAction(e -> chooseAndScan());
    CheckBox isolate = new CheckBox("Load in a separate process");
    isolate.setId("security-isolate");
    isolate.selectedProperty().bindBidirectional(viewModel.isolateProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("security-cancel");
    cancel.setOnAction(e -> viewModel.cancel());
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(18, 18);
    busy.visibleProperty().bind(viewModel.runningProperty());
    cancel.visibleProperty().bind(viewModel.runningProperty());
    scan.disableProperty().bind(viewModel.runningProperty());
    scanFile.disableProperty().bind(viewModel.runningProperty());
    setTop(new ToolBar(model, scan, scanFile, isolate, busy, cancel));

    table.setId("security-findings");
    table.setItems(viewModel.findings());
    Label empty =
        new Label(
            "Not scanned yet: choose a model version and press Scan, or scan a file. A scan"
                + " checks the file before ONNX Runtime opens it, then loads it in a separate"
                + " process.");
    empty.setWrapText(true);
    empty.setId("security-empty");
    // after a scan with nothing found, say so instead
    viewModel
        .reportProperty()
        .addListener(
            (obs, old, now) ->
                empty.setText(
                    now == null
                        ? "Not scanned yet: choose a model version and press Scan."
                        : "No findings: the scan of "
                            + (now.model() != null ? now.model() : now.file())
                            + " found nothing."));
    table.setPlaceholder(empty);
    table.getColumns().add(severityColumn());
    table
        .getColumns()
        .addAll(
            List.of(
                column("ATLAS", f -> f.atlas() == null ? "" : f.atlas(), 110),
                column("Finding", Finding::title, 260),
                column("Evidence", Finding::evidence, 520)));
    explanation.setId("security-explanation");
    explanation.setEditable(false);
    explanation.setWrapText(true);
    table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> explain(now));
    verdict.setId("security-verdict");
    verdict.getStyleClass().add("field-label");
    signature.setId("security-signature");
    isolation.setId("security-isolation");
    GridPane summary = new GridPane();
    summary.setHgap(8);
    summary.setVgap(4);
    int row = 0;
    summary.addRow(row++, fieldLabel("File"), file);
    summary.addRow(row++, fieldLabel("SHA-256"), sha256);
    summary.addRow(row++, fieldLabel("Signature"), signature);
    summary.addRow(row, fieldLabel("Isolated load"), isolation);
    VBox top = new VBox(8, verdict, summary, table);
    VBox.setVgrow(table, Priority.ALWAYS);
    top.setPadding(new Insets(10));
    SplitPane split = new SplitPane(top, explanation);
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    split.setDividerPositions(0.75);
    Tab scanTab = new Tab("File scan", split);
    Tab robustnessTab = new Tab("Robustness", new RobustnessPane(viewModel.robustness()));
    robustnessTab.setId("robustness-tab");
    TabPane tabs = new TabPane(scanTab, robustnessTab);
    tabs.setId("security-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    setCenter(tabs);
    viewModel.reportProperty().addListener((obs, old, now) -> show(now));
  }

  /** Asks for a file and scans it. */
  public void chooseAndScan() {
    List<Path> files = picker.pick(window(), null);
    if (!files.isEmpty()) {
      viewModel.scanFile(files.getFirst());
    }
  }

  private void show(ScanReport report) {
    if (report == null) {
      return;
    }
    long critical = report.count(dev.assay.core.security.Severity.CRITICAL);
    long high = report.count(dev.assay.core.security.Severity.HIGH);
    verdict.setText(
        report.blocking()
            ? "Do not use: " + critical + " critical and " + high + " high findings"
            : "No critical or high findings (" + report.findings().size() + " in all)");
    file.setText(report.model() == null ? report.file() : report.model() + " — " + report.file());
    sha256.setText(report.sha256());
    signature.setText(report.signature().describe());
    isolation.setText(report.isolation().describe());
    if (!table.getItems().isEmpty()) {
      table.getSelectionModel().selectFirst();
    }
  }

  private void explain(Finding finding) {
    if (finding == null) {
      explanation.clear();
      return;
    }
    explanation.setText(
        finding.title()
            + " ("
            + finding.severity().label()
            + ")\n\n"
            + finding.explanation()
            + "\n\nEvidence: "
            + finding.evidence()
            + (finding.atlas() == null
                ? ""
                : "\n\nMITRE ATLAS: "
                    + finding.atlas()
                    + " "
                    + finding.atlasName()
                    + " (https://atlas.mitre.org/techniques/"
                    + finding.atlas()
                    + ")"));
  }

  private static Label fieldLabel(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("field-label");
    return label;
  }

  private static TableColumn<Finding, String> severityColumn() {
    TableColumn<Finding, String> column =
        column("Severity", f -> f.severity().label().toUpperCase(Locale.ROOT), 90);
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("severity-"));
                setText(empty ? null : item);
                if (!empty && item != null) {
                  getStyleClass().add("severity-" + item.toLowerCase(Locale.ROOT));
                }
              }
            });
    return column;
  }

  private static TableColumn<Finding, String> column(
      String title, Function<Finding, String> value, double width) {
    TableColumn<Finding, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }
}
