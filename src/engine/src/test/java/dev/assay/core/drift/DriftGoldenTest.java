package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drift statistics equal SciPy 1.10's on the fixtures of
 * src/engine/src/test/resources/golden/drift/make_drift_golden.py (Debian's python3-scipy):
 * statistics and distances to 1e-12 absolute, p-values to 1e-12 absolute (they lie in [0, 1];
 * SciPy's own asymptotic p-values carry about that much rounding at large n).
 */
class DriftGoldenTest {
  private static final double TOLERANCE = 1e-12;
  private static final JsonNode GOLDEN = load();

  private static JsonNode load() {
    try (InputStream in = DriftGoldenTest.class.getResourceAsStream("/golden/drift/drift.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<JsonNode> ks() {
    return elements(GOLDEN.get("ks"));
  }

  static Stream<JsonNode> kstwo() {
    return elements(GOLDEN.get("kstwo"));
  }

  static Stream<JsonNode> numeric() {
    return elements(GOLDEN.get("numeric"));
  }

  static Stream<JsonNode> chi2() {
    return elements(GOLDEN.get("chi2"));
  }

  static Stream<JsonNode> rates() {
    return elements(GOLDEN.get("rates"));
  }

  @Test
  void goldenWasMadeWithScipy110() {
    assertThat(GOLDEN.get("scipy").asText()).startsWith("1.10");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ks")
  void ksTwoSampleEqualsScipy(JsonNode c) {
    double[] a = sample(c, "a");
    double[] b = sample(c, "b");
    Arrays.sort(a);
    Arrays.sort(b);
    KsResult result = KolmogorovSmirnov.test(a, b);
    assertThat(result.method().name().toLowerCase(Locale.ROOT)).isEqualTo(c.get("method").asText());
    assertThat(result.statistic()).isCloseTo(c.get("statistic").asDouble(), within(TOLERANCE));
    assertThat(result.pValue()).isCloseTo(c.get("p_value").asDouble(), within(TOLERANCE));
    assertThat(SortedMerge.of(a, a.length, b, b.length).ks())
        .as("the fused merge of the profile path")
        .isEqualTo(KolmogorovSmirnov.statistic(a, a.length, b, b.length));
  }

  @ParameterizedTest(name = "n={0}")
  @MethodSource("kstwo")
  void kolmogorovSurvivalEqualsScipyKstwo(JsonNode c) {
    double sf = KolmogorovDistribution.sf(c.get("n").asInt(), c.get("x").asDouble());
    assertThat(sf)
        .as("kstwo.sf(%s, %s)", c.get("x").asDouble(), c.get("n").asInt())
        .isCloseTo(c.get("sf").asDouble(), within(TOLERANCE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numeric")
  void numericDistancesEqualScipyOnDecileBins(JsonNode c) {
    double[] r = doubles(c.get("reference"));
    double[] cur = doubles(c.get("current"));
    Arrays.sort(r);
    Arrays.sort(cur);
    QuantileBins bins = QuantileBins.ofReference(r, r.length, 10);
    assertThat(bins.edges()).containsExactly(doubles(c.get("edges")), within(TOLERANCE));
    long[] rc = bins.countSorted(r, r.length);
    long[] cc = bins.countSorted(cur, cur.length);
    assertThat(rc).containsExactly(longs(c.get("reference_counts")));
    assertThat(cc).containsExactly(longs(c.get("current_counts")));
    double w = Wasserstein.distance(r, r.length, cur, cur.length);
    assertThat(w).isCloseTo(c.get("wasserstein").asDouble(), within(TOLERANCE));
    assertThat(SortedMerge.of(r, r.length, cur, cur.length).wasserstein())
        .as("the fused merge of the profile path")
        .isEqualTo(w);
    assertThat(w / Wasserstein.standardDeviation(r, r.length))
        .isCloseTo(c.get("wasserstein_normed").asDouble(), within(TOLERANCE));
    assertThat(BinnedDistances.psi(rc, cc)).isCloseTo(c.get("psi").asDouble(), within(TOLERANCE));
    assertThat(BinnedDistances.jensenShannon(rc, cc))
        .isCloseTo(c.get("jensen_shannon").asDouble(), within(TOLERANCE));
    assertThat(BinnedDistances.hellinger(rc, cc))
        .isCloseTo(c.get("hellinger").asDouble(), within(TOLERANCE));
    assertThat(BinnedDistances.linf(rc, cc)).isCloseTo(c.get("linf").asDouble(), within(TOLERANCE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chi2")
  void chiSquareOfHomogeneityEqualsScipyChi2Contingency(JsonNode c) {
    long[] r = longs(c.get("reference"));
    long[] cur = longs(c.get("current"));
    ChiSquareResult result = ChiSquareHomogeneity.test(r, cur);
    assertThat(result.dof()).isEqualTo(c.get("dof").asInt());
    assertThat(result.statistic()).isFinite();
    assertThat(result.statistic()).isCloseTo(c.get("statistic").asDouble(), within(TOLERANCE));
    assertThat(result.pValue()).isCloseTo(c.get("p_value").asDouble(), within(TOLERANCE));
    assertThat(BinnedDistances.jensenShannon(r, cur))
        .isCloseTo(c.get("jensen_shannon").asDouble(), within(TOLERANCE));
    assertThat(BinnedDistances.psi(r, cur)).isCloseTo(c.get("psi").asDouble(), within(TOLERANCE));
    assertThat(BinnedDistances.hellinger(r, cur))
        .isCloseTo(c.get("hellinger").asDouble(), within(TOLERANCE));
    assertThat(BinnedDistances.linf(r, cur)).isCloseTo(c.get("linf").asDouble(), within(TOLERANCE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rates")
  void rateTestEqualsUncorrectedChiSquareOnTheTwoByTwoTable(JsonNode c) {
    RateComparison rate =
        RateComparison.of(
            c.get("k1").asLong(), c.get("n1").asLong(), c.get("k2").asLong(), c.get("n2").asLong());
    assertThat(rate.pValue()).isCloseTo(c.get("p_value").asDouble(), within(TOLERANCE));
  }

  @Test
  void holmAndBenjaminiHochbergEqualTheirDefinitions() {
    JsonNode adjust = GOLDEN.get("adjust");
    double[] p = doubles(adjust.get("p"));
    assertThat(Correction.HOLM.adjust(p))
        .containsExactly(doubles(adjust.get("holm")), within(TOLERANCE));
    assertThat(Correction.BH.adjust(p))
        .containsExactly(doubles(adjust.get("bh")), within(TOLERANCE));
  }

  private static double[] sample(JsonNode c, String side) {
    if (c.has(side)) {
      return doubles(c.get(side));
    }
    JsonNode r = c.get("recipe_" + side);
    int n = r.get("n").asInt();
    long mul = r.get("mul").asLong();
    long add = r.get("add").asLong();
    long mod = r.get("mod").asLong();
    double div = r.get("div").asDouble();
    double shift = r.get("shift").asDouble();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = ((i * mul + add) % mod) / div + shift;
    }
    return x;
  }

  private static Stream<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static double[] doubles(JsonNode array) {
    return elements(array).mapToDouble(JsonNode::asDouble).toArray();
  }

  private static long[] longs(JsonNode array) {
    return elements(array).mapToLong(JsonNode::asLong).toArray();
  }
}
