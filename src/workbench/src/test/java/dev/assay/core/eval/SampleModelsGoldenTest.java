package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluation engine on the sample models equals scikit-learn on a forward pass computed in
 * numpy from the ONNX initializers (src/engine/src/test/resources/golden/make_eval_golden.py),
 * independently of ONNX Runtime and of Assay's metric code.
 */
class SampleModelsGoldenTest {
  /**
   * Relative tolerance: the model runs in float32 both here (ORT) and in the reference (numpy), but
   * the two sum the Gemm in different orders, so probabilities differ by a few ulps.
   */
  private static final double RELATIVE = 1e-6;

  @TempDir static Path dir;
  private static TestWorkbench bench;

  @BeforeAll
  static void open() {
    bench = TestWorkbench.open(dir);
  }

  @AfterAll
  static void close() {
    bench.close();
  }

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in =
        SampleModelsGoldenTest.class.getResourceAsStream("/golden/eval_samples.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Arguments> cases = new ArrayList<>();
      root.get("cases").forEach(c -> cases.add(Arguments.of(c.get("model").asText(), c)));
      assertThat(cases).hasSize(4);
      return cases.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void metricsEqualScikitLearnOnTheNumpyForwardPass(String modelFile, JsonNode golden) {
    ModelVersion model = bench.importModel(TestModels.sample(modelFile), null);
    DatasetVersion data =
        bench.importCsv(
            TestModels.repoRoot().resolve("models/data").resolve(golden.get("data").asText()));

    EvaluationResult result =
        bench.run(TestWorkbench.request(model, data, golden.get("target").asText(), null));

    assertThat(result.rows()).isEqualTo(golden.get("rows").asLong());
    assertThat(result.skippedRows()).isZero();
    assertThat(result.bindingSource()).isEqualTo("model metadata");
    List<String> features = new ArrayList<>();
    golden.get("features").forEach(f -> features.add(f.asText()));
    assertThat(result.binding().columns()).containsExactlyElementsOf(features);
    assertThat(result.classOrder()).containsExactly("0", "1");
    assertThat(result.positiveLabel()).isEqualTo("1");
    Map<String, Object> metrics = result.metrics();
    golden
        .get("metrics")
        .properties()
        .forEach(
            e -> {
              double expected = e.getValue().asDouble();
              assertThat(metrics).containsKey(e.getKey());
              double actual = ((Number) metrics.get(e.getKey())).doubleValue();
              assertThat(actual)
                  .as("%s on %s", e.getKey(), modelFile)
                  .isCloseTo(expected, within(RELATIVE * Math.max(Math.abs(expected), 1e-12)));
            });
    // make_eval_golden.py records min |p1 - 0.5| >= 3e-3, far above float32 resolution: no row can
    // flip between the two float32 computations, so the matrix must be identical.
    assertThat(golden.get("min_margin").asDouble()).isGreaterThan(1e-4);
    List<List<Long>> expectedMatrix = new ArrayList<>();
    golden
        .get("confusion_matrix")
        .forEach(
            row -> {
              List<Long> r = new ArrayList<>();
              row.forEach(v -> r.add(v.asLong()));
              expectedMatrix.add(r);
            });
    assertThat(metrics.get("confusion_matrix")).isEqualTo(expectedMatrix);
    assertThat(metrics.get("class_order")).isEqualTo(List.of("0", "1"));
  }
}
