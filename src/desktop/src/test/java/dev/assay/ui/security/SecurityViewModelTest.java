package dev.assay.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.model.ModelVersion;
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

/** The Security screen's state and actions, without a window, on a real workbench. */
class SecurityViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private SecurityViewModel vm;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm = new SecurityViewModel(w.models(), w.datasets(), w.security(), tasks);
    vm.setErrorSink(errors::add);
    vm.isolateProperty().set(false);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  @Test
  void refreshListsTheStoredVersionsAndDatasetsAndKeepsTheChoice() throws Exception {
    ModelVersion v1 = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    FxThread.run(vm::refresh);
    assertThat(vm.models()).extracting(ModelVersion::ref).containsExactly("hmda-deny:1");
    assertThat(vm.robustness().datasets()).isEmpty();

    FxThread.run(() -> vm.modelProperty().set(vm.models().getFirst()));
    bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), "hmda-deny");
    bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    FxThread.run(vm::refresh);

    assertThat(vm.models())
        .extracting(ModelVersion::ref)
        .containsExactlyInAnyOrder("hmda-deny:1", "hmda-deny:2");
    assertThat(vm.modelProperty().get().id()).isEqualTo(v1.id());
    assertThat(vm.robustness().datasets()).hasSize(1);
    assertThat(errors).isEmpty();
  }

  @Test
  void aScanOfTheChosenVersionIsShownAndStoredForIt() throws Exception {
    ModelVersion v1 = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    FxThread.run(vm::refresh);
    FxThread.run(
        () -> {
          vm.modelProperty().set(vm.models().getFirst());
          vm.scanModel();
        });

    assertThat(errors).isEmpty();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.reportProperty().get()).isNotNull();
    assertThat(vm.findings()).containsExactlyElementsOf(vm.reportProperty().get().findings());
    assertThat(w.security().reports().forModel(v1.id())).hasSize(1);
  }

  @Test
  void aFailedScanSaysWhyInOneLineAndStoresNothing() throws Exception {
    FxThread.run(() -> vm.scanFile(temp.resolve("missing.onnx")));

    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst()).doesNotContain("\n").contains("missing.onnx");
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.reportProperty().get()).isNull();
    assertThat(w.security().reports().list()).isEmpty();
  }

  @Test
  void scanningWithoutAChoiceAsksForOne() throws Exception {
    FxThread.run(() -> assertThat(vm.scanModel()).isNull());

    assertThat(errors).containsExactly("Choose a model version to scan, or scan a file.");
    assertThat(vm.runningProperty().get()).isFalse();
  }

  @Test
  void aCancelledScanStopsQuietlyAndStoresNothing() throws Exception {
    bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    FxThread.run(vm::refresh);
    // cancel as soon as the scan is handed to the background tasks
    tasks
        .currentProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null) {
                vm.cancel();
              }
            });
    FxThread.run(
        () -> {
          vm.modelProperty().set(vm.models().getFirst());
          vm.scanModel();
        });

    assertThat(errors).isEmpty();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.reportProperty().get()).isNull();
    assertThat(w.security().reports().list()).isEmpty();
  }
}
