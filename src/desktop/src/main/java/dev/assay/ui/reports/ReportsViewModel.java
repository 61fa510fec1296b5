package dev.assay.ui.reports;

import dev.assay.core.data.ColumnProfile;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.report.ComplianceWorkbook;
import dev.assay.core.report.WorkbookExport;
import dev.assay.core.report.WorkbookOptions;
import dev.assay.core.review.Decision;
import dev.assay.core.review.ReviewService;
import dev.assay.core.review.Role;
import dev.assay.core.review.SignOff;
import dev.assay.core.store.AuditLog;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * State and actions of the Reports screen: pick a completed run, choose options, export the
 * workbook in the background; the audit trail's state; sign-offs and the reviewer's form.
 */
public final class ReportsViewModel implements Activatable {
  private final ModelRegistry modelRegistry;
  private final DatasetRegistry datasetRegistry;
  private final RunStore runStore;
  private final ReviewService reviews;
  private final ComplianceWorkbook workbook;
  private final Supplier<AuditLog.Verification> auditCheck;
  private final BackgroundTasks tasks;
  private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
  private final ObjectProperty<RunSummary> run = new SimpleObjectProperty<>();
  private final BooleanProperty predictions = new SimpleBooleanProperty();
  private final ObservableList<MaskOption> maskOptions = FXCollections.observableArrayList();
  private final StringProperty auditStatus = new SimpleStringProperty("Audit trail: not checked");
  private final BooleanProperty auditIntact = new SimpleBooleanProperty(true);
  private final ObservableList<SignOff> signOffs = FXCollections.observableArrayList();
  private final StringProperty signOffStatus = new SimpleStringProperty("");
  private final BooleanProperty reviewer = new SimpleBooleanProperty();
  private final ObjectProperty<Decision> decision = new SimpleObjectProperty<>(Decision.APPROVED);
  private final StringProperty conditions = new SimpleStringProperty("");
  private final StringProperty title = new SimpleStringProperty("");
  private final StringProperty outcome = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final ErrorSink errors = new ErrorSink();

  /** A dataset column that can be masked on export. */
  public record MaskOption(String column, boolean sensitive, BooleanProperty masked) {
    @Override
    public String toString() {
      return sensitive ? column + " (sensitive)" : column;
    }
  }

  /** {@code auditCheck} checks the audit trail and sums it up ({@code Workbench::verifyAudit}). */
  public ReportsViewModel(
      ModelRegistry modelRegistry,
      DatasetRegistry datasetRegistry,
      RunStore runStore,
      ReviewService reviews,
      ComplianceWorkbook workbook,
      Supplier<AuditLog.Verification> auditCheck,
      BackgroundTasks tasks) {
    this.modelRegistry = modelRegistry;
    this.datasetRegistry = datasetRegistry;
    this.runStore = runStore;
    this.reviews = reviews;
    this.workbook = workbook;
    this.auditCheck = auditCheck;
    this.tasks = tasks;
    run.addListener((obs, old, now) -> select(now));
  }

