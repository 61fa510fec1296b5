package dev.assay.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.junit.jupiter.api.Test;

/** The calling-thread helper the ViewModel tests use: same handlers, no worker thread. */
class BackgroundTasksTest {
  private final List<String> seen = new ArrayList<>();

  @Test
  void workRunsOnTheCallingThreadAndItsSuccessHandlerFollows() throws Exception {
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      AtomicReference<Thread> worker = new AtomicReference<>();
      Thread fx =
          FxThread.call(
              () -> {
                tasks.run(
                    "adding",
                    () -> {
                      worker.set(Thread.currentThread());
                      return 1 + 1;
                    },
                    sum -> seen.add("sum " + sum),
                    error -> seen.add("error " + error.getMessage()));
                seen.add("submitted");
                return Thread.currentThread();
              });
      assertThat(worker.get()).isSameAs(fx);
      assertThat(seen).containsExactly("submitted", "sum 2");
      assertThat(tasks.currentProperty().get()).isNull();
    }
  }

  @Test
  void aFailureReachesTheFailureHandler() throws Exception {
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      FxThread.run(
          () ->
              tasks.run(
                  "failing",
                  () -> {
                    throw new IllegalStateException("broken");
                  },
                  value -> seen.add("value " + value),
                  error -> seen.add("error " + error.getMessage())));
      assertThat(seen).containsExactly("error broken");
    }
  }

  @Test
  void aTaskCancelledWhenItBecomesCurrentNeverRunsAndIsCancelled() throws Exception {
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      tasks
          .currentProperty()
          .addListener(
              (obs, old, now) -> {
                if (now != null) {
                  now.cancel();
                }
              });
      Task<Integer> task =
          FxThread.call(
              () ->
                  tasks.run(
                      "cancelled",
                      () -> {
                        seen.add("ran");
                        return 1;
                      },
                      value -> seen.add("value " + value),
                      error -> seen.add("error")));
      assertThat(seen).isEmpty();
      assertThat(FxThread.call(task::getState)).isEqualTo(Worker.State.CANCELLED);
    }
  }

  @Test
  void afterCloseATaskIsCancelledNotRun() throws Exception {
    BackgroundTasks tasks = BackgroundTasks.onCallingThread();
    tasks.close();
    FxThread.run(() -> tasks.run("late", () -> seen.add("ran"), ok -> {}, error -> {}));
    assertThat(seen).isEmpty();
  }

  @Test
  void offTheFxThreadItRefusesWithAClearMessage() {
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      assertThatThrownBy(() -> tasks.run("x", () -> 1, ok -> {}, error -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("FX application thread");
    }
  }

  @Test
  void aJobReportsProgressAndEndsWithWhenDoneThenSuccess() throws Exception {
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      Task<String> task =
          FxThread.call(
              () ->
                  tasks
                      .job(
                          "counting",
                          (progress, cancellation) -> {
                            progress.update(3, 4, "three of four");
                            return "counted";
                          })
                      .whenDone(() -> seen.add("done"))
                      .onSuccess(value -> seen.add("value " + value))
                      .onFailure(error -> seen.add("error"))
                      .onCancel(() -> seen.add("cancel"))
                      .submit());
      assertThat(seen).containsExactly("done", "value counted");
      assertThat(FxThread.call(task::getProgress)).isEqualTo(0.75);
      assertThat(FxThread.call(task::getMessage)).isEqualTo("three of four");
    }
  }

  @Test
  void workThatStopsWithCancelledIsACancelNotAFailure() throws Exception {
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      FxThread.run(
          () ->
              tasks
                  .job(
                      "stopping",
                      (progress, cancellation) -> {
                        throw new dev.assay.core.Cancellation.CancelledException();
                      })
                  .whenDone(() -> seen.add("done"))
                  .onFailure(error -> seen.add("error"))
                  .onCancel(() -> seen.add("cancel"))
                  .submit());
      assertThat(seen).containsExactly("done", "cancel");
    }
  }

  @Test
  void aFailureReadsAsTheAssayMessageOrSaysSomethingWentWrong() throws Exception {
    ErrorSink errors = new ErrorSink();
    errors.set(seen::add);
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      FxThread.run(
          () -> {
            tasks
                .job(
                    "refused",
                    (progress, cancellation) -> {
                      throw new dev.assay.core.AssayException("no model version x:1");
                    })
                .onFailure(errors::fail)
                .submit();
            tasks
                .job(
                    "broken",
                    (progress, cancellation) -> {
                      throw new IllegalStateException("bug");
                    })
                .onFailure(errors::fail)
                .submit();
          });
      assertThat(seen)
          .containsExactly(
              "no model version x:1", "Something went wrong: java.lang.IllegalStateException: bug");
    }
  }
}
