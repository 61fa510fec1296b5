package dev.assay.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.Explainer;
import dev.assay.core.explain.PartialDependence;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Explanations screen's partial dependence, ICE and group figures, read from a stored
 * explanation computed by the engine: the numbers shown are the stored ones, and the group means
 * are the per-row averages of the explained rows' attributions, counted here from the data.
 */
class ExplanationDependenceViewModelTest {
  @TempDir Path temp;

  @Test
  void partialDependenceIceAndGroupsReadAsStored() throws Exception {
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
      ExplanationsViewModel.Detail none =
          vm.detail(StoredAnalyses.explanation(w, model, data, temp).id());
      assertThat(none.pdp()).isEmpty();
      assertThat(none.groups()).isNull();

      GroupedExplanation.Stored stored = GroupedExplanation.store(w, model, data);
      ExplanationsViewModel.Detail d = vm.detail(stored.id());
      assertThat(d.pdp())
          .extracting(ExplanationPlots.PdpCurve::feature)
          .containsExactly("pirat", "lvrat");
      for (int k = 0; k < 2; k++) {
        PartialDependence.Curve expected = stored.pdp().get(k);
        ExplanationPlots.PdpCurve shown = d.pdp().get(k);
        assertThat(shown.grid()).containsExactly(expected.grid());
        assertThat(shown.average()).containsExactly(expected.average());
        assertThat(shown.hasIce()).isTrue();
        assertThat(shown.rows()).hasSize(GroupedExplanation.ROWS);
        for (int r = 0; r < GroupedExplanation.ROWS; r++) {
          assertThat(shown.rows()[r]).isEqualTo(r);
          assertThat(shown.individual()[r]).containsExactly(expected.individual()[r]);
        }
        // centred: every line starts at 0, and the centred mean is the mean of the centred lines
        double[] centredMean = DependenceTab.centred(shown.average());
        assertThat(centredMean[0]).isZero();
        for (int g = 0; g < shown.grid().length; g += 7) {
          double sum = 0;
          for (double[] line : shown.individual()) {
            sum += DependenceTab.centred(line)[g];
          }
          assertThat(centredMean[g]).isCloseTo(sum / shown.rows().length, within(1e-12));
        }
      }
      // at most 50 ICE lines, evenly spread, the first and last row's neighbourhood included
      int[] sample = DependenceTab.sample(GroupedExplanation.ROWS, DependenceTab.MAX_ICE);
      assertThat(sample).hasSize(50).startsWith(0).doesNotHaveDuplicates().isSorted();
      assertThat(sample[49]).isBetween(GroupedExplanation.ROWS - 3, GroupedExplanation.ROWS - 1);
      assertThat(DependenceTab.sample(30, 50)).hasSize(30).endsWith(29);
      assertThat(DependenceTab.caption(d.pdp().getFirst(), 50))
          .contains("50 of 120 rows, evenly spaced");

      // the groups: means per afam value counted here from the explained rows and the data
      List<String> features = stored.report().features();
      List<String> afam = new ArrayList<>();
      for (String line : Files.readAllLines(TestModels.sample("data/hmda_test.csv"))) {
        afam.add(line.split(",")[10]);
      }
      assertThat(afam.getFirst()).isEqualTo("afam");
      Map<String, double[]> sums = new LinkedHashMap<>();
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (Explainer.RowAttribution r : stored.report().rows()) {
        String g = afam.get(r.row() + 1);
        double[] s = sums.computeIfAbsent(g, x -> new double[features.size() + 1]);
        for (int i = 0; i < features.size(); i++) {
          s[i] += r.attribution().phi()[i];
        }
        s[features.size()] += r.attribution().prediction();
        counts.merge(g, 1, Integer::sum);
      }
      ExplanationGroups.Groups groups = d.groups();
      assertThat(groups.by()).isEqualTo("afam");
      assertThat(groups.groups())
          .extracting(ExplanationGroups.Group::value)
          .containsExactlyElementsOf(sums.keySet());
      String largest =
          counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      assertThat(groups.reference()).isEqualTo(largest);
      assertThat(groups.settings())
          .startsWith("Grouped by afam: 2 groups; reference '" + largest + "' (the largest, ")
          .contains("mean output (logit)");
      ExplanationGroups.Group reference =
          groups.groups().stream().filter(ExplanationGroups.Group::reference).findFirst().get();
      for (ExplanationGroups.Group g : groups.groups()) {
        int n = counts.get(g.value());
        double[] s = sums.get(g.value());
        double[] ref = sums.get(largest);
        int nRef = counts.get(largest);
        assertThat(g.rows()).isEqualTo(n);
        assertThat(g.meanPrediction()).isCloseTo(s[features.size()] / n, within(1e-12));
        assertThat(g.gap())
            .isCloseTo(s[features.size()] / n - ref[features.size()] / nRef, within(1e-12));
        double parts = 0;
        for (int i = 0; i < features.size(); i++) {
          ExplanationGroups.Part p = g.parts().get(i);
          assertThat(p.feature()).isEqualTo(features.get(i));
          assertThat(p.meanAttribution()).isCloseTo(s[i] / n, within(1e-12));
          assertThat(p.gap())
              .isCloseTo(s[i] / n - ref[i] / nRef, within(1e-12))
              .isEqualTo(p.meanAttribution() - reference.parts().get(i).meanAttribution());
          parts += p.gap();
        }
        // the gap adds up: features plus residual, and the residual is float32 rounding
        assertThat(parts + g.residual()).isCloseTo(g.gap(), within(1e-12));
        assertThat(Math.abs(g.residual())).isLessThan(1e-5);
        List<ExplanationGroups.Part> bars = GroupsTab.decomposition(g);
        assertThat(bars).hasSize(features.size() + 1);
        assertThat(bars.getLast().feature()).isEqualTo(GroupsTab.RESIDUAL);
        assertThat(bars.getLast().gap()).isEqualTo(g.residual());
        for (int k = 1; k < features.size(); k++) {
          assertThat(Math.abs(bars.get(k - 1).gap()))
              .isGreaterThanOrEqualTo(Math.abs(bars.get(k).gap()));
        }
      }
      assertThat(reference.gap()).isZero();
    }
  }
}
