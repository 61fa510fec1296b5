package dev.assay.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.ui.StoredAnalyses;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Overview's "drift" and "explained" chips follow the version's newest stored reports. */
class OverviewAnalysesChipsTest {
  @TempDir Path temp;

  @Test
  void theDriftAndExplainedChipsNameTheNewestReportAndItsVerdict() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("m.onnx"));
      ModelVersion model =
          w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
      DatasetVersion train = data(w, "hmda_train.csv");
      DatasetVersion test = data(w, "hmda_test.csv");
      OverviewViewModel plain =
          new OverviewViewModel(
              w.models(),
              w.runs(),
              w.comparisonStore(),
              w.fairness().reports(),
              w.security().reports(),
              w.reviews(),
              tasks);
      OverviewViewModel board =
          new OverviewViewModel(
                  w.models(),
                  w.runs(),
                  w.comparisonStore(),
                  w.fairness().reports(),
                  w.security().reports(),
                  w.reviews(),
                  tasks)
              .withAnalyses(w.driftReports(), w.explanations());

      VersionState before = board.states().getFirst();
      // short in the cell, how to make one in the tooltip
      assertThat(before.drift().label()).isEqualTo("– no drift report");
      assertThat(before.drift().tooltip())
          .isEqualTo(
              "no drift report\nRun `assay drift --model "
                  + model.ref()
                  + " --reference … --current …`; its reports are listed on Drift.");
      assertThat(before.explained().label()).isEqualTo("– not explained");
      assertThat(before.explained().detail()).startsWith("Run `assay explain --model ");

      // a report of no model version does not count for it
      StoredAnalyses.driftReport(w, train, test);
      assertThat(board.states().getFirst().drift().state()).isEqualTo(Chip.State.MISSING);
      long drift = StoredAnalyses.driftReport(w, model, train, test);
      long explained = StoredAnalyses.explanation(w, model, test, temp).id();

      VersionState after = board.states().getFirst();
      assertThat(after.drift())
          .isEqualTo(
              new Chip(
                  Chip.State.BAD,
                  "drift in 2 features",
                  "drift report "
                      + drift
                      + ": drift in pirat, chist\nreference "
                      + train.ref()
                      + ", current "
                      + test.ref()));
      assertThat(after.explained().state()).isEqualTo(Chip.State.GOOD);
      assertThat(after.explained().label()).isEqualTo("✓ linear, 10 rows");
      assertThat(after.explained().detail())
          .startsWith("explanation " + explained + ": linear (logit output) of 10 rows of ")
          .contains("; efficiency error at most ");
      // every chip's text fits a cell: at most 24 characters
      for (Chip chip :
          java.util.List.of(before.drift(), before.explained(), after.drift(), after.explained())) {
        assertThat(chip.label().length()).as(chip.label()).isLessThanOrEqualTo(24);
      }
      assertThat(plain.states().getFirst().drift()).isEqualTo(Chip.missing("not recorded"));
    }
  }

  private static DatasetVersion data(Workbench w, String file) {
    return w.datasets()
        .importDataset(TestModels.sample("data/" + file), null, Progress.NONE, Cancellation.NONE)
        .dataset();
  }
}
