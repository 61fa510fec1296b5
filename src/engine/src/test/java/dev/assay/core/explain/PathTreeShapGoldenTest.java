package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.inference.OnnxRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Path-dependent TreeSHAP against golden/tree_shap.json (make_tree_shap_golden.py: Shapley values
 * of v(S) = E[f(x) | x_S] under the trees' covers, by brute force over all 2^6 coalitions in
 * Python), with the covers the graph carries (nodes_hitrates = scikit-learn's
 * weighted_n_node_samples) and with covers counted over a reference set.
 */
class PathTreeShapGoldenTest {
  private static final List<String> MODELS =
      List.of("rf_regressor", "gb_regressor", "rf_classifier");
  private static JsonNode golden;
  private static OnnxRuntime runtime;
  private static List<String> features;
  private static double[] background;
  private static double[] reference;
  private static double[] rows;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        PathTreeShapGoldenTest.class.getResourceAsStream("/golden/tree_shap.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    runtime = new OnnxRuntime();
    features = new ArrayList<>();
    golden.get("features").forEach(n -> features.add(n.asText()));
    background = flat(golden.get("background"));
    reference = flat(golden.get("reference"));
    rows = flat(golden.get("rows"));
  }

  private static double[] flat(JsonNode matrix) {
    List<Double> out = new ArrayList<>();
    matrix.forEach(row -> row.forEach(v -> out.add(v.asDouble())));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static TreeEnsemble trees(String name) {
    String[] why = new String[1];
    TreeEnsemble trees = TreeEnsemble.find(TreeShapGoldenTest.model(name), features.size(), 1, why);
    assertThat(trees).as(why[0]).isNotNull();
    return trees;
  }

  private static OnnxModelFunction open(String name) {
    Path file = TreeShapGoldenTest.model(name);
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
        regression ? OutputSpace.VALUE : OutputSpace.PROBABILITY);
  }

  private static void check(String name, PathTreeShap shap, JsonNode expected) {
    int m = features.size();
    // the score's own attributions, double precision, no ONNX Runtime
    for (int r = 0; r < rows.length / m; r++) {
      double[] x = java.util.Arrays.copyOfRange(rows, r * m, (r + 1) * m);
      double[] phi = shap.shap(x);
      for (int i = 0; i < m; i++) {
        assertThat(phi[i])
            .as("%s row %d %s", name, r, features.get(i))
            .isCloseTo(expected.get("phi").get(r).get(i).asDouble(), within(1e-9));
      }
    }
    // through the model: the output space, base value and efficiency against ONNX Runtime
    try (OnnxModelFunction f = open(name)) {
      List<Explainer.RowAttribution> result =
          shap.explain(f, rows, 0, background, Progress.NONE, Cancellation.NONE);
      for (int r = 0; r < result.size(); r++) {
        Attribution a = result.get(r).attribution();
        for (int i = 0; i < m; i++) {
          assertThat(a.phi()[i])
              .isCloseTo(expected.get("phi").get(r).get(i).asDouble(), within(1e-6));
        }
        assertThat(a.baseValue())
            .as("%s base value E[f]", name)
            .isCloseTo(expected.get("base_value").asDouble(), within(1e-6));
        assertThat(a.efficiencyError()).as("%s row %d", name, r).isLessThanOrEqualTo(1e-6);
      }
    }
  }

  @Test
  void withTheGraphsHitratesItEqualsBruteForceShapleyOfTheConditionalExpectation() {
    for (String name : MODELS) {
      String[] why = new String[1];
      PathTreeShap shap = PathTreeShap.fromGraph(trees(name), why);
      assertThat(shap).as(why[0]).isNotNull();
      assertThat(shap.coverSource()).contains("nodes_hitrates");
      check(name, shap, golden.get("models").get(name).get("path_hitrates"));
    }
  }

  @Test
  void withCoversCountedOverAReferenceSetItEqualsBruteForce() {
    for (String name : MODELS) {
      PathTreeShap shap = PathTreeShap.countCovers(trees(name), reference);
      assertThat(shap.coverSource()).contains("400 reference rows");
      check(name, shap, golden.get("models").get(name).get("path_reference"));
    }
  }

  @Test
  void withoutHitratesTheGraphSaysWhyAndAReferenceThatMissesANodeIsRefused() throws IOException {
    ModelProto model;
    try (InputStream in = Files.newInputStream(TreeShapGoldenTest.model("gb_regressor"))) {
      model = ModelProto.parseFrom(in);
    }
    NodeProto node = model.getGraph().getNode(0);
    NodeProto.Builder stripped = node.toBuilder().clearAttribute();
    node.getAttributeList().stream()
        .filter(a -> !a.getName().equals("nodes_hitrates"))
        .forEach(stripped::addAttribute);
    GraphProto graph = model.getGraph().toBuilder().setNode(0, stripped).build();
    String[] why = new String[1];
    TreeEnsemble trees = TreeEnsemble.find(graph, features.size(), 1, why);
    assertThat(trees).as(why[0]).isNotNull();
    assertThat(PathTreeShap.fromGraph(trees, why)).isNull();
    assertThat(why[0]).contains("no nodes_hitrates");
    double[] oneRow = java.util.Arrays.copyOf(background, features.size());
    assertThatThrownBy(() -> PathTreeShap.countCovers(trees, oneRow))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("reaches no row into it");
  }
}
