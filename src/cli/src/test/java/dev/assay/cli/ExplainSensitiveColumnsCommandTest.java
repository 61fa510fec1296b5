package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.TestModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code assay explain --reasons --sensitive a,b}: the proxy check against several sensitive
 * columns (comma-separated or repeated), each association equal to SciPy's (golden/hmda_proxy.json
 * for afam, golden/hmda_proxy_single.json for single), and unknown names refused in one line.
 */
class ExplainSensitiveColumnsCommandTest extends ExplainCommandFixture {
  private static final String[] COMMON = {
    "--rows",
    "0-99",
    "--background",
    "30",
    "--repeats",
    "0",
    "--method",
    "linear",
    "--output",
    "logit",
    "--reasons",
    "--proxy-threshold",
    "0.2",
    "--json",
    "-",
    "--quiet"
  };

  private CliRun.Outcome run(String... sensitive) {
    List<String> args = new ArrayList<>(List.of(COMMON));
    args.addAll(List.of(sensitive));
    return explain(args.toArray(String[]::new));
  }

  private static JsonNode golden(String file) throws Exception {
    return JSON.readTree(
        TestModels.repoRoot().resolve("src/engine/src/test/resources/golden/" + file).toFile());
  }

  @Test
  void everyFeatureIsCheckedAgainstEachSensitiveColumnAsScipyMeasuresIt() throws Exception {
    CliRun.Outcome comma = run("--sensitive", "afam,single");
    assertThat(comma.code()).as(comma.err()).isZero();
    JsonNode reasons = comma.json().get("reasons");
    JsonNode proxies = reasons.get("proxies");
    List<String> attributes = new ArrayList<>();
    proxies.get("attributes").forEach(a -> attributes.add(a.asText()));
    // the model's own sensitive column (afam) is named once
    assertThat(attributes).containsExactly("afam", "single");
    Map<String, JsonNode> goldens =
        Map.of("afam", golden("hmda_proxy.json"), "single", golden("hmda_proxy_single.json"));
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Double> strongestFlag = new HashMap<>();
    for (JsonNode a : proxies.get("associations")) {
      String attribute = a.get("attribute").asText();
      String feature = a.get("feature").asText();
      assertThat(feature).isNotEqualTo(attribute);
      JsonNode g = goldens.get(attribute).get(feature);
      assertThat(g).as(feature + " ~ " + attribute).isNotNull();
      assertThat(a.get("measure").asText()).isEqualTo(g.get("measure").asText());
      assertThat(a.get("value").asDouble()).isCloseTo(g.get("value").asDouble(), within(1e-12));
      assertThat(a.get("flagged").asBoolean()).isEqualTo(g.get("value").asDouble() >= 0.2);
      counts.merge(attribute, 1, Integer::sum);
      if (a.get("flagged").asBoolean()) {
        strongestFlag.merge(feature, a.get("value").asDouble(), Math::max);
      }
    }
    // 13 features: 12 against each attribute (not the attribute itself)
    assertThat(counts).containsEntry("afam", 12).containsEntry("single", 12);
    // chist ~ afam (V 0.203), mhist ~ single (V 0.219), condomin ~ single (V 0.306)
    assertThat(strongestFlag.keySet()).containsExactlyInAnyOrder("chist", "mhist", "condomin");

    // statements: single is now a sensitive attribute itself; a flagged proxy names its attribute
    int seen = 0;
    for (JsonNode d : reasons.get("adverse_action")) {
      for (JsonNode s : d.get("reasons")) {
        String feature = s.get("feature").asText();
        assertThat(s.get("sensitive_attribute").asBoolean())
            .isEqualTo(feature.equals("afam") || feature.equals("single"));
        JsonNode proxy = s.get("proxy");
        if (strongestFlag.containsKey(feature)) {
          assertThat(proxy.get("value").asDouble()).isEqualTo(strongestFlag.get(feature));
          assertThat(proxy.get("attribute").asText())
              .isEqualTo(feature.equals("chist") ? "afam" : "single");
          seen++;
        } else {
          assertThat(proxy.isNull()).isTrue();
        }
      }
    }
    assertThat(seen).isPositive();

    // repeated gives the same check
    CliRun.Outcome repeated = run("--sensitive", "single", "--sensitive", "afam");
    assertThat(repeated.code()).as(repeated.err()).isZero();
    JsonNode again = repeated.json().get("reasons").get("proxies");
    assertThat(again.get("attributes").toString()).isEqualTo("[\"single\",\"afam\"]");
    assertThat(again.get("associations")).hasSize(24);
  }

  @Test
  void unknownOrEmptyNamesAreRefusedInOneLine() {
    CliRun.Outcome unknown = run("--sensitive", "afam,race,sex");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err().strip())
        .startsWith("assay: --sensitive race,sex: the data has no such columns (columns: pirat,")
        .doesNotContain("\n");
    CliRun.Outcome empty = run("--sensitive", "afam,,single");
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err().strip())
        .isEqualTo("assay: --sensitive: an empty column name in 'afam,,single'");
    CliRun.Outcome stratified =
        explain(
            "--background",
            "30",
            "--background-mode",
            "stratified",
            "--sensitive",
            "afam,single",
            "--quiet");
    assertThat(stratified.code()).isEqualTo(2);
    assertThat(stratified.err().strip())
        .isEqualTo(
            "assay: --background-mode stratified keeps the shares of one --sensitive column, not"
                + " afam,single");
  }
}
