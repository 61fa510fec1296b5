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
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The robustness part of the Security screen, without a window, on a real workbench. */
class RobustnessViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private final ObjectProperty<ModelVersion> model = new SimpleObjectProperty<>();
  private RobustnessViewModel vm;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm = new RobustnessViewModel(w.datasets(), w.security(), tasks, model);
    vm.setErrorSink(errors::add);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  @Test
  void choosingADatasetListsItsColumnsAndTheModelsDeclaredTarget() throws Exception {
    ModelVersion version = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    FxThread.run(vm::refresh);
    assertThat(vm.datasets()).hasSize(1);

    FxThread.run(() -> vm.datasetProperty().set(vm.datasets().getFirst()));
    // no model yet: the last column stands in for the target
    assertThat(vm.columns()).startsWith("pirat", "hirat", "lvrat").endsWith("deny").hasSize(14);
    assertThat(vm.targetProperty().get()).isEqualTo("deny");

    FxThread.run(() -> vm.targetProperty().set("afam"));
    FxThread.run(() -> model.set(version));
    // the model declares assay.target = deny: choosing it suggests that column
    assertThat(vm.targetProperty().get()).isEqualTo("deny");
    assertThat(errors).isEmpty();
  }

  @Test
  void runningWithoutAChoiceAsksForOne() throws Exception {
    FxThread.run(() -> assertThat(vm.run()).isNull());

    assertThat(errors)
        .containsExactly("Choose a model version, a dataset and its target column first.");
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(w.security().reports().list()).isEmpty();
  }

  @Test
  void aRunIsShownAndStoredForTheVersion() throws Exception {
    ModelVersion version = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    FxThread.run(vm::refresh);
    FxThread.run(
        () -> {
          model.set(version);
          vm.datasetProperty().set(vm.datasets().getFirst());
          vm.attackRowsProperty().set(0);
          vm.run();
        });

    assertThat(errors).isEmpty();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.messageProperty().get()).isEqualTo("Done.");
    assertThat(vm.reportProperty().get()).isNotNull();
    assertThat(vm.reportProperty().get().target()).isEqualTo("deny");
    assertThat(w.security().reports().forModel(version.id()))
        .extracting(r -> r.kind())
        .containsExactly("robustness");
  }

  @Test
  void aCancelledRunStopsQuietlyAndStoresNothing() throws Exception {
    ModelVersion version = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    FxThread.run(vm::refresh);
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
          model.set(version);
          vm.datasetProperty().set(vm.datasets().getFirst());
          vm.run();
        });

    assertThat(errors).isEmpty();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.messageProperty().get()).isEqualTo("Cancelled.");
    assertThat(vm.reportProperty().get()).isNull();
    assertThat(w.security().reports().list()).isEmpty();
  }
}
