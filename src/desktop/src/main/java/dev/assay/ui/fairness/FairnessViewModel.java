package dev.assay.ui.fairness;

import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationRunner;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.fairness.AttributeReport;
import dev.assay.core.fairness.FairnessReportSummary;
import dev.assay.core.fairness.FairnessService;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.fairness.VersionComparison;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * State and actions of the Fairness screen: choose a completed run (or a model and dataset to
 * evaluate first), sensitive columns, favourable outcome and reference group; create a report off
 * the FX thread; reopen and compare stored reports.
 */
public final class FairnessViewModel implements Activatable {
  private final ModelRegistry modelRegistry;
  private final DatasetRegistry datasetRegistry;
  private final RunStore runStore;
  private final EvaluationRunner evaluations;
  private final FairnessService fairness;
  private final BackgroundTasks tasks;
  private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
  private final ObservableList<ModelVersion> models = FXCollections.observableArrayList();
  private final ObservableList<DatasetVersion> datasets = FXCollections.observableArrayList();
  private final ObservableList<FairnessReportSummary> reports = FXCollections.observableArrayList();
  private final ObservableList<String> columns = FXCollections.observableArrayList();
  private final ObservableList<String> sensitive = FXCollections.observableArrayList();
  private final ObservableList<String> classes = FXCollections.observableArrayList();
  private final ObjectProperty<RunSummary> run = new SimpleObjectProperty<>();
  private final ObjectProperty<ModelVersion> model = new SimpleObjectProperty<>();
  private final ObjectProperty<DatasetVersion> dataset = new SimpleObjectProperty<>();
  private final StringProperty target = new SimpleStringProperty();
  private final StringProperty favorable = new SimpleStringProperty("");
  private final StringProperty positive = new SimpleStringProperty("");
  private final StringProperty reference = new SimpleStringProperty("");
  private final StringProperty bins = new SimpleStringProperty("");
  private final ObjectProperty<StoredFairnessReport> report = new SimpleObjectProperty<>();
  private final ObjectProperty<AttributeReport> attribute = new SimpleObjectProperty<>();
  private final ObjectProperty<VersionComparison> comparison = new SimpleObjectProperty<>();
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final ErrorSink errors = new ErrorSink();

  public FairnessViewModel(
      ModelRegistry modelRegistry,
      DatasetRegistry datasetRegistry,
      RunStore runStore,
      EvaluationRunner evaluations,
      FairnessService fairness,
      BackgroundTasks tasks) {
    this.modelRegistry = modelRegistry;
    this.datasetRegistry = datasetRegistry;
    this.runStore = runStore;
    this.evaluations = evaluations;
    this.fairness = fairness;
    this.tasks = tasks;
    run.addListener((obs, old, now) -> runChosen(now));
    dataset.addListener(
        (obs, old, now) -> {
          if (now != null && run.get() == null) {
            columns.setAll(now.profile().columns().stream().map(c -> c.name()).toList());
            String suggested =
                model.get() == null ? null : ModelMetadata.target(model.get().inspection());
            target.set(
                suggested != null && columns.contains(suggested)
                    ? suggested
                    : columns.isEmpty() ? null : columns.getLast());
          }
        });
    report.addListener(
        (obs, old, now) ->
            attribute.set(
                now == null || now.report().attributes().isEmpty()
                    ? null
                    : now.report().attributes().getFirst()));
  }

