package dev.assay.ui.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.fairness.FairnessReportSummary;
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

/** The Fairness screen's state and actions, without a window, on a real workbench. */
class FairnessViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private FairnessViewModel vm;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm =
        new FairnessViewModel(
            w.models(), w.datasets(), w.runs(), w.evaluations(), w.fairness(), tasks);
    vm.setErrorSink(errors::add);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  /**
   * A refresh (after each report) leaves the lists that did not change as they are: replacing them
   * would remake the choosers' cells and menus in a frame of their own, for nothing. Only the
   * stored reports gain the new one.
   */
  @Test
  void aRefreshReplacesOnlyTheListsThatChanged() throws Exception {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    DatasetVersion data = bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    long run = bench.run(TestWorkbench.request(model, data, "deny", null)).run().id();
    FxThread.run(vm::refresh);
    List<String> changed = new ArrayList<>();
    FxThread.run(
        () -> {
          vm.runs()
              .addListener(
                  (javafx.collections.ListChangeListener<Object>) c -> changed.add("runs"));
          vm.models()
              .addListener(
                  (javafx.collections.ListChangeListener<Object>) c -> changed.add("models"));
          vm.datasets()
              .addListener(
                  (javafx.collections.ListChangeListener<Object>) c -> changed.add("datasets"));
          vm.reports()
              .addListener(
                  (javafx.collections.ListChangeListener<Object>) c -> changed.add("reports"));
        });

    FxThread.run(vm::refresh);
    assertThat(changed).as("nothing stored meanwhile").isEmpty();

    FxThread.run(() -> vm.runProperty().set(vm.runs().getFirst()));
    FxThread.run(
        () -> {
          vm.sensitive().setAll("afam");
          vm.createReport();
        });
    assertThat(errors).isEmpty();
    assertThat(changed).containsExactly("reports");
    assertThat(vm.reports()).hasSize(1);
    assertThat(vm.runProperty().get().id()).isEqualTo(run);
    assertThat(vm.runs()).extracting(RunSummary::id).containsExactly(run);
    assertThat(vm.models()).containsExactly(model);
    assertThat(vm.datasets()).containsExactly(data);
  }

  @Test
  void aReportOnAChosenRunIsShownStoredAndListed() throws Exception {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    DatasetVersion data = bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    long run = bench.run(TestWorkbench.request(model, data, "deny", null)).run().id();
    FxThread.run(vm::refresh);
    assertThat(vm.runs()).extracting(RunSummary::id).containsExactly(run);
    assertThat(vm.reports()).isEmpty();

    FxThread.run(() -> vm.runProperty().set(vm.runs().getFirst()));
    assertThat(vm.columns()).contains("afam").doesNotContain("deny");
    assertThat(vm.classes()).containsExactly("0", "1");

    FxThread.run(
        () -> {
          vm.sensitive().setAll("afam");
          vm.createReport();
        });

    assertThat(errors).isEmpty();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.reportProperty().get()).isNotNull();
    assertThat(vm.reportProperty().get().report().attributes()).hasSize(1);
    assertThat(vm.attributeProperty().get())
        .isEqualTo(vm.reportProperty().get().report().attributes().getFirst());
    assertThat(vm.reports())
        .extracting(FairnessReportSummary::id)
        .containsExactly(vm.reportProperty().get().id());
    assertThat(w.fairness().reports().list(null)).hasSize(1);
  }

  @Test
  void withoutASensitiveColumnOrARunItAsksForThemAndStartsNothing() throws Exception {
    FxThread.run(() -> assertThat(vm.createReport()).isNull());
    assertThat(errors).containsExactly("Choose at least one sensitive column.");

    FxThread.run(
        () -> {
          vm.sensitive().setAll("afam");
          assertThat(vm.createReport()).isNull();
        });
    assertThat(errors)
        .last()
        .isEqualTo("Choose a completed run, or a model version, a dataset and its target.");
    assertThat(vm.runningProperty().get()).isFalse();
  }

  @Test
  void aReportOnAColumnThatIsNotThereFailsWithOneLineAndStoresNothing() throws Exception {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    DatasetVersion data = bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    bench.run(TestWorkbench.request(model, data, "deny", null));
    FxThread.run(vm::refresh);
    FxThread.run(
        () -> {
          vm.runProperty().set(vm.runs().getFirst());
          vm.sensitive().setAll("no_such_column");
          vm.createReport();
        });

    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst()).contains("no_such_column").doesNotContain("\n");
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.reportProperty().get()).isNull();
    assertThat(w.fairness().reports().list(null)).isEmpty();
  }
}
