package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.testing.TestModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interventional TreeSHAP against golden/tree_shap.json (make_tree_shap_golden.py: scikit-learn
 * forests and boosting exported by hand to ai.onnx.ml TreeEnsemble nodes, Shapley values by brute
 * force over all coalitions in Python).
 */
class TreeShapGoldenTest {
  private static JsonNode golden;
  private static OnnxRuntime runtime;
  private static List<String> features;
  private static double[] background;
  private static double[] rows;
  @TempDir Path dir;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = TreeShapGoldenTest.class.getResourceAsStream("/golden/tree_shap.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    runtime = new OnnxRuntime();
    features = new ArrayList<>();
    golden.get("features").forEach(n -> features.add(n.asText()));
    background = flat(golden.get("background"));
    rows = flat(golden.get("rows"));
  }

  private static double[] flat(JsonNode matrix) {
    List<Double> out = new ArrayList<>();
    matrix.forEach(row -> row.forEach(v -> out.add(v.asDouble())));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static Path model(String name) {
    return TestModels.repoRoot()
        .resolve("src/engine/src/test/resources/golden/tree_" + name + ".onnx");
  }

  static OnnxModelFunction open(String name, OutputSpace space) {
    Path file = model(name);
    boolean regression = name.endsWith("regressor");
    Binding binding =
        new Binding(List.of(new Binding.InputBinding("input", "float", 2, 0, features)));
    return OnnxModelFunction.open(
        runtime,
        file,
        new OnnxInspector(runtime).inspect(file).inspection(),
        binding,
        regression ? null : List.of("0", "1"),
        regression ? null : "1",
        regression,
        space);
  }

  private static List<Explainer.RowAttribution> treeShap(String name, OutputSpace space) {
    String[] why = new String[1];
    TreeEnsemble trees = TreeEnsemble.find(model(name), features.size(), 1, why);
    assertThat(trees).as(why[0]).isNotNull();
    try (OnnxModelFunction f = open(name, space)) {
      return new TreeShap(trees).explain(f, rows, 0, background, Progress.NONE, Cancellation.NONE);
    }
  }

  @Test
  void treeShapOfForestsAndBoostingEqualsBruteForceShapleyOverAllCoalitions() {
    for (String name : List.of("rf_regressor", "gb_regressor", "rf_classifier")) {
      JsonNode expected = golden.get("models").get(name);
      OutputSpace space = name.endsWith("regressor") ? OutputSpace.VALUE : OutputSpace.PROBABILITY;
      List<Explainer.RowAttribution> result = treeShap(name, space);
      assertThat(result).hasSize(expected.get("phi").size());
      for (int r = 0; r < result.size(); r++) {
        Attribution a = result.get(r).attribution();
        JsonNode phi = expected.get("phi").get(r);
        for (int i = 0; i < features.size(); i++) {
          assertThat(a.phi()[i])
              .as("%s row %d %s", name, r, features.get(i))
              .isCloseTo(phi.get(i).asDouble(), within(1e-6));
        }
        assertThat(a.prediction())
            .as("%s f(x) through ONNX Runtime", name)
            .isCloseTo(expected.get("predictions").get(r).asDouble(), within(1e-5));
        assertThat(a.baseValue()).isCloseTo(expected.get("base_value").asDouble(), within(1e-5));
        assertThat(a.efficiencyError()).as("%s row %d", name, r).isLessThanOrEqualTo(1e-6);
        assertThat(a.stdErrors()).isNull();
      }
    }
  }

  @Test
  void treeShapEqualsExactEnumerationThroughOnnxRuntime() {
    List<Explainer.RowAttribution> tree = treeShap("gb_regressor", OutputSpace.VALUE);
    try (OnnxModelFunction f = open("gb_regressor", OutputSpace.VALUE)) {
      List<Explainer.RowAttribution> exact =
          new Explainer(f, background)
              .explain(
                  rows,
                  0,
                  Method.EXACT,
                  KernelShap.Settings.DEFAULTS,
                  0,
                  Progress.NONE,
                  Cancellation.NONE);
      for (int r = 0; r < exact.size(); r++) {
        for (int i = 0; i < features.size(); i++) {
          assertThat(tree.get(r).attribution().phi()[i])
              .isCloseTo(exact.get(r).attribution().phi()[i], within(1e-5));
        }
      }
    }
  }

  @Test
  void aForestsLogOddsAreNotASumOverItsTreesAndAreRefused() {
    String[] why = new String[1];
    TreeEnsemble trees = TreeEnsemble.find(model("rf_classifier"), features.size(), 1, why);
    try (OnnxModelFunction f = open("rf_classifier", OutputSpace.LOGIT)) {
      assertThatThrownBy(
              () ->
                  new TreeShap(trees)
                      .explain(f, rows, 0, background, Progress.NONE, Cancellation.NONE))
          .isInstanceOf(AssayException.class)
          .hasMessageContaining("not a sum over its trees");
    }
  }

  @Test
  void autoPicksTreeShapForAnEnsembleAndSaysSo() throws IOException {
    Path csv = dir.resolve("rows.csv");
    Path bg = dir.resolve("background.csv");
    Files.writeString(csv, csv(rows));
    Files.writeString(bg, csv(background));
    Path file = model("rf_regressor");
    ExplanationReport report =
        new ExplanationRunner(runtime, new ObjectMapper())
            .run(
                ExplanationRequest.builder(
                        file, new OnnxInspector(runtime).inspect(file).inspection(), csv)
                    .rows(0, 8)
                    .background(0, bg)
                    .columns(null, null, 0)
                    .build(),
                Progress.NONE,
                Cancellation.NONE);
    assertThat(report.method()).isEqualTo(Method.TREE);
    assertThat(report.method().algorithm()).contains("interventional TreeSHAP");
    JsonNode phi = golden.get("models").get("rf_regressor").get("phi");
    assertThat(report.rows().get(3).attribution().phi()[0])
        .isCloseTo(phi.get(3).get(0).asDouble(), within(1e-6));
    assertThat(report.evaluations()).isEqualTo(8 + 25);
  }

  @Test
  void treeIsRefusedWithTheReasonForAModelWithoutAnEnsemble() throws IOException {
    Path mlp = TestModels.write(dir.resolve("mlp.onnx"), ExplainTestModels.mlp(6, 4, 1, -1));
    String[] why = new String[1];
    assertThat(TreeEnsemble.find(mlp, 6, 1, why)).isNull();
    assertThat(why[0]).contains("MatMul");
  }

  private static String csv(double[] values) {
    StringBuilder out = new StringBuilder(String.join(",", features)).append('\n');
    int m = features.size();
    for (int r = 0; r < values.length / m; r++) {
      for (int i = 0; i < m; i++) {
        out.append(i == 0 ? "" : ",").append(values[r * m + i]);
      }
      out.append('\n');
    }
    return out.toString();
  }
}
