package dev.assay.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.FxThread;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Explanations screen's "New explanation" form, without a window, on a real workbench: what it
 * stores is what was chosen and is audited, the new explanation is selected, a cancel stores
 * nothing, and settings out of range are refused without running anything.
 */
class NewExplanationTest {
  @TempDir Path temp;

  @Test
  void theFormExplainsStoresAuditsAndSelectsOrStoresNothingWhenCancelledOrRefused()
      throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("m.onnx"));
      ModelVersion model =
          w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
      DatasetVersion data =
          w.datasets()
              .importDataset(
                  TestModels.sample("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      ExplanationsViewModel vm = new ExplanationsViewModel(w.explanations(), tasks);
      NewExplanation form = new NewExplanation(new ExplainLauncher(w), tasks, vm.state());

      FxThread.run(form::load);
      assertThat(form.models()).containsExactly(model);
      assertThat(form.datasets()).containsExactly(data);

      // refused at once: nothing runs, nothing is stored
      FxThread.run(() -> form.start(model, data, 0, 20, OutputSpace.LOGIT, 7));
      assertThat(form.messageProperty().get()).isEqualTo("rows must be 1 to 100000, not 0");
      FxThread.run(() -> form.start(model, null, 10, 20, OutputSpace.LOGIT, 7));
      assertThat(form.messageProperty().get()).isEqualTo("choose a model version and a dataset");
      assertThat(w.explanations().list(null)).isEmpty();

      // a cancel while it runs (the status bar's Cancel) stores nothing
      List<String> titles = new ArrayList<>();
      tasks
          .currentProperty()
          .addListener(
              (obs, old, now) -> {
                if (now != null) {
                  titles.add(now.getMessage());
                  if (titles.size() == 1) {
                    now.cancel();
                  }
                }
              });
      long auditBefore = w.auditEntries().size();
      FxThread.run(() -> form.start(model, data, 10, 20, OutputSpace.LOGIT, 7));
      assertThat(form.messageProperty().get()).isEqualTo("Cancelled: nothing was stored.");
      assertThat(form.runningProperty().get()).isFalse();
      assertThat(w.explanations().list(null)).isEmpty();
      assertThat(w.auditEntries()).hasSize((int) auditBefore);

      // explained as chosen, stored, audited and selected
      FxThread.run(() -> form.start(model, data, 10, 20, OutputSpace.LOGIT, 7));
      assertThat(w.explanations().list(null)).hasSize(1);
      long id = w.explanations().list(null).get(0).id();
      assertThat(form.messageProperty().get()).isEqualTo("Stored as explanation #" + id + ".");
      assertThat(vm.state().selectedProperty().get().id()).isEqualTo(id);
      assertThat(vm.state().items()).extracting(s -> s.id()).containsExactly(id);
      JsonNode doc = new ObjectMapper().readTree(w.explanations().get(id).json());
      assertThat(doc.path("output").asText()).isEqualTo("logit");
      assertThat(doc.path("seed").asLong()).isEqualTo(7);
      assertThat(doc.path("background").path("rows").asInt()).isEqualTo(20);
      assertThat(doc.path("rows")).hasSize(10);
      double base = doc.path("base_value").asDouble();
      for (JsonNode row : doc.path("rows")) {
        double sum = 0;
        for (JsonNode phi : row.path("attributions")) {
          sum += phi.asDouble();
        }
        // efficiency, recomputed here from the stored figures
        assertThat(base + sum).isCloseTo(row.path("prediction").asDouble(), within(1e-5));
      }
      assertThat(w.auditEntries())
          .filteredOn(e -> e.objectRef().equals("explanation:" + id))
          .extracting(e -> e.action())
          .containsExactly("explanation.report");
      assertThat(w.verifyAudit().intact()).isTrue();
      assertThat(titles).as("the cancelled run, the stored one, its detail read").hasSize(3);
    }
  }
}
