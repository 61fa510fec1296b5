package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
 * Partial dependence and ICE against golden/pdp.json (make_pdp_golden.py: scikit-learn's
 * partial_dependence, method="brute", on a fixed classifier computing the sample model's graph in
 * float64).
 */
class PartialDependenceGoldenTest {
  private static JsonNode golden;
  private static OnnxRuntime runtime;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        PartialDependenceGoldenTest.class.getResourceAsStream("/golden/pdp.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    runtime = new OnnxRuntime();
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = array.get(k).asDouble();
    }
    return out;
  }

  @Test
  void gridAverageAndIceCurvesEqualScikitLearnsBruteMethod() {
    List<String> features = new ArrayList<>();
    golden.get("features").forEach(n -> features.add(n.asText()));
    Path model = TestModels.sample("hmda-deny-v2.onnx");
    Path data = TestModels.repoRoot().resolve("models/data");
    int n = golden.get("rows").asInt();
    double[] rows = TabularData.read(data.resolve("hmda_test.csv"), features, null).slice(0, n);
    int m = features.size();
    try (OnnxModelFunction f =
        ExplainTestModels.open(runtime, model, "input", features, OutputSpace.PROBABILITY)) {
      for (String name : List.of("pirat", "chist")) {
        JsonNode expected = golden.get("curves").get(name);
        int j = features.indexOf(name);
        double[] grid =
            PartialDependence.grid(
                PartialDependence.column(rows, m, j),
                PartialDependence.LOW,
                PartialDependence.HIGH,
                expected.get("resolution").asInt());
        double[] expectedGrid = doubles(expected.get("grid"));
        assertThat(grid).as(name).hasSize(expectedGrid.length);
        for (int g = 0; g < grid.length; g++) {
          assertThat(grid[g]).as("%s grid %d", name, g).isCloseTo(expectedGrid[g], within(1e-12));
        }
        PartialDependence.Curve curve = PartialDependence.compute(f, rows, j, name, grid);
        double[] average = doubles(expected.get("average"));
        for (int g = 0; g < grid.length; g++) {
          assertThat(curve.average()[g])
              .as("%s pd %d", name, g)
              .isCloseTo(average[g], within(1e-6));
        }
        for (int r = 0; r < n; r++) {
          double[] ice = doubles(expected.get("individual").get(r));
          for (int g = 0; g < grid.length; g++) {
            assertThat(curve.individual()[r][g])
                .as("%s ice row %d grid %d", name, r, g)
                .isCloseTo(ice[g], within(1e-6));
          }
        }
      }
    }
  }

  @Test
  void mquantilesUseScipysPlottingPositionsAndAFlatColumnIsRefused() {
    // scipy.stats.mstats.mquantiles([1, 2, 3, 4, 10], prob=[0.05, 0.3, 0.95]) = [1, 1.96, 10]
    double[] sorted = {1, 2, 3, 4, 10};
    assertThat(PartialDependence.mquantile(sorted, 0.05)).isCloseTo(1.0, within(1e-12));
    assertThat(PartialDependence.mquantile(sorted, 0.3)).isCloseTo(1.96, within(1e-12));
    assertThat(PartialDependence.mquantile(sorted, 0.95)).isCloseTo(10.0, within(1e-12));
    double[] flat = new double[200];
    for (int k = 0; k < flat.length; k++) {
      flat[k] = k < 195 ? 1 : k;
    }
    assertThatThrownBy(() -> PartialDependence.grid(flat, 0.05, 0.95, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too close");
  }
}
