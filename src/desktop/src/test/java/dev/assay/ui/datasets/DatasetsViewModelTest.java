package dev.assay.ui.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.FxThread;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Datasets screen's state and actions, without a window, on a real workbench. */
class DatasetsViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private DatasetsViewModel vm;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm = new DatasetsViewModel(w.datasets(), tasks);
    vm.setErrorSink(errors::add);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  @Test
  void showingTheScreenListsWhatIsRegistered() throws Exception {
    DatasetVersion test = bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    assertThat(vm.datasets()).isEmpty();

    FxThread.run(vm::onActivate);

    assertThat(vm.datasets()).containsExactly(test);
    assertThat(errors).isEmpty();
  }

  @Test
  void importedFilesAreListedTheLastIsSelectedAndTheStatusSaysWhatHappened() throws Exception {
    FxThread.run(
        () ->
            vm.importFiles(
                List.of(
                    TestModels.sample("data/hmda_train.csv"),
                    TestModels.sample("data/hmda_test.csv"))));

    assertThat(errors).isEmpty();
    List<DatasetVersion> stored = w.datasets().list();
    assertThat(stored).hasSize(2);
    assertThat(vm.datasets()).containsExactlyElementsOf(stored);
    DatasetVersion selected = vm.selectedProperty().get();
    assertThat(selected.sha256())
        .isEqualTo(bench.importCsv(TestModels.sample("data/hmda_test.csv")).sha256());
    assertThat(vm.lastOutcomeProperty().get())
        .startsWith("Imported ")
        .contains("; Imported ")
        .endsWith(selected.ref());
  }

  @Test
  void theSameFileAgainIsReportedAsAlreadyRegistered() throws Exception {
    Path file = TestModels.sample("data/hmda_test.csv");
    FxThread.run(() -> vm.importFiles(List.of(file)));
    FxThread.run(() -> vm.importFiles(List.of(file)));

    assertThat(vm.lastOutcomeProperty().get())
        .isEqualTo("Already registered as " + vm.selectedProperty().get().ref());
    assertThat(vm.datasets()).hasSize(1);
    assertThat(errors).isEmpty();
  }

  @Test
  void aRefusedFileIsReportedAndTheOthersStayImported() throws Exception {
    Path empty = temp.resolve("empty.csv");
    Files.writeString(empty, "");
    FxThread.run(() -> vm.importFiles(List.of(empty, TestModels.sample("data/hmda_test.csv"))));

    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst()).doesNotStartWith("Something went wrong");
    assertThat(w.datasets().list()).hasSize(1);
    assertThat(vm.datasets()).containsExactlyElementsOf(w.datasets().list());
  }
}
