package dev.assay.ui.compare;

import dev.assay.core.compare.Comparison;
import dev.assay.core.compare.ComparisonReport;
import dev.assay.core.compare.ComparisonRequest;
import dev.assay.core.compare.ComparisonRunner;
import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.compare.Contender;
import dev.assay.core.compare.DisagreementExport;
import dev.assay.core.compare.LiveSnapshot;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explanations.ExplanationPairs;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import dev.assay.ui.eval.ReadingChoices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
 * State and actions of the Compare screen: choose versions (and providers), dataset and target; run
 * with live charts and cancel; show, reopen and export the result.
 */
public final class CompareViewModel implements Activatable {
  private final ModelRegistry modelRegistry;
  private final DatasetRegistry datasetRegistry;
  private final ComparisonRunner comparisons;
  private final ComparisonStore comparisonStore;
  private final DisagreementExport disagreements;
  private final OnnxRuntime runtime;
  private final BackgroundTasks tasks;
  private final ObservableList<ModelVersion> models = FXCollections.observableArrayList();
  private final ObservableList<DatasetVersion> datasets = FXCollections.observableArrayList();
  private final ObservableList<String> columns = FXCollections.observableArrayList();
  private final ObservableList<Contender> contenders = FXCollections.observableArrayList();
  private final ObservableList<ComparisonStore.Summary> past = FXCollections.observableArrayList();
  private final ObjectProperty<ModelVersion> model = new SimpleObjectProperty<>();
  private final ObjectProperty<ExecutionProvider> provider =
      new SimpleObjectProperty<>(ExecutionProvider.AUTO);
  private final ObjectProperty<DatasetVersion> dataset = new SimpleObjectProperty<>();
  private final StringProperty target = new SimpleStringProperty();
  private final StringProperty positiveLabel = new SimpleStringProperty("");
  private final ObjectProperty<Comparison> result = new SimpleObjectProperty<>();
  private final ObjectProperty<LiveSeries> live = new SimpleObjectProperty<>();
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final AtomicReference<LiveSnapshot> latest = new AtomicReference<>();
  private Consumer<Runnable> pacer = Runnable::run;
  private final ErrorSink errors = new ErrorSink();
  private Task<Comparison> current;
  private final ReadingChoices reading = new ReadingChoices();
  private final ComparedExplanations explained;

  /** The outputs and target map chosen for each contender when it was added, by label. */
  private final java.util.Map<String, Chosen> chosenReading = new java.util.HashMap<>();

  private record Chosen(OutputChoice outputs, TargetMap targetMap) {}

  public CompareViewModel(
      ModelRegistry modelRegistry,
      DatasetRegistry datasetRegistry,
      ComparisonRunner comparisons,
      ComparisonStore comparisonStore,
      DisagreementExport disagreements,
      OnnxRuntime runtime,
      BackgroundTasks tasks) {
    this(
        modelRegistry,
        datasetRegistry,
        comparisons,
        comparisonStore,
        disagreements,
        runtime,
        tasks,
        null);
  }

  /**
   * @param explanationPairs the stored explanations whose comparison across versions a shown
   *     comparison gets, or null for none
   */
  public CompareViewModel(
      ModelRegistry modelRegistry,
      DatasetRegistry datasetRegistry,
      ComparisonRunner comparisons,
      ComparisonStore comparisonStore,
      DisagreementExport disagreements,
      OnnxRuntime runtime,
      BackgroundTasks tasks,
      ExplanationPairs explanationPairs) {
    this.explained = new ComparedExplanations(explanationPairs, tasks);
    result.addListener((obs, old, now) -> explained.lookUp(now, errors::fail));
    this.modelRegistry = modelRegistry;
    this.datasetRegistry = datasetRegistry;
    this.comparisons = comparisons;
    this.comparisonStore = comparisonStore;
    this.disagreements = disagreements;
    this.runtime = runtime;
    this.tasks = tasks;
    model.addListener((obs, old, now) -> updateReading());
    dataset.addListener((obs, old, now) -> updateReading());
    target.addListener((obs, old, now) -> updateReading());
    dataset.addListener((obs, old, now) -> updateColumns());
    contenders.addListener(
        (javafx.collections.ListChangeListener<Contender>) change -> updateColumns());
  }

