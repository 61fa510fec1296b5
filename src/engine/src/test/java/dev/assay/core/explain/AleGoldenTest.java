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
 * Accumulated local effects against golden/ale.json (make_ale_golden.py: alibi 0.9's ale_num
 * transcribed in NumPy, on the sample model's graph in float64), the linear case {@code w_j (z −
 * mean x_j)}, and small fixtures worked by hand.
 */
class AleGoldenTest {
  private static JsonNode golden;
  private static OnnxRuntime runtime;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = AleGoldenTest.class.getResourceAsStream("/golden/ale.json")) {
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

  /** f(x) = b + w·x in double precision. */
  private record Linear(double[] w, double b) implements ModelFunction {
    @Override
    public int features() {
      return w.length;
    }

    @Override
    public void evaluate(double[] rows, int n, double[] out) {
      for (int r = 0; r < n; r++) {
        double s = b;
        for (int i = 0; i < w.length; i++) {
          s += w[i] * rows[r * w.length + i];
        }
        out[r] = s;
      }
    }
  }

  @Test
  void theAleOfALinearModelIsTheSlopeTimesTheDistanceFromTheMean() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    int m = 3;
    int n = 500;
    double[] rows = new double[n * m];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = k % m == 2 ? random.nextInt(7) : Math.exp(random.nextGaussian());
    }
    Linear f = new Linear(new double[] {2.5, -0.75, 1.25}, 0.3);
    for (int j = 0; j < m; j++) {
      double mean = 0;
      for (int r = 0; r < n; r++) {
        mean += rows[r * m + j] / n;
      }
      AccumulatedLocalEffects.Curve c = AccumulatedLocalEffects.compute(f, rows, j, "x" + j);
      assertThat(c.bins()).isGreaterThan(j == 2 ? 5 : 20);
      for (int k = 0; k < c.grid().length; k++) {
        assertThat(c.values()[k])
            .as("feature %d edge %d", j, k)
            .isCloseTo(f.w()[j] * (c.grid()[k] - mean), within(1e-12));
      }
      int counted = 0;
      for (int count : c.counts()) {
        assertThat(count).isGreaterThan(j == 2 ? 0 : AccumulatedLocalEffects.MIN_BIN_POINTS);
        counted += count;
      }
      assertThat(counted).isEqualTo(n);
    }
  }

  @Test
  void aSmallFixtureWorkedByHand() {
    // x = {0, 0, 1, 1, 3}, f = x²: 3 distinct values are the grid {0, 1, 3}; interval 1 holds
    // 0, 0, 1, 1 (the lowest value joins the first interval), interval 2 holds 3; local effects
    // f(1) − f(0) = 1 and f(3) − f(1) = 8, accumulated {0, 1, 9}; each row's interpolated effect
    // {0, 0, 1, 1, 9} has mean 2.2, so the centred ALE is {−2.2, −1.2, 6.8}
    ModelFunction square =
        new ModelFunction() {
          @Override
          public int features() {
            return 1;
          }

          @Override
          public void evaluate(double[] rows, int n, double[] out) {
            for (int r = 0; r < n; r++) {
              out[r] = rows[r] * rows[r];
            }
          }
        };
    AccumulatedLocalEffects.Curve c =
        AccumulatedLocalEffects.compute(square, new double[] {0, 0, 1, 1, 3}, 0, "x");
    assertThat(c.grid()).containsExactly(0, 1, 3);
    assertThat(c.counts()).containsExactly(4, 1);
    assertThat(c.values()[0]).isCloseTo(-2.2, within(1e-12));
    assertThat(c.values()[1]).isCloseTo(-1.2, within(1e-12));
    assertThat(c.values()[2]).isCloseTo(6.8, within(1e-12));
    assertThat(c.offset()).isCloseTo(2.2, within(1e-12));
    // 0..19 (more than 10 values): alibi's bisection tries 10, 5, 8, 7 quantiles and keeps 5, the
    // most whose intervals all hold more than 4 rows: {0, 4.75, 9.5, 14.25, 19}, 5 rows each
    double[] column = new double[20];
    for (int k = 0; k < 20; k++) {
      column[k] = k;
    }
    assertThat(AccumulatedLocalEffects.grid(column)).containsExactly(0, 4.75, 9.5, 14.25, 19);
    // a constant feature gets [z − δ, z + δ], δ = max(z/10, 0.1)
    assertThat(AccumulatedLocalEffects.grid(new double[] {5, 5, 5})).containsExactly(4.5, 5.5);
  }

  @Test
  void gridCountsAndCurvesEqualTheNumpyTranscriptionOfAlibiThroughOnnxRuntime() {
    List<String> features = new ArrayList<>();
    golden.get("features").forEach(n -> features.add(n.asText()));
    Path model = TestModels.sample("hmda-deny-v2.onnx");
    Path data = TestModels.repoRoot().resolve("models/data");
    int n = golden.get("rows").asInt();
    double[] rows = TabularData.read(data.resolve("hmda_test.csv"), features, null).slice(0, n);
    for (String space : List.of("logit", "probability")) {
      OutputSpace output = space.equals("logit") ? OutputSpace.LOGIT : OutputSpace.PROBABILITY;
      try (OnnxModelFunction f =
          ExplainTestModels.open(runtime, model, "input", features, output)) {
        for (String name : List.of("pirat", "lvrat", "chist")) {
          JsonNode expected = golden.get("curves").get(name);
          AccumulatedLocalEffects.Curve c =
              AccumulatedLocalEffects.compute(f, rows, features.indexOf(name), name);
          double[] grid = doubles(expected.get("grid"));
          assertThat(c.grid()).as(name).hasSize(grid.length);
          for (int k = 0; k < grid.length; k++) {
            assertThat(c.grid()[k]).as("%s grid %d", name, k).isCloseTo(grid[k], within(1e-12));
          }
          for (int k = 0; k < c.counts().length; k++) {
            assertThat(c.counts()[k]).isEqualTo(expected.get("counts").get(k).asInt());
          }
          double[] values = doubles(expected.get(space).get("values"));
          for (int k = 0; k < grid.length; k++) {
            // the ONNX model computes in float32
            assertThat(c.values()[k])
                .as("%s %s ALE %d", space, name, k)
                .isCloseTo(values[k], within(space.equals("logit") ? 1e-5 : 1e-6));
          }
        }
      }
    }
  }
}
