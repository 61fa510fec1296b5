package dev.assay.ui.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.StoredMonitor;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.FxThread;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Monitoring screen's model over a real workbench, polled as a running monitor stores. */
class MonitorViewModelTest {
  @TempDir Path temp;

  @Test
  void aStreamReadsAsWindowRowsWithDriftAndAlertStateAndPollsReadOnlyNewWindows() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      List<Runnable> timers = new ArrayList<>();
      MonitorViewModel vm =
          new MonitorViewModel(
              w.monitors().reads(),
              w.monitors().alerts(),
              tasks,
              (millis, task) -> {
                assertThat(millis).isEqualTo(MonitorViewModel.POLL_MILLIS);
                timers.add(task);
                return () -> timers.remove(task);
              });
      assertThat(vm.list()).isEmpty();
      assertThat(MonitorViewModel.EMPTY).contains("assay monitor --model NAME:VERSION");

      StoredMonitor.Stream s = StoredMonitor.stream(w, temp, 2);
      assertThat(vm.list())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.model()).isEqualTo("hmda-deny-v1:1");
                assertThat(x.reference()).isEqualTo("hmda_train:1");
                assertThat(x.windows()).isEqualTo(2);
              });

      FxThread.run(vm::onActivate);
      assertThat(timers).hasSize(1);
      MonitorViewModel.Detail d = vm.detailProperty().get();
      assertThat(d.heading()).isEqualTo("hmda-deny-v1:1 on events.jsonl");
      assertThat(d.summary())
          .isEqualTo("reference hmda_train:1; 2 windows stored, 1 flagged; 1 alert fired");
      assertThat(vm.windows())
          .containsExactly(
              new MonitorViewModel.WindowRow(0, 100, 100, 0.9, List.of(), 0, false, 0, List.of()),
              new MonitorViewModel.WindowRow(
                  1, 100, 100, 0.6, List.of("pirat"), 0.5, false, 0, List.of("acc")));
      assertThat(vm.windows())
          .extracting(MonitorViewModel.WindowRow::state)
          .containsExactly("✓ ok", "✗ alert: acc");

      // a running monitor stores two more windows; the next poll shows them
      StoredMonitor.add(s, 2, 4);
      FxThread.run(timers.getFirst());
      assertThat(vm.windows())
          .extracting(MonitorViewModel.WindowRow::index)
          .containsExactly(0L, 1L, 2L, 3L);
      assertThat(vm.windows().get(2).accuracy()).isNaN();
      assertThat(vm.windows().get(3).state()).isEqualTo("✓ ok");
      assertThat(vm.detailProperty().get().summary())
          .isEqualTo("reference hmda_train:1; 4 windows stored, 1 flagged; 1 alert fired");
      assertThat(vm.streams().getFirst().windows()).isEqualTo(4);
      // only what is new is read: the cached rows match a fresh read
      assertThat(
              new MonitorViewModel(w.monitors().reads(), w.monitors().alerts(), tasks, null)
                  .detail(s.id()))
          .isEqualTo(vm.detailProperty().get());

      FxThread.run(vm::onDeactivate);
      assertThat(timers).isEmpty();
    }
  }

  @Test
  void aDriftedWindowWithoutAnAlertSaysWhatDrifted() {
    var row =
        new MonitorViewModel.WindowRow(
            5, 10, 0, Double.NaN, List.of("a", "b"), 1, true, 0, List.of());
    assertThat(row.state()).isEqualTo("✗ drift: a, b, prediction");
    assertThat(
            new MonitorViewModel.WindowRow(5, 10, 0, 1, List.of(), 0, false, 2, List.of()).state())
        .isEqualTo("! 2 concept-drift signals");
  }

  @Test
  void theAbPanelShowsTheNewestWindowsVerdictAndEvidenceAndTheEstimateIsAColumn() {
    dev.assay.core.monitor.AbTest test =
        new dev.assay.core.monitor.AbTest(dev.assay.core.monitor.AbTest.Settings.DEFAULTS);
    for (int i = 0; i < 1000; i++) {
      test.prediction("champion", i % 2 == 0 ? "1" : "0");
      test.labelled("champion", i % 10 != 0);
      test.prediction("challenger", i % 4 == 0 ? "1" : "0");
      test.labelled("challenger", i % 4 != 0);
    }
    dev.assay.core.monitor.AbWindow ab =
        test.close(3, List.of(), new dev.assay.core.monitor.LabelBook(1));
    dev.assay.core.monitor.WindowResult plain =
        new dev.assay.core.monitor.WindowResult(
            3,
            0,
            99,
            java.time.Instant.EPOCH,
            java.time.Instant.EPOCH,
            100,
            0,
            null,
            0,
            0,
            0,
            0,
            0,
            List.of(),
            List.of(),
            null,
            List.of(),
            null,
            new dev.assay.core.monitor.WindowResult.Estimated(100, 0.8125, 0.01, null, true, "1"));
    MonitorViewModel.Detail without = MonitorViewModel.detail(null, 1, List.of(plain), List.of());
    assertThat(without.ab()).isEmpty();
    assertThat(without.windows().getFirst().estimated()).isEqualTo(0.8125);
    MonitorViewModel.Detail with =
        MonitorViewModel.detail(null, 1, List.of(plain.withAb(ab)), List.of());
    assertThat(ab.verdict()).isEqualTo("stop: challenger worse");
    assertThat(with.ab())
        .startsWith(
            "A/B test (mixture SPRT, α 0.05, τ 0.05) after window 3: stop: challenger worse"
                + " (decided at window 3)")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "accuracy challenger − champion -0.1500 [%+.4f, %+.4f]",
                ab.accuracy().lower(),
                ab.accuracy().upper()))
        .contains("1000 champion / 1000 challenger labelled")
        .contains("rate of predicted 1 challenger − champion -0.2500");
  }
}
