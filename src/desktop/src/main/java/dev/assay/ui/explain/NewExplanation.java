package dev.assay.ui.explain;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ListDetail;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Explanations screen's "New explanation" form: the model versions and datasets to choose from,
 * and one explanation at a time run as a background job (the status bar shows its progress and
 * cancels it). When it is stored the list is shown again with the new explanation selected. Used on
 * the FX thread; tested without a window through {@link BackgroundTasks#onCallingThread()}.
 */
public final class NewExplanation {
  private final ExplainLauncher launcher;
  private final BackgroundTasks tasks;
  private final ListDetail<ExplanationStore.Summary, ?> state;
  private final ObservableList<ModelVersion> models = FXCollections.observableArrayList();
  private final ObservableList<DatasetVersion> datasets = FXCollections.observableArrayList();
  private final StringProperty message = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty();

  public NewExplanation(
      ExplainLauncher launcher,
      BackgroundTasks tasks,
      ListDetail<ExplanationStore.Summary, ?> state) {
    this.launcher = launcher;
    this.tasks = tasks;
    this.state = state;
  }

  /** Reads the model versions and datasets in the background. */
  public void load() {
    tasks.run(
        "Reading the models and datasets",
        () -> new Choices(launcher.models(), launcher.datasets()),
        c -> {
          models.setAll(c.models());
          datasets.setAll(c.datasets());
        },
        e -> message.set(BackgroundTasks.describe(e)));
  }

  /**
   * Explains in the background; refused at once (a message, nothing run) when one is running or the
   * settings are out of range.
   */
  public void start(
      ModelVersion model,
      DatasetVersion data,
      int rows,
      int background,
      dev.assay.core.explain.OutputSpace output,
      long seed) {
    if (running.get()) {
      message.set("An explanation is already running: wait for it or cancel it.");
      return;
    }
    ExplainLauncher.Settings settings;
    try {
      settings = new ExplainLauncher.Settings(model, data, rows, background, output, seed);
    } catch (IllegalArgumentException e) {
      message.set(e.getMessage());
      return;
    }
    running.set(true);
    message.set("Explaining " + model.ref() + " on " + data.ref() + "…");
    tasks
        .job(
            "Explaining " + model.ref() + " on " + data.ref(),
            (progress, cancellation) -> launcher.explain(settings, progress, cancellation))
        .onSuccess(
            stored -> {
              state.show(stored.list());
              stored.list().stream()
                  .filter(s -> s.id() == stored.id())
                  .findFirst()
                  .ifPresent(s -> state.selectedProperty().set(s));
              message.set("Stored as explanation #" + stored.id() + ".");
            })
        .onFailure(e -> message.set(BackgroundTasks.describe(e)))
        .onCancel(() -> message.set("Cancelled: nothing was stored."))
        .whenDone(() -> running.set(false))
        .submit();
  }

  public ObservableList<ModelVersion> models() {
    return models;
  }

  public ObservableList<DatasetVersion> datasets() {
    return datasets;
  }

  /** The form's one line: running, stored, cancelled or what was wrong. */
  public StringProperty messageProperty() {
    return message;
  }

  /** Whether an explanation is running (the Explain button is disabled meanwhile). */
  public BooleanProperty runningProperty() {
    return running;
  }

  private record Choices(List<ModelVersion> models, List<DatasetVersion> datasets) {}
}
