package dev.assay.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.compare.DisagreementExport;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.FxThread;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compare screen's state and actions, without a window, on a real workbench. */
class CompareViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private CompareViewModel vm;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm =
        new CompareViewModel(
            w.models(),
            w.datasets(),
            w.comparisons(),
            w.comparisonStore(),
            new DisagreementExport(w.runs(), w.scratch().folder()),
            w.runtime(),
            tasks);
    vm.setErrorSink(errors::add);
    bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), "hmda-deny");
    bench.importCsv(TestModels.sample("data/hmda_test.csv"));
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  private void add(String ref) {
    vm.modelProperty()
        .set(vm.models().stream().filter(m -> m.ref().equals(ref)).findFirst().orElseThrow());
    vm.addContender();
  }

  @Test
  void aComparisonOfTwoVersionsIsShownStoredAndListed() throws Exception {
    FxThread.run(vm::refresh);
    assertThat(vm.models()).hasSize(2);
    assertThat(vm.pastComparisons()).isEmpty();

    FxThread.run(
        () -> {
          add("hmda-deny:1");
          add("hmda-deny:2");
          vm.datasetProperty().set(vm.datasets().getFirst());
          vm.targetProperty().set("deny");
          vm.run();
        });

    assertThat(errors).isEmpty();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.resultProperty().get()).isNotNull();
    assertThat(vm.resultProperty().get().results())
        .extracting(EvaluationResult::run)
        .extracting(EvaluationResult.Run::model)
        .containsExactly("hmda-deny:1", "hmda-deny:2");
    assertThat(w.comparisonStore().list()).hasSize(1);
    assertThat(vm.pastComparisons())
        .extracting(ComparisonStore.Summary::id)
        .containsExactly(w.comparisonStore().list().getFirst().id());
  }

  @Test
  void aVersionIsAddedOnceAndTwoAreNeeded() throws Exception {
    FxThread.run(vm::refresh);
    FxThread.run(
        () -> {
          add("hmda-deny:1");
          add("hmda-deny:1");
        });
    assertThat(vm.contenders()).hasSize(1);
    assertThat(errors).containsExactly("hmda-deny:1 is already in the comparison.");

    FxThread.run(() -> assertThat(vm.run()).isNull());
    assertThat(errors)
        .last()
        .isEqualTo("Add at least two model versions and choose a dataset and target first.");
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(w.comparisonStore().list()).isEmpty();
  }
}
