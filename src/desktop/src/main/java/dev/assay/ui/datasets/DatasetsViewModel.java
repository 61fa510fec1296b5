package dev.assay.ui.datasets;

import dev.assay.core.data.DatasetImportResult;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import dev.assay.ui.common.FileImports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/** State and actions of the Datasets screen. */
public final class DatasetsViewModel implements Activatable {
  private final DatasetRegistry registry;
  private final BackgroundTasks tasks;
  private final ObservableList<DatasetVersion> datasets = FXCollections.observableArrayList();
  private final ObjectProperty<DatasetVersion> selected = new SimpleObjectProperty<>();
  private final StringProperty lastOutcome = new SimpleStringProperty("");
  private final ErrorSink errors = new ErrorSink();

  public DatasetsViewModel(DatasetRegistry registry, BackgroundTasks tasks) {
    this.registry = registry;
    this.tasks = tasks;
  }

  public ObservableList<DatasetVersion> datasets() {
    return datasets;
  }

  public ObjectProperty<DatasetVersion> selectedProperty() {
    return selected;
  }

  public StringProperty lastOutcomeProperty() {
    return lastOutcome;
  }

  public void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
  }

  /** Reloads the list each time the screen is shown. */
  @Override
  public void onActivate() {
    refresh();
  }

  /** Reloads the list in the background. */
  public Task<List<DatasetVersion>> refresh() {
    return tasks.run("Loading datasets", registry::list, datasets::setAll, errors::fail);
  }

  /** Imports files one after another; refused files are reported together at the end. */
  public Task<List<DatasetImportResult>> importFiles(List<Path> files) {
    return tasks
        .job(
            "Importing datasets",
            (progress, cancellation) ->
                FileImports.each(
                    files,
                    "Importing and profiling",
                    progress,
                    cancellation,
                    (file, fileProgress, cancel) ->
                        registry.importDataset(file, null, fileProgress, cancel)))
        .onSuccess(this::afterImport)
        .onFailure(
            error -> {
              errors.fail(error);
              refresh();
            })
        .submit();
  }

  private void afterImport(List<DatasetImportResult> results) {
    List<String> lines = new ArrayList<>();
    for (DatasetImportResult r : results) {
      lines.add(
          r instanceof DatasetImportResult.Imported
              ? "Imported " + r.dataset().ref()
              : "Already registered as " + r.dataset().ref());
    }
    lastOutcome.set(String.join("; ", lines));
    DatasetVersion last = results.isEmpty() ? null : results.getLast().dataset();
    tasks.run(
        "Loading datasets",
        registry::list,
        list -> {
          datasets.setAll(list);
          if (last != null) {
            list.stream().filter(d -> d.id() == last.id()).findFirst().ifPresent(selected::set);
          }
        },
        errors::fail);
  }
}
