package dev.assay.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ReasonCodes;
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
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Explanations screen's model, read without a window from a real workbench. */
class ExplanationsViewModelTest {
  @TempDir Path temp;

  @Test
  void aStoredExplanationReadsAsSortedImportanceEfficiencyAndReasonCodes() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      ExplanationsViewModel vm = new ExplanationsViewModel(w.explanations(), tasks);
      assertThat(vm.list()).isEmpty();
      assertThat(ExplanationsViewModel.EMPTY).contains("assay explain --model NAME:VERSION");

      Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("m.onnx"));
      ModelVersion model =
          w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
      DatasetVersion data =
          w.datasets()
              .importDataset(
                  TestModels.sample("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      StoredAnalyses.Explained stored = StoredAnalyses.explanation(w, model, data, temp);
      ExplanationReport report = stored.report();

      assertThat(vm.list()).extracting(s -> s.id()).containsExactly(stored.id());
      ExplanationsViewModel.Detail d = vm.detail(stored.id());
      assertThat(d.heading())
          .isEqualTo(
              "Explanation #"
                  + stored.id()
                  + ": "
                  + model.ref()
                  + " on "
                  + data.ref()
                  + ", 10 rows");
      assertThat(d.method())
          .startsWith(
              "method linear (" + report.method().algorithm() + "), output logit of class 1")
          .endsWith("background 100 rows, seed " + report.seed());
      assertThat(d.baseValue()).endsWith(String.format(Locale.ROOT, "%.6f", report.baseValue()));
      assertThat(d.efficiencyHolds()).isTrue();
      assertThat(d.efficiency()).startsWith("✓ efficiency").contains("over 10 rows");

      // every feature, largest mean |phi| first, with the report's own figures
      List<String> features = report.features();
      assertThat(d.importance()).hasSize(features.size());
      for (int k = 1; k < d.importance().size(); k++) {
        assertThat(d.importance().get(k - 1).meanAbs())
            .isGreaterThanOrEqualTo(d.importance().get(k).meanAbs());
      }
      double total = 0;
      for (int i = 0; i < features.size(); i++) {
        total += report.meanAbs()[i];
      }
      for (ExplanationsViewModel.Importance imp : d.importance()) {
        int i = features.indexOf(imp.feature());
        assertThat(imp.meanAbs()).isEqualTo(report.meanAbs()[i]);
        assertThat(imp.share()).isCloseTo(report.meanAbs()[i] / total, within(1e-12));
      }

      assertThat(ExplanationsViewModel.value(6.0)).isEqualTo("6");
      assertThat(ExplanationsViewModel.value(0.732673267326733)).isEqualTo("0.7327");
      assertThat(ExplanationsViewModel.value(5.30000019073486)).isEqualTo("5.300");
      ReasonCodes codes = stored.codes();
      assertThat(d.reasons()).hasSize(10);
      for (int r = 0; r < 10; r++) {
        ReasonCodes.RowReasons expected = codes.rows().get(r);
        assertThat(d.reasons().get(r).row()).isEqualTo(expected.row());
        String text = d.reasons().get(r).reasons();
        assertThat(text.split("; ")).hasSize(Math.max(1, expected.reasons().size()));
        if (!expected.reasons().isEmpty()) {
          ReasonCodes.Reason first = expected.reasons().getFirst();
          assertThat(text)
              .startsWith(
                  first.feature()
                      + " = "
                      + ExplanationsViewModel.value(first.value())
                      + String.format(Locale.ROOT, " (%+.4f)", first.contribution()));
        }
      }
    }
  }

  @Test
  void aleCurvesAndCounterfactualsReadAsChartSeriesAndAChangesTable() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      ExplanationsViewModel vm = new ExplanationsViewModel(w.explanations(), tasks);
      Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("m.onnx"));
      ModelVersion model =
          w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
      DatasetVersion data =
          w.datasets()
              .importDataset(
                  TestModels.sample("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      StoredAnalyses.Explained plain = StoredAnalyses.explanation(w, model, data, temp);
      ExplanationsViewModel.Detail none = vm.detail(plain.id());
      assertThat(none.ale()).isEmpty();
      assertThat(none.recourse()).isEmpty();
      assertThat(none.recourseSettings()).isEmpty();

      PlottedExplanation.Stored stored = PlottedExplanation.store(w, model, data);
      ExplanationsViewModel.Detail d = vm.detail(stored.id());
      assertThat(d.outputSpace()).isEqualTo("logit");
      assertThat(d.ale())
          .extracting(ExplanationPlots.AleCurve::feature)
          .containsExactly("pirat", "lvrat");
      for (int k = 0; k < 2; k++) {
        assertThat(d.ale().get(k).grid()).containsExactly(stored.ale().get(k).grid());
        assertThat(d.ale().get(k).values()).containsExactly(stored.ale().get(k).values());
      }
      assertThat(d.recourseSettings())
          .isEqualTo(
              "decision at 0 (adverse higher), margin 0.05000; "
                  + stored.recourse().size()
                  + " adverse rows; distance: L-infinity in standard deviations of the data, plus"
                  + " 1 per changed category");
      int expected = stored.recourse().stream().mapToInt(r -> r.counterfactuals().size()).sum();
      assertThat(expected).isPositive();
      assertThat(d.recourse()).hasSize(expected);
      int k = 0;
      for (var row : stored.recourse()) {
        int rank = 0;
        for (var cf : row.counterfactuals()) {
          ExplanationPlots.Counterfactual shown = d.recourse().get(k++);
          assertThat(shown.row()).isEqualTo(row.row());
          assertThat(shown.rank()).isEqualTo(++rank);
          assertThat(shown.prediction()).isEqualTo(row.prediction());
          assertThat(shown.counterfactualPrediction())
              .isEqualTo(cf.prediction())
              .isLessThanOrEqualTo(-0.05);
          assertThat(shown.distance()).isEqualTo(cf.distance());
          String first = cf.changes().getFirst().feature();
          assertThat(shown.changes())
              .startsWith(
                  first
                      + " "
                      + ExplanationsViewModel.value(cf.changes().getFirst().from())
                      + " → "
                      + ExplanationsViewModel.value(cf.changes().getFirst().to()));
          assertThat(shown.changes().split("; ")).hasSize(cf.changes().size());
          assertThat(shown.changes()).doesNotContain("afam");
        }
      }
    }
  }
}
