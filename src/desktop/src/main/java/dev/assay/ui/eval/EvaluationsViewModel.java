package dev.assay.ui.eval;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.EvaluationRunner;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
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
 * State and actions of the Evaluations screen: choose, run with progress and cancel, show, reopen.
 */
public final class EvaluationsViewModel implements Activatable {
  private final ModelRegistry modelRegistry;
  private final DatasetRegistry datasetRegistry;
  private final RunStore runStore;
  private final EvaluationRunner evaluations;
  private final OnnxRuntime runtime;
  private final BackgroundTasks tasks;
  private final ObservableList<ModelVersion> models = FXCollections.observableArrayList();
  private final ObservableList<DatasetVersion> datasets = FXCollections.observableArrayList();
  private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
  private final ObservableList<String> columns = FXCollections.observableArrayList();
  private final ObjectProperty<ModelVersion> model = new SimpleObjectProperty<>();
  private final ObjectProperty<DatasetVersion> dataset = new SimpleObjectProperty<>();
  private final StringProperty target = new SimpleStringProperty();
  private final StringProperty features = new SimpleStringProperty("");
  private final StringProperty positiveLabel = new SimpleStringProperty("");
  private final ObjectProperty<ExecutionProvider> provider =
      new SimpleObjectProperty<>(ExecutionProvider.AUTO);
  private final ObjectProperty<Integer> batchSize =
      new SimpleObjectProperty<>(EvaluationRequest.DEFAULT_BATCH);
  private final ObjectProperty<EvaluationResult> result = new SimpleObjectProperty<>();
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final ReadingChoices reading = new ReadingChoices();
  private final ErrorSink errors = new ErrorSink();
  private Task<EvaluationResult> current;

  public EvaluationsViewModel(
      ModelRegistry modelRegistry,
      DatasetRegistry datasetRegistry,
      RunStore runStore,
      EvaluationRunner evaluations,
      OnnxRuntime runtime,
      BackgroundTasks tasks) {
    this.modelRegistry = modelRegistry;
    this.datasetRegistry = datasetRegistry;
    this.runStore = runStore;
    this.evaluations = evaluations;
    this.runtime = runtime;
    this.tasks = tasks;
    dataset.addListener((obs, old, now) -> updateColumns());
    model.addListener((obs, old, now) -> updateColumns());
    model.addListener((obs, old, now) -> updateReading());
    dataset.addListener((obs, old, now) -> updateReading());
    target.addListener((obs, old, now) -> updateReading());
  }

  /** Offers the model's outputs and, when needed, a target mapping, with what is remembered. */
  private void updateReading() {
    reading.follow(tasks, modelRegistry.choices(), model, dataset, target, errors::fail);
  }

  /** The choice of outputs and the target map. */
  public ReadingChoices reading() {
    return reading;
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

  public void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
  }

  /** Reloads the lists each time the screen is shown. */
  @Override
  public void onActivate() {
    refresh();
  }

  /** Reloads models, datasets and past runs. */
  public void refresh() {
    tasks.run(
        "Loading models, datasets and runs",
        () -> new Lists(modelRegistry.list(), datasetRegistry.list(), runStore.list(null)),
        lists -> {
          ModelVersion keepModel = model.get();
          DatasetVersion keepData = dataset.get();
          models.setAll(lists.models());
          datasets.setAll(lists.datasets());
          runs.setAll(lists.runs());
          model.set(
              keepModel == null
                  ? null
                  : lists.models().stream()
                      .filter(m -> m.id() == keepModel.id())
                      .findFirst()
                      .orElse(null));
          dataset.set(
              keepData == null
                  ? null
                  : lists.datasets().stream()
                      .filter(d -> d.id() == keepData.id())
                      .findFirst()
                      .orElse(null));
        },
        errors::fail);
  }

  private record Lists(
      List<ModelVersion> models, List<DatasetVersion> datasets, List<RunSummary> runs) {}

  /** Starts an evaluation with the chosen settings. */
  public Task<EvaluationResult> run() {
    if (model.get() == null || dataset.get() == null || target.get() == null) {
      errors.say("Choose a model version, a dataset and its target column first.");
      return null;
    }
    List<String> chosenFeatures =
        features.get() == null || features.get().isBlank()
            ? null
            : Arrays.stream(features.get().split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    String positive =
        positiveLabel.get() == null || positiveLabel.get().isBlank()
            ? null
            : positiveLabel.get().strip();
    EvaluationRequest request =
        EvaluationRequest.builder(model.get(), dataset.get(), target.get())
            .features(chosenFeatures)
            .positiveLabel(positive)
            .provider(provider.get())
            .batchSize(batchSize.get() == null ? 0 : batchSize.get())
            .outputs(reading.outputs())
            .targetMap(reading.targetMap())
            .build();
    running.set(true);
    current =
        tasks
            .job(
                "Evaluating " + request.model().ref() + " on " + request.dataset().ref(),
                (progress, cancellation) -> evaluations.run(request, progress, cancellation))
            .whenDone(() -> running.set(false))
            .onSuccess(
                value -> {
                  result.set(value);
                  refresh();
                })
            .onFailure(
                error -> {
                  errors.fail(error);
                  refresh();
                })
            .onCancel(this::refresh)
            .task();
    // current before the work starts: a listener on the current task may cancel it
    tasks.submit(current);
    return current;
  }

  /** Cancels the running evaluation (it is stored as cancelled). */
  public void cancel() {
    if (current != null) {
      current.cancel();
    }
  }

  /** Shows a past run's stored result. */
  public void open(RunSummary run) {
    if (run == null || run.resultJson() == null) {
      result.set(null);
      return;
    }
    tasks.run(
        "Opening run " + run.id(), () -> runStore.result(run.id()), result::set, errors::fail);
  }

  public Set<String> availableProviders() {
    return runtime.availableProviders();
  }

  public ObservableList<ModelVersion> models() {
    return models;
  }

  public ObservableList<DatasetVersion> datasets() {
    return datasets;
  }

  public ObservableList<RunSummary> runs() {
    return runs;
  }

  public ObservableList<String> columns() {
    return columns;
  }

  public ObjectProperty<ModelVersion> modelProperty() {
    return model;
  }

  public ObjectProperty<DatasetVersion> datasetProperty() {
    return dataset;
  }

  public StringProperty targetProperty() {
    return target;
  }

  public StringProperty featuresProperty() {
    return features;
  }

  public StringProperty positiveLabelProperty() {
    return positiveLabel;
  }

  public ObjectProperty<ExecutionProvider> providerProperty() {
    return provider;
  }

  public ObjectProperty<Integer> batchSizeProperty() {
    return batchSize;
  }

  public ObjectProperty<EvaluationResult> resultProperty() {
    return result;
  }

  public BooleanProperty runningProperty() {
    return running;
  }
}