  /** Offers the chosen model's outputs and, when needed, a target mapping, as remembered. */
  private void updateReading() {
    reading.follow(tasks, modelRegistry.choices(), model, dataset, target, errors::fail);
  }

  /** The choice of outputs and target map for the model about to be added. */
  public ReadingChoices reading() {
    return reading;
  }

  private void updateColumns() {
    DatasetVersion d = dataset.get();
    columns.setAll(
        d == null ? List.of() : d.profile().columns().stream().map(c -> c.name()).toList());
    String suggested =
        contenders.isEmpty()
            ? null
            : ModelMetadata.target(contenders.getFirst().model().inspection());
    if (suggested != null && columns.contains(suggested)) {
      target.set(suggested);
    } else if (target.get() == null || !columns.contains(target.get())) {
      target.set(columns.isEmpty() ? null : columns.getLast());
    }
  }

  public void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
  }

  /**
   * How a finished run's result and loaded lists reach the views, and when a new run's work is
   * submitted: at once by default; the Compare screen passes them through its pulse steps, so that
   * the end of a run, its result and a list's new cells each change the scene in a frame of their
   * own, and a run's work starts after the screen's changes for it.
   */
  public void setPacer(Consumer<Runnable> pacer) {
    this.pacer = pacer;
  }

  /** Reloads the lists each time the screen is shown. */
  @Override
  public void onActivate() {
    refresh();
  }

  /** Reloads models, datasets and stored comparisons. */
  public void refresh() {
    tasks.run(
        "Loading models, datasets and comparisons",
        () -> new Lists(modelRegistry.list(), datasetRegistry.list(), comparisonStore.list()),
        lists ->
            pacer.accept(
                () -> {
                  // unchanged lists are left alone: replacing them remakes every cell of their
                  // views
                  replaceIfChanged(models, lists.models());
                  replaceIfChanged(datasets, lists.datasets());
                  replaceIfChanged(past, lists.past());
                }),
        errors::fail);
  }

  private static <T> void replaceIfChanged(ObservableList<T> shown, List<T> loaded) {
    if (!shown.equals(loaded)) {
      shown.setAll(loaded);
    }
  }

  private record Lists(
      List<ModelVersion> models,
      List<DatasetVersion> datasets,
      List<ComparisonStore.Summary> past) {}

  /** Adds the chosen model version on the chosen provider. */
  public void addContender() {
    if (model.get() == null) {
      errors.say("Choose a model version to add.");
      return;
    }
    Contender c = new Contender(model.get(), provider.get());
    if (contenders.stream().anyMatch(x -> x.label().equals(c.label()))) {
      errors.say(c.label() + " is already in the comparison.");
      return;
    }
    chosenReading.put(c.label(), new Chosen(reading.outputs(), reading.targetMap()));
    contenders.add(c);
  }

  /** Starts the comparison; live data goes to {@link #liveProperty()}. */
  public Task<Comparison> run() {
    if (contenders.size() < 2 || dataset.get() == null || target.get() == null) {
      errors.say("Add at least two model versions and choose a dataset and target first.");
      return null;
    }
    String positive =
        positiveLabel.get() == null || positiveLabel.get().isBlank()
            ? null
            : positiveLabel.get().strip();
    // leave a core to the FX thread: ONNX Runtime gets all but one
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    ComparisonRequest request =
        new ComparisonRequest(
            List.copyOf(contenders),
            dataset.get(),
            target.get(),
            positive,
            0,
            threads,
            ComparisonRequest.DEFAULT_TOLERANCE,
            ComparisonRequest.DEFAULT_RESAMPLES,
            ComparisonRequest.DEFAULT_SEED,
            ComparisonRequest.DEFAULT_SNAPSHOT_MILLIS);
    List<Runnable> remember = new java.util.ArrayList<>();
    for (Contender c : contenders) {
      Chosen chosen = chosenReading.get(c.label());
      if (chosen != null) {
        remember.add(
            () -> {
              var choices = modelRegistry.choices();
              if (!chosen.outputs().automatic()) {
                choices.remember(c.model(), chosen.outputs());
              }
              if (!chosen.targetMap().isEmpty()) {
                choices.remember(c.model(), request.dataset().name(), chosen.targetMap());
              }
            });
      }
    }
    LiveSeries series = new LiveSeries(contenders.stream().map(Contender::label).toList());
    live.set(series);
    result.set(null);
    Task<Comparison> task =
        tasks
            .job(
                "Comparing on " + request.dataset().ref(),
                (progress, cancellation) -> {
                  // a comparison reads each model as remembered: the choices made here first
                  remember.forEach(Runnable::run);
                  return comparisons.run(
                      request,
                      progress,
                      snapshot -> {
                        latest.set(snapshot);
                        series.write(snapshot);
                      },
                      cancellation);
                })
            .whenDone(() -> running.set(false))
            .onSuccess(
                value -> {
                  // the result, then the lists, each at a pulse of its own (see setPacer)
                  pacer.accept(() -> result.set(value));
                  pacer.accept(this::refresh);
                })
            .onFailure(errors::fail)
            .task();
    running.set(true);
    current = task;
    // the screen's changes for the new run (live charts attached, old result emptied) are made
    // first, a pulse each, before the pass and ONNX Runtime's sessions take both cores
    pacer.accept(() -> tasks.submit(task));
    return task;
  }

  public void cancel() {
    if (current != null) {
      current.cancel();
    }
  }

  /** Reopens a stored comparison. */
  public void open(ComparisonStore.Summary summary) {
    if (summary == null) {
      return;
    }
    tasks.run(
        "Opening comparison " + summary.id(),
        () -> comparisonStore.open(summary.id()),
        result::set,
        errors::fail);
  }

  /** Writes every disagreeing row of {@code pair} to {@code csv}, off the FX thread. */
  public void exportDisagreements(ComparisonReport.Disagreement pair, Path csv) {
    tasks.run(
        "Exporting disagreements",
        () -> {
          try {
            return disagreements.toCsv(pair.baselineRunId(), pair.modelRunId(), csv);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        rows -> {},
        errors::fail);
  }

  /** The shown comparison's explanations across versions. */
  public ComparedExplanations explanations() {
    return explained;
  }

  /** The newest live snapshot, or null. */
  public LiveSnapshot latestSnapshot() {
    return latest.get();
  }

  public List<String> availableProviders() {
    return List.copyOf(runtime.availableProviders());
  }

  public ObservableList<ModelVersion> models() {
    return models;
  }

  public ObservableList<DatasetVersion> datasets() {
    return datasets;
  }

  public ObservableList<String> columns() {
    return columns;
  }

  public ObservableList<Contender> contenders() {
    return contenders;
  }

  public ObservableList<ComparisonStore.Summary> pastComparisons() {
    return past;
  }

  public ObjectProperty<ModelVersion> modelProperty() {
    return model;
  }

  public ObjectProperty<ExecutionProvider> providerProperty() {
    return provider;
  }

  public ObjectProperty<DatasetVersion> datasetProperty() {
    return dataset;
  }

  public StringProperty targetProperty() {
    return target;
  }

  public StringProperty positiveLabelProperty() {
    return positiveLabel;
  }

  public ObjectProperty<Comparison> resultProperty() {
    return result;
  }

  ObjectProperty<LiveSeries> liveProperty() {
    return live;
  }

  public BooleanProperty runningProperty() {
    return running;
  }
}
