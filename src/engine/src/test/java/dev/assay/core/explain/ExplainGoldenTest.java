package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.testing.TestModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against golden/explain.json (make_explain_golden.py, Debian's python3-onnx and python3-sklearn):
 * the log-odds closed form on the sample HMDA model with weights read from its initializers, and
 * scikit-learn's permutation importance.
 */
class ExplainGoldenTest {
  private static JsonNode golden;
  private static OnnxRuntime runtime;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ExplainGoldenTest.class.getResourceAsStream("/golden/explain.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    runtime = new OnnxRuntime();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = array.get(k).asDouble();
    }
    return out;
  }

  @Test
  void logOddsAttributionsOfTheLogisticSampleEqualWeightTimesDistanceFromTheBackgroundMean() {
    JsonNode linear = golden.get("linear");
    List<String> features = strings(linear.get("features"));
    Path model = TestModels.sample("hmda-deny-v2.onnx");
    Path data = TestModels.repoRoot().resolve("models/data");
    double[] background =
        TabularData.read(data.resolve("hmda_train.csv"), features, null).slice(0, 100);
    double[] rows = TabularData.read(data.resolve("hmda_test.csv"), features, null).slice(0, 10);
    assertThat(LinearLogit.isLinear(model)).isTrue();
    try (OnnxModelFunction logit =
        ExplainTestModels.open(runtime, model, "input", features, OutputSpace.LOGIT)) {
      LinearLogit fit = LinearLogit.fit(logit, background);
      double[] weights = doubles(linear.get("weights"));
      for (int i = 0; i < weights.length; i++) {
        // slopes read through float32 ONNX Runtime; the golden's are float64 from the initializers
        assertThat(fit.weights()[i])
            .as(features.get(i))
            .isCloseTo(weights[i], within(1e-5 * Math.max(1, Math.abs(weights[i]))));
      }
      List<Explainer.RowAttribution> explained =
          new Explainer(logit, background)
              .explain(
                  rows,
                  0,
                  Method.LINEAR,
                  KernelShap.Settings.DEFAULTS,
                  0,
                  dev.assay.core.Progress.NONE,
                  dev.assay.core.Cancellation.NONE);
      for (int r = 0; r < 10; r++) {
        double[] expected = doubles(linear.get("phi").get(r));
        double[] phi = explained.get(r).attribution().phi();
        for (int i = 0; i < expected.length; i++) {
          assertThat(phi[i])
              .as("row %d %s", r, features.get(i))
              .isCloseTo(expected[i], within(1e-5));
        }
        assertThat(explained.get(r).attribution().efficiencyError()).isLessThan(1e-5);
      }
    }
  }

  @Test
  void slopesReadFromTheGraphInDoubleEqualTheGoldensWeightsAndAttributions() {
    JsonNode linear = golden.get("linear");
    List<String> features = strings(linear.get("features"));
    Path model = TestModels.sample("hmda-deny-v2.onnx");
    Path data = TestModels.repoRoot().resolve("models/data");
    double[] background =
        TabularData.read(data.resolve("hmda_train.csv"), features, null).slice(0, 100);
    double[] rows = TabularData.read(data.resolve("hmda_test.csv"), features, null).slice(0, 10);
    String[] why = {null};
    LinearGraph graph = LinearGraph.read(model, features.size(), 1, why);
    assertThat(graph).as(why[0]).isNotNull();
    assertThat(graph.path()).isEqualTo("Sub, Mul, Gemm, Softmax");
    double[] weights = doubles(linear.get("weights"));
    for (int i = 0; i < weights.length; i++) {
      assertThat(graph.weights()[i]).as(features.get(i)).isCloseTo(weights[i], within(1e-12));
    }
    // class 0's log-odds are the negation
    LinearGraph other = LinearGraph.read(model, features.size(), 0, why);
    for (int i = 0; i < weights.length; i++) {
      assertThat(other.weights()[i]).isCloseTo(-weights[i], within(1e-12));
    }
    try (OnnxModelFunction logit =
        ExplainTestModels.open(runtime, model, "input", features, OutputSpace.LOGIT)) {
      List<Explainer.RowAttribution> explained =
          new Explainer(logit, background, graph)
              .explain(
                  rows,
                  0,
                  Method.LINEAR,
                  KernelShap.Settings.DEFAULTS,
                  0,
                  dev.assay.core.Progress.NONE,
                  dev.assay.core.Cancellation.NONE);
      for (int r = 0; r < 10; r++) {
        double[] expected = doubles(linear.get("phi").get(r));
        double[] phi = explained.get(r).attribution().phi();
        for (int i = 0; i < expected.length; i++) {
          assertThat(phi[i])
              .as("row %d %s", r, features.get(i))
              .isCloseTo(expected[i], within(1e-12));
        }
        // against ONNX Runtime's own float32 log-odds
        assertThat(explained.get(r).attribution().efficiencyError()).isLessThan(1e-6);
        double z = graph.intercept();
        for (int i = 0; i < weights.length; i++) {
          z += graph.weights()[i] * rows[r * weights.length + i];
        }
        assertThat(z)
            .as("row %d: the graph's affine log-odds", r)
            .isCloseTo(explained.get(r).attribution().prediction(), within(1e-5));
      }
    }
  }

  @Test
  void aGraphThatIsNotAffineIsNotReadAndSaysWhy() {
    String[] why = {null};
    LinearGraph graph = LinearGraph.read(ExplainTestModels.mlp(4, 3, 1, -1).getGraph(), 4, -1, why);
    assertThat(graph).isNull();
    assertThat(why[0]).contains("Relu");
  }

  @Test
  void theLinearClosedFormEqualsExactEnumerationInLogOdds() {
    List<String> features = strings(golden.get("linear").get("features"));
    Path model = TestModels.sample("hmda-deny-v2.onnx");
    Path data = TestModels.repoRoot().resolve("models/data");
    double[] background =
        TabularData.read(data.resolve("hmda_train.csv"), features, null).slice(0, 10);
    double[] row = TabularData.read(data.resolve("hmda_test.csv"), features, null).row(3);
    try (OnnxModelFunction logit =
        ExplainTestModels.open(runtime, model, "input", features, OutputSpace.LOGIT)) {
      double[] exact = ExactShapley.explain(new CoalitionGame(logit, row, background)).phi();
      double[] prediction = new double[1];
      logit.evaluate(row, 1, prediction);
      double[] closed = LinearLogit.fit(logit, background).explain(row, prediction[0]).phi();
      for (int i = 0; i < exact.length; i++) {
        assertThat(closed[i]).as(features.get(i)).isCloseTo(exact[i], within(1e-5));
      }
    }
  }

  @Test
  void permutationImportanceEqualsScikitLearnsOnTheSameShuffles() {
    JsonNode pi = golden.get("permutation");
    List<String> columns = strings(pi.get("columns"));
    TabularData data =
        TabularData.read(
            TestModels.repoRoot().resolve("models/data/hmda_test.csv"), columns, "deny");
    int n = 200;
    double[] rows = data.slice(0, n);
    double[] target = new double[n];
    for (int k = 0; k < n; k++) {
      target[k] = Double.parseDouble(data.target().get(k));
    }
    double[] c = doubles(pi.get("coefficients"));
    double intercept = pi.get("intercept").asDouble();
    ModelFunction softsign =
        ShapleyValuesTest.model(
            c.length,
            x -> {
              double z = intercept;
              for (int i = 0; i < c.length; i++) {
                z += c[i] * x[i];
              }
              return 0.5 + 0.5 * z / (1 + Math.abs(z));
            });
    JsonNode shuffles = pi.get("shuffles");
    PermutationImportance.Shuffles replay =
        (feature, repeat, size) -> {
          JsonNode idx = shuffles.get(feature).get(repeat);
          int[] out = new int[size];
          for (int k = 0; k < size; k++) {
            out[k] = idx.get(k).asInt();
          }
          return out;
        };
    int repeats = pi.get("n_repeats").asInt();
    for (Scorer scorer : List.of(Scorer.ROC_AUC, Scorer.ACCURACY)) {
      JsonNode expected = pi.get("importances").get(scorer.id());
      PermutationImportance.Importance[] result =
          PermutationImportance.compute(softsign, rows, target, scorer, repeats, replay);
      for (int j = 0; j < columns.size(); j++) {
        assertThat(result[j].scores())
            .as("%s %s", scorer.id(), columns.get(j))
            .containsExactly(doubles(expected.get("scores").get(j)), within(1e-12));
        assertThat(result[j].mean())
            .isCloseTo(expected.get("mean").get(j).asDouble(), within(1e-12));
        assertThat(result[j].std()).isCloseTo(expected.get("std").get(j).asDouble(), within(1e-12));
      }
    }
  }

  @Test
  void seededPermutationImportanceRepeatsItself() {
    ModelFunction f = ShapleyValuesTest.model(2, x -> x[0] + 0.1 * x[1]);
    double[] rows = new double[200];
    double[] target = new double[100];
    for (int k = 0; k < 100; k++) {
      rows[2 * k] = k % 7;
      rows[2 * k + 1] = k % 3;
      target[k] = k % 7 + 0.1 * (k % 3);
    }
    var a =
        PermutationImportance.compute(
            f, rows, target, Scorer.R2, 4, PermutationImportance.Shuffles.seeded(5));
    var b =
        PermutationImportance.compute(
            f, rows, target, Scorer.R2, 4, PermutationImportance.Shuffles.seeded(5));
    assertThat(b[0].scores()).containsExactly(a[0].scores());
    assertThat(a[0].mean()).isGreaterThan(a[1].mean()).isGreaterThan(0);
  }
}