  public void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
  }

  /** Reloads the lists each time the screen is shown. */
  @Override
  public void onActivate() {
    refresh();
  }

  /** Reloads completed runs, models, datasets and stored reports. */
  public void refresh() {
    tasks.run(
        "Loading runs and fairness reports",
        () ->
            new Lists(
                runStore.list(null).stream()
                    .filter(r -> r.status() == RunStatus.COMPLETED)
                    .toList(),
                modelRegistry.list(),
                datasetRegistry.list(),
                fairness.reports().list(null)),
        lists -> {
          RunSummary keep = run.get();
          // lists that did not change are left as they are: replacing a chooser's items remakes
          // its cells and menu (a frame's work after each report, for nothing)
          setIfChanged(runs, lists.runs());
          setIfChanged(models, lists.models());
          setIfChanged(datasets, lists.datasets());
          setIfChanged(reports, lists.reports());
          if (keep != null) {
            run.set(
                lists.runs().stream().filter(r -> r.id() == keep.id()).findFirst().orElse(null));
          }
        },
        errors::fail);
  }

  private record Lists(
      List<RunSummary> runs,
      List<ModelVersion> models,
      List<DatasetVersion> datasets,
      List<FairnessReportSummary> reports) {}

  private static <T> void setIfChanged(ObservableList<T> list, List<T> now) {
    if (!list.equals(now)) {
      list.setAll(now);
    }
  }

  private void runChosen(RunSummary chosen) {
    if (chosen == null) {
      return;
    }
    tasks.run(
        "Reading run " + chosen.id(),
        () ->
            new RunDetails(
                datasetRegistry.get(chosen.datasetId()).profile().columns().stream()
                    .map(c -> c.name())
                    .toList(),
                runStore.result(chosen.id()).classOrder()),
        details -> {
          columns.setAll(details.columns());
          columns.remove(chosen.target());
          classes.setAll(details.classes());
          sensitive.retainAll(columns);
        },
        errors::fail);
  }

  private record RunDetails(List<String> columns, List<String> classes) {}

  /**
   * Creates a report on the chosen run; with no run chosen, evaluates the chosen model on the
   * chosen dataset first.
   */
  public Task<StoredFairnessReport> createReport() {
    if (sensitive.isEmpty()) {
      errors.say("Choose at least one sensitive column.");
      return null;
    }
    RunSummary chosenRun = run.get();
    if (chosenRun == null
        && (model.get() == null || dataset.get() == null || target.get() == null)) {
      errors.say("Choose a completed run, or a model version, a dataset and its target.");
      return null;
    }
    FairnessSettings settings;
    try {
      settings = settings();
    } catch (AssayException | IllegalArgumentException e) {
      errors.say(e.getMessage());
      return null;
    }
    ModelVersion chosenModel = model.get();
    DatasetVersion chosenData = dataset.get();
    String chosenTarget = target.get();
    running.set(true);
    return tasks
        .<StoredFairnessReport>job(
            chosenRun != null
                ? "Fairness report on run " + chosenRun.id()
                : "Evaluating " + chosenModel.ref() + " on " + chosenData.ref(),
            (progress, cancel) -> {
              long runId;
              if (chosenRun != null) {
                runId = chosenRun.id();
              } else {
                runId =
                    evaluations
                        .run(
                            new EvaluationRequest(
                                chosenModel,
                                chosenData,
                                chosenTarget,
                                null,
                                settings.positiveLabel(),
                                settings.sensitive(),
                                ExecutionProvider.AUTO,
                                0,
                                0,
                                EvaluationRequest.LabelSource.LABEL_OUTPUT,
                                false),
                            progress,
                            cancel)
                        .run()
                        .id();
                progress.update(0, 0, "Fairness report on run " + runId);
              }
              return fairness.report(runId, settings, progress, cancel);
            })
        .whenDone(() -> running.set(false))
        .onSuccess(
            value -> {
              report.set(value);
              refresh();
            })
        .onFailure(errors::fail)
        .submit();
  }

  FairnessSettings settings() {
    FairnessSettings settings =
        FairnessSettings.of(List.copyOf(sensitive))
            .withFavorable(favorable.get())
            .withPositive(positive.get());
    if (reference.get() != null && !reference.get().isBlank()) {
      settings = settings.withReference(FairnessSettings.ANY_ATTRIBUTE, reference.get().strip());
    }
    if (bins.get() != null && !bins.get().isBlank()) {
      for (String part : bins.get().split(";")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new AssayException("bins: write COLUMN=edge,edge,... (several separated by ;)");
        }
        List<Double> edges = new ArrayList<>();
        try {
          Arrays.stream(part.substring(eq + 1).split(","))
              .map(String::strip)
              .forEach(e -> edges.add(Double.valueOf(e)));
        } catch (NumberFormatException ex) {
          throw new AssayException("bins: '" + part.strip() + "' holds something not a number");
        }
        settings = settings.withBins(part.substring(0, eq).strip(), edges);
      }
    }
    return settings;
  }

  /** Shows a stored report. */
  public void open(FairnessReportSummary summary) {
    if (summary == null) {
      return;
    }
    tasks.run(
        "Opening fairness report " + summary.id(),
        () -> fairness.reports().get(summary.id()),
        report::set,
        errors::fail);
  }

  /** Compares stored reports side by side, in the given order. */
  public void compare(List<FairnessReportSummary> chosen) {
    if (chosen.size() < 2) {
      errors.say("Choose two or more stored reports to compare.");
      return;
    }
    List<Long> ids = chosen.stream().map(FairnessReportSummary::id).sorted().toList();
    tasks.run(
        "Comparing fairness reports",
        () -> fairness.compare(ids.stream().map(id -> fairness.reports().get(id)).toList()),
        comparison::set,
        errors::fail);
  }

  public ObservableList<RunSummary> runs() {
    return runs;
  }

  public ObservableList<ModelVersion> models() {
    return models;
  }

  public ObservableList<DatasetVersion> datasets() {
    return datasets;
  }

  public ObservableList<FairnessReportSummary> reports() {
    return reports;
  }

  public ObservableList<String> columns() {
    return columns;
  }

  /** The chosen sensitive columns (the view keeps it in step with its list selection). */
  public ObservableList<String> sensitive() {
    return sensitive;
  }

  public ObservableList<String> classes() {
    return classes;
  }

  public ObjectProperty<RunSummary> runProperty() {
    return run;
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

  public StringProperty favorableProperty() {
    return favorable;
  }

  public StringProperty positiveProperty() {
    return positive;
  }

  public StringProperty referenceProperty() {
    return reference;
  }

  public StringProperty binsProperty() {
    return bins;
  }

  public ObjectProperty<StoredFairnessReport> reportProperty() {
    return report;
  }

  public ObjectProperty<AttributeReport> attributeProperty() {
    return attribute;
  }

  public ObjectProperty<VersionComparison> comparisonProperty() {
    return comparison;
  }

  public BooleanProperty runningProperty() {
    return running;
  }
}
