package dev.assay.ui.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.live.RolloutStore;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.monitor.RolloutPlan;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.ui.StoredMonitor;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Monitoring screen shows the rollout plans of the selected stream's version, read-only. */
class RolloutPanelTest {
  @TempDir Path temp;

  @Test
  void theSelectedStreamsRolloutPlansAndDecisionsAreShownUnderTheAbTest() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      StoredMonitor.Stream s = StoredMonitor.stream(w, temp, 0);
      Path copy =
          Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("hmda-deny-v2.onnx"));
      ModelVersion challenger =
          w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
      MonitorViewModel vm =
          new MonitorViewModel(w.monitors().reads(), w.monitors().alerts(), tasks, null);
      assertThat(vm.detail(s.id()).ab()).isEmpty();
      RolloutStore rollouts = w.monitors().rollouts();
      long plan =
          rollouts
              .create(challenger.id(), s.model().id(), new RolloutPlan(List.of(10, 100), 50, 0.02))
              .id();
      // window 1 of the stored stream drifted (pirat) and fired the rule acc: the gate rolls back
      StoredMonitor.add(s, 0, 2);
      vm.withRollouts(rollouts);
      assertThat(vm.detail(s.id()).ab())
          .isEqualTo(
              "Rollout "
                  + plan
                  + ": hmda-deny-v2:1 against hmda-deny-v1:1, stages 10,100 %: stage 1 of 2,"
                  + " gate: roll back");
      rollouts.decide(plan, false, "alice", "drift on pirat", false);
      assertThat(vm.detail(s.id()).ab())
          .isEqualTo(
              "Rollout "
                  + plan
                  + ": hmda-deny-v2:1 against hmda-deny-v1:1, stages 10,100 %: rolled back\n"
                  + "  stage 1 rollback by alice (gate roll back): drift on pirat");
    }
  }
}
