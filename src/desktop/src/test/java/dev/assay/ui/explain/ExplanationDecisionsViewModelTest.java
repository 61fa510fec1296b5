package dev.assay.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.Explainer;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Explanations screen's adverse-action and stability views, read without a window from an
 * explanation stored by the real engine, checked against references computed here: the proxy values
 * against SciPy's (golden/hmda_proxy.json), the statements against the top positive attributions of
 * each row at or above the threshold, and the agreement against top-4 sets by |φ| of the reruns
 * made here.
 */
class ExplanationDecisionsViewModelTest {
  @TempDir Path temp;

  @Test
  void statementsProxyFlagsAndStabilityOfAStoredExplanation() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("m.onnx"));
      ModelVersion model =
          w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
      DatasetVersion data =
          w.datasets()
              .importDataset(
                  TestModels.sample("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      DecidedExplanation.Stored stored = DecidedExplanation.store(w, model, data);
      ExplanationReport report = stored.report();
      ExplanationsViewModel vm = new ExplanationsViewModel(w.explanations(), tasks);
      ExplanationDecisions.Decisions d = vm.detail(stored.id()).decisions();

      // the proxy check: SciPy's eta / Cramér's V of every feature against afam
      JsonNode golden =
          new ObjectMapper()
              .readTree(
                  TestModels.repoRoot()
                      .resolve("src/engine/src/test/resources/golden/hmda_proxy.json")
                      .toFile());
      Set<String> flagged = new HashSet<>();
      assertThat(d.proxies()).hasSize(report.features().size() - 1);
      double previous = Double.POSITIVE_INFINITY;
      for (ExplanationDecisions.Proxy p : d.proxies()) {
        JsonNode g = golden.get(p.feature());
        assertThat(p.attribute()).isEqualTo("afam");
        assertThat(p.measure()).isEqualTo(g.get("measure").asText());
        assertThat(p.value()).isCloseTo(g.get("value").asDouble(), within(1e-12));
        assertThat(p.flagged())
            .isEqualTo(g.get("value").asDouble() >= DecidedExplanation.PROXY_THRESHOLD);
        assertThat(p.value()).isLessThanOrEqualTo(previous);
        previous = p.value();
        if (p.flagged()) {
          flagged.add(p.feature());
        }
      }
      assertThat(flagged).containsExactlyInAnyOrder("lvrat", "chist", "phist", "condomin");
      assertThat(d.proxySettings())
          .startsWith("Proxy check against afam: 4 of " + d.proxies().size())
          .contains("at or above 0.14");

      // statements: each row with log-odds at or above 0, its positive attributions largest first
      List<String> features = report.features();
      List<ExplanationDecisions.Statement> expected = new ArrayList<>();
      int denied = 0;
      for (Explainer.RowAttribution row : report.rows()) {
        double prediction = row.attribution().prediction();
        if (prediction < 0) {
          continue;
        }
        denied++;
        double[] phi = row.attribution().phi();
        List<Integer> push = new ArrayList<>();
        for (int i = 0; i < phi.length; i++) {
          if (phi[i] > 0) {
            push.add(i);
          }
        }
        push.sort(Comparator.comparingDouble(i -> -phi[i]));
        for (int k = 0; k < Math.min(4, push.size()); k++) {
          String f = features.get(push.get(k));
          expected.add(
              new ExplanationDecisions.Statement(
                  row.row(), prediction, k + 1, f, "", phi[push.get(k)], 0, phi[push.get(k)], ""));
        }
      }
      assertThat(denied).isPositive().isLessThan(DecidedExplanation.ROWS);
      assertThat(d.statements()).hasSize(expected.size());
      for (int s = 0; s < expected.size(); s++) {
        ExplanationDecisions.Statement want = expected.get(s);
        ExplanationDecisions.Statement got = d.statements().get(s);
        assertThat(got.row()).isEqualTo(want.row());
        assertThat(got.rank()).isEqualTo(want.rank());
        assertThat(got.feature()).isEqualTo(want.feature());
        assertThat(got.contribution()).isCloseTo(want.contribution(), within(1e-12));
        int i = features.indexOf(got.feature());
        double value = report.inputs()[(int) got.row() * features.size() + i];
        assertThat(got.value()).isEqualTo(value);
        String name = Character.toUpperCase(got.feature().charAt(0)) + got.feature().substring(1);
        assertThat(got.text())
            .isEqualTo(name + (value > got.backgroundMean() ? " too high" : " too low"));
        if (flagged.contains(got.feature())) {
          assertThat(got.flag())
              .matches("afam proxy \\((η|V) 0\\.\\d{3}\\)")
              .contains(
                  String.format(
                      java.util.Locale.ROOT,
                      "%.3f",
                      golden.get(got.feature()).get("value").asDouble()));
        } else {
          assertThat(got.flag())
              .isEqualTo(got.feature().equals("afam") ? "sensitive attribute" : "");
        }
      }
      assertThat(d.statementsSettings())
          .startsWith(
              denied + " denied rows (output on the adverse side of 0, higher output adverse)")
          .contains("derived from the feature names");

      // stability: the seed rerun and the second background, redone here
      ExplanationRunner runner = new ExplanationRunner(w.runtime(), Json.newMapper());
      ExplanationReport seed8 =
          runner.run(
              stored.request().toBuilder().sampling(8, stored.request().tolerance()).build(),
              Progress.NONE,
              Cancellation.NONE);
      ExplanationReport second =
          runner.run(
              stored.request().toBuilder().secondBackground(true).build(),
              Progress.NONE,
              Cancellation.NONE);
      assertThat(d.agreement()).hasSize(2);
      check(d.agreement().get(0), "seed 8", report, seed8, false);
      check(d.agreement().get(1), "second background", report, second, true);
      assertThat(d.stabilitySettings())
          .startsWith("Top-4 reasons by |φ| compared with the first run (seed 7)")
          .contains("Second background: random, 50 rows");
    }
  }

  private static void check(
      ExplanationDecisions.Agreement a,
      String against,
      ExplanationReport first,
      ExplanationReport other,
      boolean withMin) {
    int n = first.rows().size();
    double same = 0;
    double sameFirst = 0;
    double sum = 0;
    double min = 1;
    for (int r = 0; r < n; r++) {
      List<Integer> x = top(first.rows().get(r).attribution().phi());
      List<Integer> y = top(other.rows().get(r).attribution().phi());
      Set<Integer> union = new HashSet<>(x);
      union.addAll(y);
      Set<Integer> both = new HashSet<>(x);
      both.retainAll(y);
      double jaccard = (double) both.size() / union.size();
      sum += jaccard;
      min = Math.min(min, jaccard);
      same += new HashSet<>(x).equals(new HashSet<>(y)) ? 1 : 0;
      sameFirst += x.getFirst().equals(y.getFirst()) ? 1 : 0;
    }
    assertThat(a.against()).isEqualTo(against);
    assertThat(a.sameSet()).isCloseTo(same / n, within(1e-12));
    assertThat(a.sameFirst()).isCloseTo(sameFirst / n, within(1e-12));
    assertThat(a.meanJaccard()).isCloseTo(sum / n, within(1e-12));
    if (withMin) {
      assertThat(a.minJaccard()).isCloseTo(min, within(1e-12));
    } else {
      assertThat(a.minJaccard()).isNaN();
    }
  }

  /** The 4 features of largest |φ|, largest first. */
  private static List<Integer> top(double[] phi) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < phi.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> -Math.abs(phi[i])));
    return order.subList(0, 4);
  }
}
