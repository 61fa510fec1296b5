package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Interventional TreeSHAP on the 25-tree / 30-feature forest of breast_cancer_train.csv
 * (make_forest_shap_golden.py) equals Shapley values computed by brute force over coalitions, tree
 * by tree and background row by background row, in Python (golden/forest_shap.json), to 1e-6; and
 * the time TreeSHAP takes on all 171 test rows with a 100-row background (printed, median of 3).
 */
class ForestTreeShapTest {
  private static final Path MODEL =
      TestModels.repoRoot().resolve("src/engine/src/test/resources/golden/tree_forest30.onnx");

  @Test
  void forestTreeShapEqualsBruteForceShapleyAndIsTimed() throws IOException {
    JsonNode golden;
    try (InputStream in = getClass().getResourceAsStream("/golden/forest_shap.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    List<String> features = new ArrayList<>();
    golden.get("features").forEach(n -> features.add(n.asText()));
    assertThat(features).hasSize(30);
    double[] rows = flat(golden.get("rows"));
    double[] background = flat(golden.get("background"));
    OnnxRuntime runtime = new OnnxRuntime();
    try (OnnxModelFunction f = open(runtime, features)) {
      String[] why = new String[1];
      TreeEnsemble trees = TreeEnsemble.find(MODEL, 30, 1, why);
      assertThat(trees).as(why[0]).isNotNull();
      List<Explainer.RowAttribution> result =
          new TreeShap(trees).explain(f, rows, 0, background, Progress.NONE, Cancellation.NONE);
      assertThat(result).hasSize(8);
      for (int r = 0; r < 8; r++) {
        Attribution a = result.get(r).attribution();
        for (int i = 0; i < 30; i++) {
          assertThat(a.phi()[i])
              .as("row %d %s", r, features.get(i))
              .isCloseTo(golden.get("phi").get(r).get(i).asDouble(), within(1e-6));
        }
        assertThat(a.baseValue()).isCloseTo(golden.get("base_value").asDouble(), within(1e-6));
        assertThat(a.efficiencyError()).isLessThanOrEqualTo(1e-6);
      }

      // the speed figure: every test row (171), the first 100 training rows as background
      double[] test = csv(TestModels.repoRoot().resolve("models/data/breast_cancer_test.csv"));
      double[] train = csv(TestModels.repoRoot().resolve("models/data/breast_cancer_train.csv"));
      double[] bg = Arrays.copyOf(train, 100 * 30);
      double[] seconds = new double[3];
      for (int k = 0; k < seconds.length; k++) {
        long start = System.nanoTime();
        List<Explainer.RowAttribution> all =
            new TreeShap(TreeEnsemble.find(MODEL, 30, 1, why))
                .explain(f, test, 0, bg, Progress.NONE, Cancellation.NONE);
        seconds[k] = (System.nanoTime() - start) / 1e9;
        assertThat(all).hasSize(test.length / 30);
        for (Explainer.RowAttribution a : all) {
          assertThat(a.attribution().efficiencyError()).isLessThanOrEqualTo(1e-6);
        }
      }
      Arrays.sort(seconds);
      System.out.printf(
          Locale.ROOT,
          "forest TreeSHAP, 25 trees, 30 features, %d rows, 100-row background: median %.3f s"
              + " (min %.3f, max %.3f) in process%n",
          test.length / 30,
          seconds[1],
          seconds[0],
          seconds[2]);
    }
  }

  private static OnnxModelFunction open(OnnxRuntime runtime, List<String> features) {
    Binding binding =
        new Binding(List.of(new Binding.InputBinding("input", "float", 2, 0, features)));
    return OnnxModelFunction.open(
        runtime,
        MODEL,
        new OnnxInspector(runtime).inspect(MODEL).inspection(),
        binding,
        List.of("0", "1"),
        "1",
        false,
        OutputSpace.PROBABILITY);
  }

  private static double[] flat(JsonNode matrix) {
    List<Double> out = new ArrayList<>();
    matrix.forEach(row -> row.forEach(v -> out.add(v.asDouble())));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The 30 feature columns of a breast cancer CSV (the last column, the target, left out). */
  private static double[] csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    double[] out = new double[(lines.size() - 1) * 30];
    for (int r = 1; r < lines.size(); r++) {
      String[] cells = lines.get(r).split(",");
      for (int i = 0; i < 30; i++) {
        out[(r - 1) * 30 + i] = Double.parseDouble(cells[i]);
      }
    }
    return out;
  }
}
