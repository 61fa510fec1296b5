package dev.assay.ui.security;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.security.Finding;
import dev.assay.core.security.ScanOptions;
import dev.assay.core.security.ScanReport;
import dev.assay.core.security.SecurityServices;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * State and actions of the Security screen: choose a model version or a file, scan it off the FX
 * thread with progress and cancel, show the findings; every scan is stored in the workbench.
 */
public final class SecurityViewModel implements Activatable {
  private final ModelRegistry modelRegistry;
  private final SecurityServices security;
  private final BackgroundTasks tasks;
  private final ObservableList<ModelVersion> models = FXCollections.observableArrayList();
  private final ObjectProperty<ModelVersion> model = new SimpleObjectProperty<>();
  private final BooleanProperty isolate = new SimpleBooleanProperty(true);
  private final ObjectProperty<ScanReport> report = new SimpleObjectProperty<>();
  private final ObservableList<Finding> findings = FXCollections.observableArrayList();
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final ErrorSink errors = new ErrorSink();
  private final RobustnessViewModel robustness;
  private Task<ScanReport> current;

  public SecurityViewModel(
      ModelRegistry modelRegistry,
      DatasetRegistry datasetRegistry,
      SecurityServices security,
      BackgroundTasks tasks) {
    this.modelRegistry = modelRegistry;
    this.security = security;
    this.tasks = tasks;
    this.robustness = new RobustnessViewModel(datasetRegistry, security, tasks, model);
    report.addListener(
        (obs, old, now) -> findings.setAll(now == null ? java.util.List.of() : now.findings()));
  }

  public void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
    robustness.setErrorSink(sink);
  }

  /** The robustness tests of the chosen model version. */
  public RobustnessViewModel robustness() {
    return robustness;
  }

  /** Reloads the lists each time the screen is shown. */
  @Override
  public void onActivate() {
    refresh();
  }

  /** Reloads the model versions and datasets. */
  public void refresh() {
    robustness.refresh();
    tasks.run(
        "Loading models",
        () -> modelRegistry.list(),
        list -> {
          ModelVersion keep = model.get();
          models.setAll(list);
          model.set(
              keep == null
                  ? null
                  : list.stream().filter(m -> m.id() == keep.id()).findFirst().orElse(null));
        },
        errors::fail);
  }

  /** Scans the chosen model version. */
  public Task<ScanReport> scanModel() {
    ModelVersion version = model.get();
    if (version == null) {
      errors.say("Choose a model version to scan, or scan a file.");
      return null;
    }
    return start(
        "Scanning " + version.ref(),
        (options, progress, cancel) -> {
          ScanReport r = security.scanner().scan(version, options, progress, cancel);
          security.reports().store(r, version.id());
          return r;
        });
  }

  /** Scans a file that need not be registered (a model the registry would refuse, say). */
  public Task<ScanReport> scanFile(Path file) {
    return start(
        "Scanning " + file.getFileName(),
        (options, progress, cancel) -> {
          ScanReport r = security.scanner().scan(file, options, progress, cancel);
          // a file whose bytes are a registered version is that version's scan
          Long same =
              r.sha256() == null
                  ? null
                  : modelRegistry.findBySha(r.sha256()).map(ModelVersion::id).orElse(null);
          security.reports().store(r, same);
          return r;
        });
  }

  @FunctionalInterface
  private interface Scan {
    ScanReport run(ScanOptions options, Progress progress, Cancellation cancel);
  }

  private Task<ScanReport> start(String title, Scan scan) {
    ScanOptions options = isolate.get() ? ScanOptions.DEFAULT : ScanOptions.FILE_ONLY;
    running.set(true);
    current =
        tasks
            .job(title, (progress, cancellation) -> scan.run(options, progress, cancellation))
            .whenDone(() -> running.set(false))
            .onSuccess(report::set)
            .onFailure(errors::fail)
            .task();
    // current before the work starts: a listener on the current task may cancel it
    tasks.submit(current);
    return current;
  }

  /** Cancels the running scan (the isolated process is killed). */
  public void cancel() {
    if (current != null) {
      current.cancel();
    }
  }

  public ObservableList<ModelVersion> models() {
    return models;
  }

  public ObjectProperty<ModelVersion> modelProperty() {
    return model;
  }

  public BooleanProperty isolateProperty() {
    return isolate;
  }

  public ObjectProperty<ScanReport> reportProperty() {
    return report;
  }

  public ObservableList<Finding> findings() {
    return findings;
  }

  public BooleanProperty runningProperty() {
    return running;
  }
}
