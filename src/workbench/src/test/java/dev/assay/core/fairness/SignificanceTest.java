package dev.assay.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chi-square and Fisher p-values equal scipy's {@code chi2_contingency(correction=False)} and
 * {@code fisher_exact} (values in fairness_samples.json, made by make_fairness_golden.py).
 */
class SignificanceTest {
  static Stream<Arguments> tables() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode c : FairnessGoldenTest.golden().get("significance")) {
      cases.add(Arguments.of(c.get("table").toString(), c));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void pValuesEqualScipy(String name, JsonNode c) {
    long[][] table = new long[c.get("table").size()][2];
    for (int i = 0; i < table.length; i++) {
      table[i][0] = c.get("table").get(i).get(0).asLong();
      table[i][1] = c.get("table").get(i).get(1).asLong();
    }
    int high = c.get("high").asInt();
    int low = c.get("low").asInt();
    Significance.Result result = Significance.independence(table, high, low);
    assertThat(result.test()).isEqualTo(c.get("test").asText());
    assertThat(result.pValue()).isCloseTo(c.get("p_value").asDouble(), relative(c.get("p_value")));
    if (table.length > 2) {
      return;
    }
    assertThat(new org.hipparchus.stat.inference.ChiSquareTest().chiSquareTest(table))
        .isCloseTo(c.get("chi2_p").asDouble(), relative(c.get("chi2_p")));
    assertThat(Significance.fisher(table[high], table[low]))
        .isCloseTo(c.get("fisher_p").asDouble(), relative(c.get("fisher_p")));
  }

  private static org.assertj.core.data.Offset<Double> relative(JsonNode expected) {
    return org.assertj.core.data.Offset.offset(Math.max(1e-15, 1e-9 * expected.asDouble()));
  }

  @Test
  void groupsWithTheSameSingleOutcomeNeedNoTest() {
    Significance.Result r = Significance.independence(new long[][] {{0, 30}, {0, 40}}, 0, 1);
    assertThat(r.pValue()).isEqualTo(1.0);
    assertThat(r.test()).startsWith("none");
  }

  @Test
  void emptyGroupsAreLeftOutAndOneGroupCannotBeTested() {
    Significance.Result r = Significance.independence(new long[][] {{3, 30}, {0, 0}}, 0, 0);
    assertThat(r.pValue()).isNaN();
  }

  @Test
  void bonferroniDoublesTheSmallerPValue() {
    Significance.Result r =
        Significance.either(new Significance.Result(0.01, "a"), new Significance.Result(0.3, "b"));
    assertThat(r.pValue()).isEqualTo(0.02);
    assertThat(r.test()).isEqualTo("a, Bonferroni over TPR and FPR");
    assertThat(
            Significance.either(
                    new Significance.Result(0.7, "a"), new Significance.Result(0.6, "b"))
                .pValue())
        .isEqualTo(1.0);
  }
}
