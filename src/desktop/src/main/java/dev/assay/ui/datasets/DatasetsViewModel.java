package dev.assay.ui.datasets;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.data.DatasetImportResult;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.ui.common.BackgroundTasks;
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
public final class DatasetsViewModel {
  private final DatasetRegistry registry;
  private final BackgroundTasks tasks;
  private final ObservableList<DatasetVersion> datasets = FXCollections.observableArrayList();
  private final ObjectProperty<DatasetVersion> selected = new SimpleObjectProperty<>();
  private final StringProperty lastOutcome = new SimpleStringProperty("");
  private Consumer<String> errorSink = message -> {};

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
    this.errorSink = sink;
  }

  public Task<List<DatasetVersion>> refresh() {
    return tasks.run("Loading datasets", registry::list, datasets::setAll, this::fail);
  }

  /** Imports files one after another; refused files are reported together at the end. */
  public Task<List<DatasetImportResult>> importFiles(List<Path> files) {
    Task<List<DatasetImportResult>> task =
        new Task<>() {
          @Override
          protected List<DatasetImportResult> call() {
            List<DatasetImportResult> results = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Cancellation cancellation = this::isCancelled;
            for (Path file : files) {
              if (isCancelled()) {
                break;
              }
              updateMessage("Importing and profiling " + file.getFileName());
              try {
                results.add(
                    registry.importDataset(
                        file,
                        null,
                        (done, total, message) -> {
                          if (total > 0) {
                            updateProgress(done, total);
                          }
                          updateMessage(message);
                        },
                        cancellation));
              } catch (AssayException e) {
                problems.add(e.getMessage());
              } catch (Cancellation.CancelledException e) {
                break;
              }
            }
            if (!problems.isEmpty()) {
              throw new AssayException(String.join("\n", problems));
            }
            return results;
          }
        };
    task.setOnSucceeded(
        e -> {
          List<String> lines = new ArrayList<>();
          for (DatasetImportResult r : task.getValue()) {
            lines.add(
                r instanceof DatasetImportResult.Imported
                    ? "Imported " + r.dataset().ref()
                    : "Already registered as " + r.dataset().ref());
          }
          lastOutcome.set(String.join("; ", lines));
          DatasetVersion last =
              task.getValue().isEmpty() ? null : task.getValue().getLast().dataset();
          tasks.run(
              "Loading datasets",
              registry::list,
              list -> {
                datasets.setAll(list);
                if (last != null) {
                  list.stream()
                      .filter(d -> d.id() == last.id())
                      .findFirst()
                      .ifPresent(selected::set);
                }
              },
              this::fail);
        });
    task.setOnFailed(
        e -> {
          fail(task.getException());
          refresh();
        });
    tasks.submit(task);
    return task;
  }

  private void fail(Throwable error) {
    errorSink.accept(
        error instanceof AssayException ? error.getMessage() : "Something went wrong: " + error);
  }
}
