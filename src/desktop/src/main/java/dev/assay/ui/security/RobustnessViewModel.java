package dev.assay.ui.security;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.security.RobustnessReport;
import dev.assay.core.security.RobustnessRequest;
import dev.assay.core.security.SecurityServices;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * State and actions of the robustness part of the Security screen: choose a dataset, its target,
 * the features to keep fixed, the sensitive column and the attacks' size, run the tests off the FX
 * thread with progress and cancel; the report is stored.
 */
public final class RobustnessViewModel {
  private final DatasetRegistry datasetRegistry;
  private final SecurityServices security;
  private final BackgroundTasks tasks;
  private final ObjectProperty<ModelVersion> model;
  private final ObservableList<DatasetVersion> datasets = FXCollections.observableArrayList();
  private final ObservableList<String> columns = FXCollections.observableArrayList();
  private final ObjectProperty<DatasetVersion> dataset = new SimpleObjectProperty<>();
  private final StringProperty target = new SimpleStringProperty();
  private final StringProperty immutable = new SimpleStringProperty("");
  private final StringProperty sensitive = new SimpleStringProperty("");
  private final IntegerProperty attackRows =
      new SimpleIntegerProperty(RobustnessRequest.DEFAULT_ATTACK_ROWS);
  private final IntegerProperty queryBudget =
      new SimpleIntegerProperty(RobustnessRequest.DEFAULT_QUERY_BUDGET);
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final StringProperty message = new SimpleStringProperty("");
  private final ObjectProperty<RobustnessReport> report = new SimpleObjectProperty<>();
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final ErrorSink errors = new ErrorSink();
  private Task<RobustnessReport> current;

  RobustnessViewModel(
      DatasetRegistry datasetRegistry,
      SecurityServices security,
      BackgroundTasks tasks,
      ObjectProperty<ModelVersion> model) {
    this.datasetRegistry = datasetRegistry;
    this.security = security;
    this.tasks = tasks;
    this.model = model;
    dataset.addListener((obs, old, now) -> updateColumns());
    model.addListener((obs, old, now) -> updateColumns());
  }

  private void updateColumns() {
    DatasetVersion d = dataset.get();
    columns.setAll(
        d == null ? List.of() : d.profile().columns().stream().map(c -> c.name()).toList());
    ModelVersion m = model.get();
    String suggested = m == null ? null : ModelMetadata.target(m.inspection());
    if (suggested != null && columns.contains(suggested)) {
      target.set(suggested);
    } else if (target.get() == null || !columns.contains(target.get())) {
      target.set(columns.isEmpty() ? null : columns.getLast());
    }
  }

  void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
  }

  /** Reloads the datasets. */
  public void refresh() {
    tasks.run(
        "Loading datasets",
        () -> datasetRegistry.list(),
        list -> {
          DatasetVersion keep = dataset.get();
          datasets.setAll(list);
          dataset.set(
              keep == null
                  ? null
                  : list.stream().filter(d -> d.id() == keep.id()).findFirst().orElse(null));
        },
        errors::fail);
  }

  /** Runs the robustness tests of the chosen model version on the chosen dataset. */
  public Task<RobustnessReport> run() {
    ModelVersion version = model.get();
    if (version == null || dataset.get() == null || target.get() == null) {
      errors.say("Choose a model version, a dataset and its target column first.");
      return null;
    }
    List<String> fixed =
        Arrays.stream(immutable.get() == null ? new String[0] : immutable.get().split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    String group = sensitive.get() == null ? "" : sensitive.get().strip();
    RobustnessRequest request =
        new RobustnessRequest(
                version,
                dataset.get(),
                target.get(),
                null,
                fixed,
                RobustnessRequest.DEFAULT_ROWS,
                42)
            .withAttacks(
                group.isEmpty() ? null : group,
                Math.max(0, attackRows.get()),
                Math.max(1, queryBudget.get()),
                null);
    running.set(true);
    Task<RobustnessReport> task =
        tasks
            .job(
                "Testing the robustness of " + version.ref(),
                (progress, cancellation) -> {
                  RobustnessReport r = security.robustness().run(request, progress, cancellation);
                  security.reports().store(r, version.id());
                  return r;
                })
            .onSuccess(
                value -> {
                  finished("Done.");
                  report.set(value);
                })
            .onFailure(
                error -> {
                  finished("Failed.");
                  errors.fail(error);
                })
            .onCancel(() -> finished("Cancelled."))
            .task();
    progress.unbind();
    message.unbind();
    progress.bind(task.progressProperty());
    message.bind(task.messageProperty());
    current = task;
    return tasks.submit(task);
  }

  private void finished(String text) {
    progress.unbind();
    message.unbind();
    progress.set(0);
    message.set(text);
    running.set(false);
  }

  public void cancel() {
    if (current != null) {
      current.cancel();
    }
  }

  public ObservableList<DatasetVersion> datasets() {
    return datasets;
  }

  public ObservableList<String> columns() {
    return columns;
  }

  public ObjectProperty<DatasetVersion> datasetProperty() {
    return dataset;
  }

  public StringProperty targetProperty() {
    return target;
  }

  public StringProperty immutableProperty() {
    return immutable;
  }

  /** The column whose groups get their own robust accuracy; blank for the model's declared one. */
  public StringProperty sensitiveProperty() {
    return sensitive;
  }

  /** Rows each evasion attack attacks; 0 for none. */
  public IntegerProperty attackRowsProperty() {
    return attackRows;
  }

  /** Model queries each attack may spend on one row. */
  public IntegerProperty queryBudgetProperty() {
    return queryBudget;
  }

  /** Progress of the running test, 0 to 1 (-1 when unknown). */
  public DoubleProperty progressProperty() {
    return progress;
  }

  /** What the running test is doing, or how the last one ended. */
  public StringProperty messageProperty() {
    return message;
  }

  public ObjectProperty<RobustnessReport> reportProperty() {
    return report;
  }

  public BooleanProperty runningProperty() {
    return running;
  }
}
