package dev.assay.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * Runs long work off the FX thread, one task at a time, and exposes the current task so the status
 * bar can show its progress and offer to cancel it.
 *
 * <p>{@link #onCallingThread()} gives tests the same helper running each task on the thread that
 * submits it (JabRef's {@code CurrentThreadTaskExecutor}): the work has run when {@code submit}
 * returns, and the task's success, failure or cancel handlers run on the FX thread's next turn
 * (JavaFX posts a task's state changes), so a ViewModel is tested without a window or a worker.
 */
public final class BackgroundTasks implements AutoCloseable {
  /** Null on the calling thread: tasks run inside {@link #submit}. */
  private final ExecutorService executor;

  private volatile boolean closed;

  /** The application's helper: one low-priority worker thread. */
  public BackgroundTasks() {
    this(newWorker());
  }

  private BackgroundTasks(ExecutorService executor) {
    this.executor = executor;
  }

  /**
   * A helper that runs each task on the thread calling {@link #submit}, which must be the FX
   * application thread (a {@link Task} reports its state there; no window is needed, only the
   * toolkit). The task is {@linkplain #currentProperty() current} before its work starts, so a
   * listener may cancel it. For tests.
   */
  public static BackgroundTasks onCallingThread() {
    return new BackgroundTasks(null);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t =
              new Thread(
                  () -> {
                    // below the FX thread; the threads it starts (CSV reader) inherit it
                    BackgroundPriority.lowerCurrentThread();
                    r.run();
                  },
                  "assay-worker");
          t.setDaemon(true);
          return t;
        });
  }

  private final ObjectProperty<Task<?>> current = new SimpleObjectProperty<>();

  /**
   * Submits a task; must be called on the FX thread. After {@link #close} (the window is gone) the
   * task is cancelled instead: work finishing late, such as the start-up registration, may still
   * ask for a refresh.
   */
  public <T> Task<T> submit(Task<T> task) {
    if (closed) {
      task.cancel();
      return task;
    }
    task.stateProperty()
        .addListener(
            (obs, old, state) -> {
              if (state == Worker.State.RUNNING) {
                current.set(task);
              } else if (isDone(state) && current.get() == task) {
                current.set(null);
              }
            });
    if (executor != null) {
      executor.submit(task);
    } else if (Platform.isFxApplicationThread()) {
      current.set(task);
      task.run();
      // a cancel during the run interrupts the runner, here the FX thread itself
      Thread.interrupted();
    } else {
      throw new IllegalStateException(
          "BackgroundTasks.onCallingThread() runs tasks on the FX application thread only");
    }
    return task;
  }

  /**
   * Runs {@code work} as a background task titled {@code title}; {@code onSuccess} and {@code
   * onFailure} run on the FX thread.
   */
  public <T> Task<T> run(
      String title,
      java.util.function.Supplier<T> work,
      java.util.function.Consumer<T> onSuccess,
      java.util.function.Consumer<Throwable> onFailure) {
    Task<T> task =
        new Task<>() {
          @Override
          protected T call() {
            updateMessage(title);
            return work.get();
          }
        };
    task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
    task.setOnFailed(e -> onFailure.accept(task.getException()));
    return submit(task);
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
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
