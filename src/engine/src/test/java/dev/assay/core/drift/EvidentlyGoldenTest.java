package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evidently-compatible mode against make_evidently_golden.py (the default test choice written out
 * in Python from Evidently's source, values from SciPy 1.10): column type, test, score (p-value or
 * distance) to 1e-12, statistic and verdict; plus hand-checked fixtures of the dataset rule and the
 * tests' formulas.
 */
class EvidentlyGoldenTest {
  private static final double TOLERANCE = 1e-12;
  private static final JsonNode GOLDEN = load();

  private static JsonNode load() {
    try (InputStream in =
        EvidentlyGoldenTest.class.getResourceAsStream("/golden/evidently/evidently.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<JsonNode> cases() {
    return StreamSupport.stream(GOLDEN.get("cases").spliterator(), false);
  }

  static FeatureSample sample(String name, JsonNode values, boolean text) {
    if (text) {
      Map<String, Long> counts = new HashMap<>();
      long missing = 0;
      for (JsonNode v : values) {
        if (v.isNull()) {
          missing++;
        } else {
          counts.merge(v.asText(), 1L, Long::sum);
        }
      }
      return new CategoricalSample(name, counts, missing);
    }
    double[] xs = new double[values.size()];
    int n = 0;
    long missing = 0;
    for (JsonNode v : values) {
      if (v.isNull()) {
        missing++;
      } else {
        xs[n++] = v.asDouble();
      }
    }
    return NumericSample.of(name, xs, n, missing, 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void equalsTheGolden(JsonNode c) {
    boolean text = c.get("text").asBoolean();
    EvidentlyFeature f =
        EvidentlyDrift.column(
            sample("x", c.get("reference"), text), sample("x", c.get("current"), text));
    assertThat(f.kind()).isEqualTo(c.get("kind").asText());
    assertThat(f.stattest()).isEqualTo(c.get("stattest").asText());
    assertThat(f.nReference()).isEqualTo(c.get("n_reference").asLong());
    assertThat(f.nCurrent()).isEqualTo(c.get("n_current").asLong());
    assertThat(f.nUnique()).isEqualTo(c.get("n_unique").asInt());
    assertThat(f.score()).isCloseTo(c.get("score").asDouble(), within(TOLERANCE));
    JsonNode statistic = c.get("statistic");
    if (statistic != null && !statistic.isNull()) {
      if (statistic.isTextual()) {
        assertThat(f.statistic()).isEqualTo(Double.POSITIVE_INFINITY);
      } else {
        double s = statistic.asDouble();
        assertThat(f.statistic()).isCloseTo(s, within(TOLERANCE * Math.max(1, Math.abs(s))));
      }
    }
    if (c.has("dof")) {
      assertThat(f.dof()).isEqualTo(c.get("dof").asInt());
    }
    assertThat(f.drift()).isEqualTo(c.get("drift").asBoolean());
  }

  @Test
  void theGoldenReachesEveryTestAndBothVerdicts() {
    assertThat(cases().map(c -> c.get("stattest").asText()).distinct())
        .containsExactlyInAnyOrder("ks", "wasserstein", "chisquare", "z", "jensenshannon");
    assertThat(cases().filter(c -> c.get("drift").asBoolean())).hasSizeGreaterThan(3);
    assertThat(cases().filter(c -> !c.get("drift").asBoolean())).hasSizeGreaterThan(3);
  }

  private static NumericSample numbers(String name, double... values) {
    return NumericSample.of(name, values.clone(), values.length, 0, 0);
  }

  @Test
  void zTestByHand() {
    // reference 10 x "a", 10 x "b"; current 5 x "a", 15 x "b": p1 = 0.5, p2 = 0.75, pooled 0.625,
    // z = -0.25 / sqrt(0.625 * 0.375 * 0.1) = -1.6329931618554523, p = 2 (1 - Φ(1.633))
    EvidentlyFeature f =
        EvidentlyDrift.column(
            new CategoricalSample("c", Map.of("a", 10L, "b", 10L), 0),
            new CategoricalSample("c", Map.of("a", 5L, "b", 15L), 3));
    assertThat(f.stattest()).isEqualTo("z");
    assertThat(f.statistic()).isCloseTo(-1.6329931618554523, within(1e-15));
    assertThat(f.score()).isCloseTo(0.10247043485974938, within(1e-12));
    assertThat(f.drift()).isFalse();
    assertThat(f.nCurrent()).isEqualTo(20);
  }

  @Test
  void chiSquareIsGoodnessOfFitByHand() {
    // reference 10/20/30 (n 60), current 10/10/10 (n 30): expected 5/10/15,
    // statistic 25/5 + 0 + 25/15 = 6.666..., dof 2, p = exp(-x/2) = exp(-10/3)
    ChiSquareResult r =
        EvidentlyStatTests.chiSquareGoodnessOfFit(new long[] {10, 20, 30}, new long[] {10, 10, 10});
    assertThat(r.statistic()).isCloseTo(20.0 / 3, within(1e-13));
    assertThat(r.dof()).isEqualTo(2);
    assertThat(r.pValue()).isCloseTo(Math.exp(-10.0 / 3), within(1e-14));
  }

  @Test
  void aCategoryTheReferenceLacksGivesAnInfiniteChiSquare() {
    ChiSquareResult r =
        EvidentlyStatTests.chiSquareGoodnessOfFit(new long[] {10, 20, 0}, new long[] {10, 10, 1});
    assertThat(r.statistic()).isInfinite();
    assertThat(r.pValue()).isZero();
  }

  @Test
  void jensenShannonIsInNats() {
    // disjoint supports: JS divergence ln 2, distance sqrt(ln 2)
    assertThat(EvidentlyStatTests.jensenShannonNatural(new long[] {5, 0}, new long[] {0, 7}))
        .isCloseTo(Math.sqrt(Math.log(2)), within(1e-15));
  }

  @Test
  void theReferenceSizeAndUniqueCountPickTheTest() {
    double[] small = new double[1000];
    double[] large = new double[1001];
    for (int i = 0; i < large.length; i++) {
      large[i] = i % 7;
      if (i < small.length) {
        small[i] = i % 7;
      }
    }
    // integer columns with 7 distinct values are numerical: ks up to 1000 rows, then wasserstein
    assertThat(EvidentlyDrift.column(numbers("a", small), numbers("a", small)).stattest())
        .isEqualTo("ks");
    assertThat(EvidentlyDrift.column(numbers("a", large), numbers("a", large)).stattest())
        .isEqualTo("wasserstein");
    // with 5 distinct reference values they are categorical: chisquare, then jensenshannon
    for (int i = 0; i < large.length; i++) {
      large[i] = i % 5;
      if (i < small.length) {
        small[i] = i % 5;
      }
    }
    assertThat(EvidentlyDrift.column(numbers("a", small), numbers("a", small)).kind())
        .isEqualTo("categorical");
    assertThat(EvidentlyDrift.column(numbers("a", small), numbers("a", small)).stattest())
        .isEqualTo("chisquare");
    assertThat(EvidentlyDrift.column(numbers("a", large), numbers("a", large)).stattest())
        .isEqualTo("jensenshannon");
  }

  @Test
  void theDatasetDriftsWhenHalfTheTestedColumnsDo() {
    EvidentlyFeature yes =
        new EvidentlyFeature("a", "numerical", 9, 9, 9, "ks", 0.01, 0.05, 0.5, 0, true);
    EvidentlyFeature no =
        new EvidentlyFeature("b", "numerical", 9, 9, 9, "ks", 0.5, 0.05, 0.1, 0, false);
    EvidentlyFeature empty =
        new EvidentlyFeature(
            "c", "empty", 0, 9, 3, null, Double.NaN, Double.NaN, Double.NaN, 0, false);
    assertThat(new EvidentlyReport(List.of(yes, no, empty)).drift()).isTrue();
    assertThat(new EvidentlyReport(List.of(yes, no, empty)).shareDrifted()).isEqualTo(0.5);
    assertThat(new EvidentlyReport(List.of(yes, no, no)).drift()).isFalse();
    assertThat(new EvidentlyReport(List.of(yes, no, no)).drifted()).containsExactly("a");
  }

  @Test
  void anEmptySideIsUntested() {
    EvidentlyFeature f =
        EvidentlyDrift.column(NumericSample.of("e", new double[0], 0, 5, 0), numbers("e", 1, 2, 3));
    assertThat(f.stattest()).isNull();
    assertThat(f.drift()).isFalse();
  }
}
