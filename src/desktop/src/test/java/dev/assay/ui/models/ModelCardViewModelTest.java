package dev.assay.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.ModelCardStore;
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

/** The model card editor's state, without a window, on a real workbench. */
class ModelCardViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private final ObjectProperty<ModelVersion> selected = new SimpleObjectProperty<>();
  private ModelCardViewModel vm;
  private ModelVersion v1;
  private ModelVersion v2;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    v1 = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    v2 = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), "hmda-deny");
    tasks = BackgroundTasks.onCallingThread();
    vm = new ModelCardViewModel(w.modelCards(), tasks, selected);
    vm.setErrorSink(errors::add);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  @Test
  void aVersionWithoutACardShowsEmptyFieldsAndSaysItIsNotWritten() throws Exception {
    FxThread.run(() -> selected.set(v1));

    assertThat(vm.ownerProperty().get()).isEmpty();
    assertThat(vm.intendedUseProperty().get()).isEmpty();
    assertThat(vm.statusProperty().get()).startsWith("Not written yet.");
    assertThat(vm.dirtyProperty().get()).isFalse();
    assertThat(errors).isEmpty();
  }

  @Test
  void anEditedCardIsSavedForTheSelectedVersionAndLoadsAgainWhenReselected() throws Exception {
    FxThread.run(() -> selected.set(v1));
    FxThread.run(
        () -> {
          vm.ownerProperty().set("Credit risk team");
          vm.intendedUseProperty().set("Pre-screening of mortgage applications");
          vm.outOfScopeProperty().set("Final decisions");
          vm.limitationsProperty().set("Trained on 2017 data");
        });
    assertThat(vm.dirtyProperty().get()).isTrue();

    FxThread.run(vm::save);

    assertThat(errors).isEmpty();
    assertThat(vm.dirtyProperty().get()).isFalse();
    assertThat(vm.statusProperty().get()).startsWith("Saved 20").endsWith(" by tester.");
    ModelCard stored = w.modelCards().get(v1);
    assertThat(stored.owner()).isEqualTo("Credit risk team");
    assertThat(stored.intendedUse()).isEqualTo("Pre-screening of mortgage applications");
    assertThat(stored.outOfScope()).isEqualTo("Final decisions");
    assertThat(stored.limitations()).isEqualTo("Trained on 2017 data");
    assertThat(w.modelCards().get(v2).isEmpty()).isTrue();

    FxThread.run(() -> selected.set(v2));
    assertThat(vm.ownerProperty().get()).isEmpty();
    assertThat(vm.dirtyProperty().get()).isFalse();
    FxThread.run(() -> selected.set(v1));
    assertThat(vm.ownerProperty().get()).isEqualTo("Credit risk team");
    assertThat(vm.limitationsProperty().get()).isEqualTo("Trained on 2017 data");
    assertThat(vm.dirtyProperty().get()).isFalse();
  }

  @Test
  void aFieldOverTheLimitIsRefusedWithOneClearMessageAndStaysEdited() throws Exception {
    FxThread.run(() -> selected.set(v1));
    FxThread.run(
        () -> vm.limitationsProperty().set("x".repeat(ModelCardStore.MAX_FIELD_LENGTH + 1)));

    FxThread.run(vm::save);

    assertThat(errors)
        .containsExactly(
            "the model card's limitations is "
                + (ModelCardStore.MAX_FIELD_LENGTH + 1)
                + " characters; at most "
                + ModelCardStore.MAX_FIELD_LENGTH
                + " are kept");
    assertThat(vm.dirtyProperty().get()).isTrue();
    assertThat(w.modelCards().get(v1).isEmpty()).isTrue();
  }

  @Test
  void nothingSelectedSavesNothing() throws Exception {
    assertThat(FxThread.call(vm::save)).isNull();
    assertThat(errors).isEmpty();
  }
}
