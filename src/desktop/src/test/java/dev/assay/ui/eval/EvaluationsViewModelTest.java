package dev.assay.ui.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunSummary;
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

/** The Evaluations screen's state and actions, without a window, on a real workbench. */
class EvaluationsViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private EvaluationsViewModel vm;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm =
        new EvaluationsViewModel(
            w.models(), w.datasets(), w.runs(), w.evaluations(), w.runtime(), tasks);
    vm.setErrorSink(errors::add);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  @Test
  void refreshListsWhatIsStoredAndAChosenDatasetOffersItsColumns() throws Exception {
    FxThread.run(vm::refresh);
    assertThat(vm.models()).isEmpty();
    assertThat(vm.datasets()).isEmpty();

    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    DatasetVersion data = bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    long run = bench.run(TestWorkbench.request(model, data, "deny", null)).run().id();
    FxThread.run(vm::refresh);

    assertThat(vm.models()).extracting(ModelVersion::id).containsExactly(model.id());
    assertThat(vm.datasets()).extracting(DatasetVersion::id).containsExactly(data.id());
    assertThat(vm.runs()).extracting(RunSummary::id).containsExactly(run);

    FxThread.run(() -> vm.datasetProperty().set(vm.datasets().getFirst()));
    assertThat(vm.columns())
        .containsExactlyElementsOf(data.profile().columns().stream().map(c -> c.name()).toList());
    assertThat(errors).isEmpty();
  }

  @Test
  void anEvaluationIsShownAndListedAmongTheRuns() throws Exception {
    bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    FxThread.run(vm::refresh);
    FxThread.run(
        () -> {
          vm.modelProperty().set(vm.models().getFirst());
          vm.datasetProperty().set(vm.datasets().getFirst());
          vm.targetProperty().set("deny");
        });
    FxThread.run(vm::run);

    assertThat(errors).isEmpty();
    assertThat(vm.runningProperty().get()).isFalse();
    EvaluationResult shown = vm.resultProperty().get();
    assertThat(shown).isNotNull();
    assertThat(shown.run().status()).isEqualTo("completed");
    assertThat(shown.rows()).isPositive();
    // the runs list was refreshed and holds the stored run, whose result matches what is shown
    assertThat(vm.runs()).extracting(RunSummary::id).containsExactly(shown.run().id());
    assertThat(w.runs().result(shown.run().id()).metrics().get("roc_auc"))
        .isEqualTo(shown.metrics().get("roc_auc"));

    FxThread.run(() -> vm.resultProperty().set(null));
    FxThread.run(() -> vm.open(vm.runs().getFirst()));
    assertThat(vm.resultProperty().get().run().id()).isEqualTo(shown.run().id());
    assertThat(vm.resultProperty().get().metrics().get("roc_auc"))
        .isEqualTo(shown.metrics().get("roc_auc"));
  }

  @Test
  void aFailedEvaluationSaysWhyAndIsStoredAsFailed() throws Exception {
    bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    FxThread.run(vm::refresh);
    FxThread.run(
        () -> {
          vm.modelProperty().set(vm.models().getFirst());
          vm.datasetProperty().set(vm.datasets().getFirst());
          vm.targetProperty().set("deny");
          vm.featuresProperty().set("no_such_column");
        });
    FxThread.run(vm::run);

    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst()).contains("no_such_column").doesNotContain("\n");
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.resultProperty().get()).isNull();
  }

  @Test
  void runningWithoutAChoiceAsksForOneAndStartsNothing() throws Exception {
    FxThread.run(() -> assertThat(vm.run()).isNull());

    assertThat(errors)
        .containsExactly("Choose a model version, a dataset and its target column first.");
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(w.runs().list(null)).isEmpty();
  }

  @Test
  void anEvaluationCancelledBeforeItStartsStopsQuietlyAndStoresNoRun() throws Exception {
    bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    FxThread.run(vm::refresh);
    FxThread.run(
        () -> {
          vm.modelProperty().set(vm.models().getFirst());
          vm.datasetProperty().set(vm.datasets().getFirst());
          vm.targetProperty().set("deny");
        });
    // cancel the evaluation as soon as it is handed to the background tasks
    tasks
        .currentProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null && vm.runningProperty().get()) {
                vm.cancel();
              }
            });
    FxThread.run(vm::run);

    assertThat(errors).isEmpty();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.resultProperty().get()).isNull();
    assertThat(w.runs().list(null)).isEmpty();
  }
}
