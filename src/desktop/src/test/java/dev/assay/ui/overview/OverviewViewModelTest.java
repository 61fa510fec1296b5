package dev.assay.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.compare.ComparisonRequest;
import dev.assay.core.compare.Contender;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.review.Decision;
import dev.assay.core.review.Role;
import dev.assay.core.security.ScanOptions;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Overview board, computed without a window from a real workbench. */
class OverviewViewModelTest {
  @TempDir Path temp;

  @Test
  void theBoardSaysPerVersionWhatIsKnownAndWhenASignOffWentStale() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      ModelVersion v1 = sample(w, 1);
      ModelVersion v2 = sample(w, 2);
      DatasetVersion data =
          w.datasets()
              .importDataset(
                  TestModels.sample("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      OverviewViewModel board =
          new OverviewViewModel(
              w.models(),
              w.runs(),
              w.comparisonStore(),
              w.fairness().reports(),
              w.security().reports(),
              w.reviews(),
              tasks);

      Map<String, VersionState> before = byModel(board.states());
      assertThat(before.keySet()).containsExactlyInAnyOrder("hmda-deny:1", "hmda-deny:2");
      VersionState empty = before.get("hmda-deny:1");
      for (Chip chip :
          List.of(
              empty.evaluation(),
              empty.comparison(),
              empty.fairness(),
              empty.security(),
              empty.drift(),
              empty.explained(),
              empty.signOff())) {
        assertThat(chip.state()).isEqualTo(Chip.State.MISSING);
      }
      assertThat(empty.security().label()).isEqualTo("– not scanned");
      assertThat(empty.security().detail()).isEqualTo("Scan it on Security.");

      long run =
          w.evaluations()
              .run(TestWorkbench.request(v2, data, "deny", null), Progress.NONE, Cancellation.NONE)
              .run()
              .id();
      double auc = ((Number) w.runs().result(run).metrics().get("roc_auc")).doubleValue();
      w.fairness()
          .report(
              run,
              FairnessSettings.of(List.of("afam")).withBootstrap(200, 3),
              Progress.NONE,
              Cancellation.NONE);
      w.reviews().grant("rita", Role.REVIEWER);
      w.reviews().signOff(v2, Decision.APPROVED, null, null, "MRO");
      // v1 scanned as a file with its bytes, not by name
      Path copy = Files.copy(TestModels.sample("hmda-deny-v1.onnx"), temp.resolve("x.onnx"));
      w.security()
          .reports()
          .store(
              w.security()
                  .scanner()
                  .scan(copy, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE),
              null);

      Map<String, VersionState> after = byModel(board.states());
      VersionState second = after.get("hmda-deny:2");
      assertThat(second.evaluation().state()).isEqualTo(Chip.State.GOOD);
      assertThat(second.evaluation().text())
          .isEqualTo(String.format(java.util.Locale.ROOT, "AUC %.4f", auc));
      assertThat(second.evaluation().detail())
          .startsWith("run " + run + " on ")
          .contains(String.format(java.util.Locale.ROOT, "%.4f (roc_auc)", auc));
      assertThat(second.fairness().text()).isIn("fair", "unfair");
      assertThat(second.fairness().detail()).startsWith("fairness report ");
      assertThat(second.fairness().state())
          .isEqualTo(
              second.fairness().text().endsWith("unfair") ? Chip.State.BAD : Chip.State.GOOD);
      assertThat(second.signOff())
          .isEqualTo(new Chip(Chip.State.GOOD, "approved", "current: approved by rita"));
      assertThat(second.comparison().state()).isEqualTo(Chip.State.MISSING);
      assertThat(after.get("hmda-deny:1").security().state()).isEqualTo(Chip.State.GOOD);
      assertThat(after.get("hmda-deny:1").security().text())
          .matches("nothing found|highest (low|info)");
      assertThat(after.get("hmda-deny:1").security().detail()).startsWith("scan report ");

      w.comparisons()
          .run(
              new ComparisonRequest(
                  List.of(new Contender(v1, null), new Contender(v2, null)),
                  data,
                  "deny",
                  null,
                  0,
                  1,
                  1e-5,
                  200,
                  7,
                  0),
              Progress.NONE,
              snapshot -> {},
              Cancellation.NONE);

      VersionState compared = byModel(board.states()).get("hmda-deny:2");
      assertThat(compared.comparison().state()).isEqualTo(Chip.State.GOOD);
      assertThat(compared.signOff().state()).isEqualTo(Chip.State.WARNING);
      assertThat(compared.signOff().text()).isEqualTo("stale: approved");
      assertThat(compared.signOff().detail())
          .startsWith("stale: approved by rita\nrun ")
          .contains("is newer than the signed-off run " + run);

      // every chip is one short line (the details are in its tooltip)
      for (VersionState state : List.of(second, compared)) {
        for (Chip chip :
            List.of(
                state.evaluation(),
                state.comparison(),
                state.fairness(),
                state.security(),
                state.signOff())) {
          assertThat(chip.label().length()).as(chip.label()).isLessThanOrEqualTo(24);
        }
      }
      board.show(board.states());
      board.filterProperty().set("stale");
      assertThat(board.rows()).extracting(VersionState::model).containsExactly("hmda-deny:2");
      board.filterProperty().set("not scanned");
      assertThat(board.rows()).extracting(VersionState::model).containsExactly("hmda-deny:2");
      board.filterProperty().set("");
      assertThat(board.rows()).hasSize(2);
    }
  }

  private static Map<String, VersionState> byModel(List<VersionState> states) {
    return states.stream().collect(Collectors.toMap(VersionState::model, Function.identity()));
  }

  private static ModelVersion sample(Workbench w, int version) {
    return w.models()
        .importModel(
            new ImportRequest(
                TestModels.sample("hmda-deny-v" + version + ".onnx"),
                "hmda-deny",
                version,
                null,
                List.of()),
            Progress.NONE,
            Cancellation.NONE)
        .model();
  }
}
