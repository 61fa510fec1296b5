package dev.assay.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.ContentStore;
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

/** The Models screen's state and actions, without a window, on a real workbench. */
class ModelsViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private ModelsViewModel vm;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm = new ModelsViewModel(w.models(), tasks, version -> "signature of " + version.ref());
    vm.setErrorSink(errors::add);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  @Test
  void importedFilesAreListedTheLastIsSelectedWithItsFilesAndSignature() throws Exception {
    FxThread.run(
        () ->
            vm.importFiles(
                List.of(
                    TestModels.sample("hmda-deny-v1.onnx"),
                    TestModels.sample("hmda-deny-v2.onnx"))));

    assertThat(errors).isEmpty();
    List<ModelVersion> stored = w.models().list();
    assertThat(stored).hasSize(2);
    assertThat(vm.models()).containsExactlyInAnyOrderElementsOf(stored);
    assertThat(vm.lastOutcomeProperty().get())
        .isEqualTo(
            "Imported "
                + refOf(stored, "hmda-deny-v1.onnx")
                + "; Imported "
                + refOf(stored, "hmda-deny-v2.onnx"));
    ModelVersion selected = vm.selectedProperty().get();
    assertThat(selected.ref()).isEqualTo(refOf(stored, "hmda-deny-v2.onnx"));
    assertThat(vm.selectedFiles())
        .extracting(ContentStore.StoredFile::sha256)
        .containsExactlyElementsOf(
            w.models().files(selected).stream().map(ContentStore.StoredFile::sha256).toList());
    assertThat(vm.selectedSignatureProperty().get()).isEqualTo("signature of " + selected.ref());
  }

  @Test
  void theSameFileAgainIsReportedAsAlreadyRegistered() throws Exception {
    Path file = TestModels.sample("hmda-deny-v1.onnx");
    FxThread.run(() -> vm.importFiles(List.of(file)));
    String ref = vm.selectedProperty().get().ref();
    FxThread.run(() -> vm.importFiles(List.of(file)));

    assertThat(vm.lastOutcomeProperty().get())
        .isEqualTo("Already registered as " + ref + " (identical file)");
    assertThat(vm.models()).hasSize(1);
    assertThat(errors).isEmpty();
  }

  @Test
  void aRefusedFileIsReportedInOneMessageAndTheOthersStayImported() throws Exception {
    Path broken = temp.resolve("broken.onnx");
    Files.writeString(broken, "this is not an ONNX model");
    FxThread.run(() -> vm.importFiles(List.of(broken, TestModels.sample("hmda-deny-v1.onnx"))));

    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst()).doesNotStartWith("Something went wrong").doesNotContain("\n");
    assertThat(w.models().list()).hasSize(1);
    // the screen shows what was imported even though the batch failed
    assertThat(vm.models()).containsExactlyElementsOf(w.models().list());
  }

  @Test
  void removingAVersionTellsTheStatusBarAndEmptiesTheList() throws Exception {
    ModelVersion v1 = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    FxThread.run(vm::refresh);
    assertThat(vm.models()).containsExactly(v1);
    FxThread.run(() -> vm.selectedProperty().set(vm.models().getFirst()));

    FxThread.run(() -> vm.remove(v1));

    assertThat(vm.lastOutcomeProperty().get()).isEqualTo("Removed hmda-deny:1");
    assertThat(vm.models()).isEmpty();
    assertThat(vm.selectedProperty().get()).isNull();
    assertThat(w.models().list()).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void removingAVersionThatIsGoneSaysSo() throws Exception {
    ModelVersion v1 = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    w.models().remove(new dev.assay.core.model.ModelRef("hmda-deny", 1));

    FxThread.run(() -> vm.remove(v1));

    assertThat(errors).singleElement().asString().contains("hmda-deny:1");
    assertThat(errors.getFirst()).doesNotStartWith("Something went wrong");
  }

  private static String refOf(List<ModelVersion> stored, String file) {
    return stored.stream()
        .filter(v -> v.sourcePath().endsWith(file))
        .findFirst()
        .orElseThrow()
        .ref();
  }
}
