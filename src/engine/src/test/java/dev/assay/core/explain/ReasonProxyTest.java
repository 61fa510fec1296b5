package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxy associations against golden/proxy.json (make_proxy_golden.py: SciPy's point-biserial r,
 * one-way ANOVA and Cramér's V), and the reason-text table's rules.
 */
class ReasonProxyTest {
  @TempDir Path dir;

  @Test
  void associationsEqualScipysPointBiserialAnovaEtaAndCramersV() throws Exception {
    JsonNode golden;
    try (InputStream in = getClass().getResourceAsStream("/golden/proxy.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    List<String> features = new ArrayList<>();
    golden.get("features").forEach(f -> features.add(f.asText()));
    JsonNode rows = golden.get("rows");
    int m = features.size();
    double[] values = new double[rows.size() * m];
    for (int r = 0; r < rows.size(); r++) {
      for (int j = 0; j < m; j++) {
        values[r * m + j] = rows.get(r).get(j).asDouble();
      }
    }
    List<ProxyAssociation.Association> got = new ArrayList<>();
    for (String attribute : List.of("two", "three")) {
      List<String> groups = new ArrayList<>();
      golden.get(attribute).forEach(g -> groups.add(g.asText()));
      got.addAll(ProxyAssociation.of(features, values, attribute, groups, 0.3));
    }
    JsonNode expected = golden.get("associations");
    assertThat(got).hasSize(expected.size());
    for (int k = 0; k < got.size(); k++) {
      JsonNode e = expected.get(k);
      ProxyAssociation.Association a = got.get(k);
      assertThat(a.feature()).isEqualTo(e.get("feature").asText());
      assertThat(a.attribute()).isEqualTo(e.get("attribute").asText());
      assertThat(a.measure()).as(a.feature()).isEqualTo(e.get("measure").asText());
      assertThat(a.value()).as(a + "").isCloseTo(e.get("value").asDouble(), within(1e-12));
      assertThat(a.flagged()).isEqualTo(e.get("value").asDouble() >= 0.3);
    }
    // income (eta 0.52) and zip_band (V 0.84) stand in for "two"; nothing else reaches 0.3
    assertThat(got.stream().filter(ProxyAssociation.Association::flagged).map(a -> a.feature()))
        .containsExactly("income", "zip_band");
  }

  @Test
  void reasonTextFromTheTableElseFromTheNameAndDirection() throws Exception {
    assertThat(ReasonText.humanize("debtToIncome_ratio")).isEqualTo("Debt to income ratio");
    assertThat(ReasonText.humanize("pirat")).isEqualTo("Pirat");
    Path csv = dir.resolve("reason-text.csv");
    Files.writeString(csv, "feature,reason\npirat,\"Obligations too high, relative to income\"\n");
    ReasonText texts = ReasonText.read(csv, List.of("pirat", "lvrat"));
    assertThat(texts.text("pirat", 0.1, 0.3)).isEqualTo("Obligations too high, relative to income");
    assertThat(texts.text("lvrat", 0.9, 0.7)).isEqualTo("Lvrat too high");
    assertThat(texts.text("lvrat", 0.5, 0.7)).isEqualTo("Lvrat too low");
    assertThat(texts.mapped("lvrat")).isFalse();
    assertThat(texts.source()).isEqualTo("reason-text.csv");
    Files.writeString(csv, "feature,reason\nincome,Income insufficient\n");
    assertThatThrownBy(() -> ReasonText.read(csv, List.of("pirat", "lvrat")))
        .isInstanceOf(AssayException.class)
        .hasMessage(
            "reason-text.csv line 2: 'income' is not a scored input of the model (every reason"
                + " must map to one of pirat, lvrat)");
    Files.writeString(csv, "feature,text\npirat,x\n");
    assertThatThrownBy(() -> ReasonText.read(csv, List.of("pirat")))
        .hasMessageContaining("needs the columns feature,reason");
    Files.writeString(csv, "feature,reason\npirat,a\npirat,b\n");
    assertThatThrownBy(() -> ReasonText.read(csv, List.of("pirat")))
        .hasMessage("reason-text.csv line 3: 'pirat' is named twice");
  }
}