  public void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
  }

  private record Loaded(List<RunSummary> runs, AuditLog.Verification audit, Role role) {}

  /** Reloads the lists each time the screen is shown. */
  @Override
  public void onActivate() {
    refresh();
  }

  /** Reloads the completed runs, checks the audit trail and the current user's role. */
  public void refresh() {
    tasks.run(
        "Loading runs and checking the audit trail",
        () ->
            new Loaded(
                runStore.list(null).stream()
                    .filter(r -> r.status() == RunStatus.COMPLETED)
                    .toList(),
                auditCheck.get(),
                reviews.role(reviews.currentUser())),
        loaded -> {
          RunSummary keep = run.get();
          runs.setAll(loaded.runs());
          showAudit(loaded.audit());
          reviewer.set(loaded.role() == Role.REVIEWER);
          RunSummary again =
              keep == null
                  ? (runs.isEmpty() ? null : runs.getFirst())
                  : runs.stream().filter(r -> r.id() == keep.id()).findFirst().orElse(null);
          run.set(again);
          if (again != null && again.equals(keep)) {
            select(again); // same run: its sign-offs may have changed
          }
        },
        errors::fail);
  }

  private void showAudit(AuditLog.Verification v) {
    auditIntact.set(v.intact());
    auditStatus.set(
        v.intact()
            ? "Audit trail intact: " + v.entries() + " entries verified."
            : "Audit trail BROKEN at entry " + v.firstBroken() + ": " + v.problem());
  }

  private record Selected(
      ModelVersion model, List<ColumnProfile> columns, List<String> sensitive, List<SignOff> s) {}

  private void select(RunSummary summary) {
    if (summary == null) {
      maskOptions.clear();
      signOffs.clear();
      signOffStatus.set("");
      return;
    }
    tasks.run(
        "Loading run " + summary.id(),
        () -> {
          ModelVersion model = modelRegistry.get(ModelRef.parse(summary.model()));
          String declared =
              java.util.Objects.requireNonNullElse(
                  ModelMetadata.sensitiveJson(model.inspection()), "");
          List<ColumnProfile> columns =
              datasetRegistry.get(summary.datasetId()).profile().columns();
          List<String> sensitive =
              columns.stream()
                  .map(ColumnProfile::name)
                  .filter(c -> declared.contains("\"" + c + "\""))
                  .toList();
          return new Selected(model, columns, sensitive, reviews.signOffs(model));
        },
        selected -> {
          maskOptions.setAll(
              selected.columns().stream()
                  .map(
                      c ->
                          new MaskOption(
                              c.name(),
                              selected.sensitive().contains(c.name()),
                              new SimpleBooleanProperty(selected.sensitive().contains(c.name()))))
                  .toList());
          showSignOffs(selected.model(), selected.s());
        },
        errors::fail);
  }

  private void showSignOffs(ModelVersion model, List<SignOff> list) {
    signOffs.setAll(list);
    if (list.isEmpty()) {
      signOffStatus.set(model.ref() + " is not signed off.");
      return;
    }
    SignOff s = list.getFirst();
    String text =
        model.ref()
            + ": "
            + s.decision().id().replace('_', ' ')
            + " by "
            + s.reviewer()
            + " ("
            + s.role()
            + ")";
    signOffStatus.set(
        s.stale() ? "STALE - " + text + ": " + String.join("; ", s.staleReasons()) : text + ".");
  }

  /** The file name offered for the selected run's workbook. */
  public String suggestedFileName() {
    return run.get() == null ? "workbook.xlsx" : ComplianceWorkbook.suggestedFileName(run.get());
  }

  /** Exports the selected run's workbook to {@code file} in the background. */
  public Task<WorkbookExport> export(Path file) {
    RunSummary selected = run.get();
    if (selected == null || file == null) {
      return null;
    }
    WorkbookOptions options =
        WorkbookOptions.of(selected.id())
            .withPredictions(predictions.get())
            .withMasked(
                maskOptions.stream()
                    .filter(m -> m.masked().get())
                    .map(MaskOption::column)
                    .toList());
    busy.set(true);
    outcome.set("");
    return tasks
        .job(
            "Exporting the workbook of run " + selected.id(),
            (progress, cancellation) -> workbook.export(options, file, progress, cancellation))
        .whenDone(() -> busy.set(false))
        .onSuccess(
            export -> {
              outcome.set(
                  String.format(
                      Locale.ROOT,
                      "Wrote %s (%d sheets, SHA-256 %s…, recorded in the audit trail).",
                      export.file().getFileName(),
                      export.sheets().size(),
                      export.sha256().substring(0, 12)));
              refresh();
            })
        .onFailure(errors::fail)
        .submit();
  }

  /** Records the current user's sign-off of the selected run's model version. */
  public Task<SignOff> signOff() {
    RunSummary selected = run.get();
    if (selected == null) {
      return null;
    }
    Decision chosen = decision.get();
    String conditionText = conditions.get();
    String roleTitle = title.get();
    return tasks.run(
        "Signing off " + selected.model(),
        () -> {
          ModelVersion model = modelRegistry.get(ModelRef.parse(selected.model()));
          return reviews.signOff(model, chosen, conditionText, selected.id(), roleTitle);
        },
        signed -> {
          outcome.set("Signed off " + signed.model() + ": " + signed.decision().id() + ".");
          conditions.set("");
          refresh();
        },
        errors::fail);
  }

  public ObservableList<RunSummary> runs() {
    return runs;
  }

  public ObjectProperty<RunSummary> runProperty() {
    return run;
  }

  public BooleanProperty predictionsProperty() {
    return predictions;
  }

  public ObservableList<MaskOption> maskOptions() {
    return maskOptions;
  }

  public StringProperty auditStatusProperty() {
    return auditStatus;
  }

  public BooleanProperty auditIntactProperty() {
    return auditIntact;
  }

  public ObservableList<SignOff> signOffs() {
    return signOffs;
  }

  public StringProperty signOffStatusProperty() {
    return signOffStatus;
  }

  /** Whether the current user may sign off. */
  public BooleanProperty reviewerProperty() {
    return reviewer;
  }

  public ObjectProperty<Decision> decisionProperty() {
    return decision;
  }

  public StringProperty conditionsProperty() {
    return conditions;
  }

  public StringProperty titleProperty() {
    return title;
  }

  /** One line on the last export or sign-off. */
  public StringProperty outcomeProperty() {
    return outcome;
  }

  /** Whether an export is running. */
  public BooleanProperty busyProperty() {
    return busy;
  }
}
