package dev.assay.core.metrics;

import static dev.assay.core.metrics.Golden.assertClose;
import static dev.assay.core.metrics.Golden.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Regression metrics equal scikit-learn's on the cases in golden/regression.json. */
class RegressionGoldenTest {
  private static final String FILE = "regression.json";

  static Stream<String> cases() {
    return StreamSupport.stream(Golden.load(FILE).get("cases").spliterator(), false)
        .map(c -> c.get("name").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneAccumulatorMatchesScikitLearn(String name) {
    JsonNode c = Golden.namedCase(FILE, name);
    double[] y = Golden.numbers(c.get("inputs").get("actual"));
    double[] yhat = Golden.numbers(c.get("inputs").get("predicted"));
    RegressionAccumulator acc = new RegressionAccumulator();
    acc.add(y, yhat, y.length);
    assertMatches(c.get("expected"), acc.snapshot(), y.length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void randomBatchesMergedMatchScikitLearn(String name) {
    JsonNode c = Golden.namedCase(FILE, name);
    double[] y = Golden.numbers(c.get("inputs").get("actual"));
    double[] yhat = Golden.numbers(c.get("inputs").get("predicted"));
    Random random = new Random(name.hashCode());
    RegressionAccumulator[] workers = {
      new RegressionAccumulator(), new RegressionAccumulator(), new RegressionAccumulator()
    };
    for (int start = 0; start < y.length; ) {
      int size = Math.min(y.length - start, 1 + random.nextInt(61));
      workers[random.nextInt(workers.length)].add(
          Arrays.copyOfRange(y, start, start + size),
          Arrays.copyOfRange(yhat, start, start + size),
          size);
      start += size;
    }
    RegressionAccumulator merged = new RegressionAccumulator();
    for (RegressionAccumulator w : workers) {
      merged.merge(w);
    }
    assertMatches(c.get("expected"), merged.snapshot(), y.length);
  }

  private static void assertMatches(JsonNode e, RegressionMetrics m, int rows) {
    assertThat(m.rows()).isEqualTo(rows);
    Map<String, Object> json = m.toJsonMap();
    assertThat(json.keySet())
        .containsExactly("mae", "mse", "rmse", "r2", "median_absolute_error", "max_error", "mape");
    for (String key : json.keySet()) {
      assertClose(key, number(e.get(key)), ((Number) json.get(key)).doubleValue());
    }
    assertClose("r2 accessor", number(e.get("r2")), m.r2());
  }
}
