package dev.assay.ui.models;

import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ImportResult;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.store.ContentStore;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import dev.assay.ui.common.FileImports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/** State and actions of the Models screen; all registry work runs as background tasks. */
public final class ModelsViewModel implements Activatable {
  private final ModelRegistry registry;
  private final BackgroundTasks tasks;
  private final ObservableList<ModelVersion> models = FXCollections.observableArrayList();
  private final ObjectProperty<ModelVersion> selected = new SimpleObjectProperty<>();
  private final ObservableList<ContentStore.StoredFile> selectedFiles =
      FXCollections.observableArrayList();
  private final StringProperty lastOutcome = new SimpleStringProperty("");
  private final StringProperty selectedSignature = new SimpleStringProperty("");
  private final java.util.function.Function<ModelVersion, String> signatureStatus;
  private final ErrorSink errors = new ErrorSink();

  public ModelsViewModel(ModelRegistry registry, BackgroundTasks tasks) {
    this(registry, tasks, version -> "");
  }

  /**
   * @param signatureStatus describes a version's signature (runs off the FX thread: it hashes the
   *     files)
   */
  public ModelsViewModel(
      ModelRegistry registry,
      BackgroundTasks tasks,
      java.util.function.Function<ModelVersion, String> signatureStatus) {
    this.registry = registry;
    this.tasks = tasks;
    this.signatureStatus = signatureStatus;
    selected.addListener((obs, old, version) -> loadFiles(version));
  }

  /** The selected version's signature status, e.g. {@code verified: key 'site' ...}. */
  public StringProperty selectedSignatureProperty() {
    return selectedSignature;
  }

  public ObservableList<ModelVersion> models() {
    return models;
  }

  public ObjectProperty<ModelVersion> selectedProperty() {
    return selected;
  }

  public ObservableList<ContentStore.StoredFile> selectedFiles() {
    return selectedFiles;
  }

  /** The stored file of a version (the graph view reads it). */
  public Path modelFile(ModelVersion version) {
    return registry.modelFile(version);
  }

  /** Where this screen's background work runs (the graph window lays out there too). */
  public BackgroundTasks tasks() {
    return tasks;
  }

  /** One line describing the outcome of the last import or removal, for the status bar. */
  public StringProperty lastOutcomeProperty() {
    return lastOutcome;
  }

  /** Where user-facing failures go (the view shows a dialog). */
  public void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
  }

  /**
   * Nothing to reread: the list is loaded once the start-up work is done (sample models) and after
   * each import or removal, which all go through this screen.
   */
  @Override
  public void onActivate() {}

  /** Reloads the list from the registry in the background. */
  public Task<List<ModelVersion>> refresh() {
    return run("Loading models", registry::list, this::replaceAll);
  }

  /**
   * Imports files one after another; refused files are reported together at the end, the others
   * stay imported.
   */
  public Task<List<ImportResult>> importFiles(List<Path> files) {
    return tasks
        .job(
            "Importing models",
            (progress, cancellation) ->
                FileImports.each(
                    files,
                    "Importing",
                    progress,
                    cancellation,
                    (file, fileProgress, cancel) ->
                        registry.importModel(ImportRequest.of(file), fileProgress, cancel)))
        .onSuccess(this::afterImport)
        .onFailure(
            error -> {
              errors.fail(error);
              refresh();
            })
        .onCancel(this::refresh)
        .submit();
  }

  private void afterImport(List<ImportResult> results) {
    List<String> lines = new ArrayList<>();
    for (ImportResult result : results) {
      lines.add(
          result instanceof ImportResult.Imported
              ? "Imported " + result.model().ref()
              : "Already registered as " + result.model().ref() + " (identical file)");
    }
    lastOutcome.set(String.join("; ", lines));
    ModelVersion last = results.isEmpty() ? null : results.getLast().model();
    run(
        "Loading models",
        registry::list,
        list -> {
          replaceAll(list);
          if (last != null) {
            list.stream().filter(v -> v.id() == last.id()).findFirst().ifPresent(selected::set);
          }
        });
  }

  /** Removes a version (the caller has confirmed). */
  public Task<ModelVersion> remove(ModelVersion version) {
    return run(
        "Removing " + version.ref(),
        () -> registry.remove(new ModelRef(version.name(), version.version())),
        removed -> {
          lastOutcome.set("Removed " + removed.ref());
          refresh();
        });
  }

  private void loadFiles(ModelVersion version) {
    selectedSignature.set("");
    if (version == null) {
      selectedFiles.clear();
      return;
    }
    run("Loading files of " + version.ref(), () -> registry.files(version), selectedFiles::setAll);
    run(
        "Checking the signature of " + version.ref(),
        () -> signatureStatus.apply(version),
        status -> {
          if (version.equals(selected.get())) {
            selectedSignature.set(status);
          }
        });
  }

  private void replaceAll(List<ModelVersion> list) {
    ModelVersion keep = selected.get();
    models.setAll(list);
    if (keep != null) {
      selected.set(list.stream().filter(v -> v.id() == keep.id()).findFirst().orElse(null));
    }
  }

  private <T> Task<T> run(String title, Supplier<T> work, Consumer<T> onSuccess) {
    return tasks.run(title, work, onSuccess, errors::fail);
  }
}
