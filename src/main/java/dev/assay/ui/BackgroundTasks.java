package dev.assay.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * Runs long work off the FX thread, one task at a time, and exposes the current task so the status
 * bar can show its progress and offer to cancel it.
 */
public final class BackgroundTasks implements AutoCloseable {
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "assay-worker");
            t.setDaemon(true);
            return t;
          });
  private final ObjectProperty<Task<?>> current = new SimpleObjectProperty<>();

  /** Submits a task; must be called on the FX thread. */
  public <T> Task<T> submit(Task<T> task) {
    task.stateProperty()
        .addListener(
            (obs, old, state) -> {
              if (state == Worker.State.RUNNING) {
                current.set(task);
              } else if (isDone(state) && current.get() == task) {
                current.set(null);
              }
            });
    executor.submit(task);
    return task;
  }

  public ReadOnlyObjectProperty<Task<?>> currentProperty() {
    return current;
  }

  private static boolean isDone(Worker.State state) {
    return state == Worker.State.SUCCEEDED
        || state == Worker.State.FAILED
        || state == Worker.State.CANCELLED;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
