package dev.assay.ui.common;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
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
    return job(title, (progress, cancellation) -> work.get())
        .onSuccess(onSuccess)
        .onFailure(onFailure)
        .submit();
  }

  /**
   * A job titled {@code title} doing {@code work}: add handlers, then {@link Job#submit()}. The
   * work gets a {@link Progress} that moves the status bar and a {@link Cancellation} that turns
   * true when the user cancels.
   */
  public <T> Job<T> job(String title, Work<T> work) {
    return new Job<>(this, title, work);
  }

  /** What a user reads when background work fails: an Assay error's message, else the error. */
  public static String describe(Throwable error) {
    return error instanceof AssayException ? error.getMessage() : "Something went wrong: " + error;
  }

  /** Work that may report progress and notice a cancel. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Progress progress, Cancellation cancellation) throws Exception;
  }

  /**
   * One background job's handlers, all run on the FX thread: success, failure, cancel (a {@link
   * Cancellation.CancelledException} thrown by the work counts as a cancel, not a failure), and
   * {@code whenDone}, which runs first whichever way the job ends (a {@code running} flag goes off
   * there).
   */
  public static final class Job<T> {
    private final BackgroundTasks tasks;
    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = value -> {};
    private Consumer<Throwable> onFailure = error -> {};
    private Runnable onCancel = () -> {};
    private Runnable always = () -> {};

    private Job(BackgroundTasks tasks, String title, Work<T> work) {
      this.tasks = tasks;
      this.title = title;
      this.work = work;
    }

    public Job<T> onSuccess(Consumer<? super T> handler) {
      this.onSuccess = handler;
      return this;
    }

    public Job<T> onFailure(Consumer<Throwable> handler) {
      this.onFailure = handler;
      return this;
    }

    public Job<T> onCancel(Runnable handler) {
      this.onCancel = handler;
      return this;
    }

    /** Runs when the job ends, however it ends, before that ending's handler. */
    public Job<T> whenDone(Runnable handler) {
      this.always = handler;
      return this;
    }

    /** Submits the job (on the FX thread) and returns its task, which the caller may cancel. */
    public Task<T> submit() {
      return tasks.submit(task());
    }

    /**
     * The job's task with its handlers, not yet submitted: for a caller that submits it later
     * ({@link BackgroundTasks#submit(Task)}).
     */
    public Task<T> task() {
      Task<T> task =
          new Task<>() {
            @Override
            protected T call() throws Exception {
              updateMessage(title);
              Cancellation cancellation = this::isCancelled;
              return work.run(
                  (done, total, message) -> {
                    if (total > 0) {
                      updateProgress(done, total);
                    }
                    if (message != null) {
                      updateMessage(message);
                    }
                  },
                  cancellation);
            }
          };
      task.setOnSucceeded(
          e -> {
            always.run();
            onSuccess.accept(task.getValue());
          });
      task.setOnFailed(
          e -> {
            always.run();
            if (task.getException() instanceof Cancellation.CancelledException) {
              onCancel.run();
            } else {
              onFailure.accept(task.getException());
            }
          });
      task.setOnCancelled(
          e -> {
            always.run();
            onCancel.run();
          });
      return task;
    }
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
