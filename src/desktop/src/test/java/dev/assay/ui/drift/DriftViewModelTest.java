package dev.assay.ui.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.ui.StoredAnalyses;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Drift screen's model, read without a window from a real workbench. */
class DriftViewModelTest {
  @TempDir Path temp;

  @Test
  void aStoredReportReadsAsPerFeatureVerdictsWithTheOverallVerdictAndDatasets() {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      DriftViewModel vm = new DriftViewModel(w.driftReports(), tasks);
      assertThat(vm.list()).isEmpty();
      assertThat(DriftViewModel.EMPTY)
          .contains("assay drift --model NAME:VERSION --reference D --current D2");

      DatasetVersion train = data(w, "hmda_train.csv");
      DatasetVersion test = data(w, "hmda_test.csv");
      long id = StoredAnalyses.driftReport(w, train, test);

      assertThat(vm.list()).extracting(s -> s.id()).containsExactly(id);
      DriftViewModel.Detail d = vm.detail(id);
      assertThat(d.heading()).isEqualTo("Drift report #" + id);
      assertThat(d.drift()).isTrue();
      assertThat(d.verdict()).isEqualTo("✗ DRIFT: 2 of 3 features drifted");
      assertThat(d.datasets())
          .isEqualTo(
              "reference "
                  + train.ref()
                  + " ("
                  + train.rows()
                  + " rows)  →  current "
                  + test.ref()
                  + " ("
                  + test.rows()
                  + " rows)");
      assertThat(d.settings()).startsWith("α = 0.05, holm correction, created ").endsWith("rita");
      assertThat(d.features())
          .containsExactly(
              new DriftViewModel.FeatureRow(
                  "pirat", "numeric", "KS (exact)", 0.3125, 2.5e-8, 0.3125, "ks", 0.05, true, ""),
              new DriftViewModel.FeatureRow(
                  "chist",
                  "categorical",
                  "chi² (dof 2)",
                  4.75,
                  0.18,
                  0.02,
                  "linf",
                  0.04,
                  true,
                  "missing rate"),
              new DriftViewModel.FeatureRow(
                  "hirat", "numeric", "KS (asymp)", 0.01, Double.NaN, 0.01, "ks", 0.05, false, ""));
      assertThat(d.features())
          .extracting(DriftViewModel.FeatureRow::verdict)
          .containsExactly("✗ drift", "✗ drift (missing rate)", "✓ no drift");
      assertThat(DriftView.pValue(2.5e-8)).isEqualTo("2.5e-08");
      assertThat(DriftView.pValue(Double.NaN)).isEqualTo("–");
    }
  }

  private static DatasetVersion data(Workbench w, String file) {
    return w.datasets()
        .importDataset(TestModels.sample("data/" + file), null, Progress.NONE, Cancellation.NONE)
        .dataset();
  }
}
