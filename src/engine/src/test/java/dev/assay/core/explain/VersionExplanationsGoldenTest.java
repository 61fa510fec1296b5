package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.AssayException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two versions' explanations compared, against golden/version_explanations.json
 * (make_version_explanations_golden.py: scipy.stats.spearmanr, kendalltau, the Wilson interval with
 * norm.ppf, Python sets).
 */
class VersionExplanationsGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode golden;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in =
        VersionExplanationsGoldenTest.class.getResourceAsStream(
            "/golden/version_explanations.json")) {
      golden = JSON.readTree(in);
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = array.get(k).asDouble();
    }
    return out;
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static VersionExplanations.Explained explained(JsonNode side) {
    JsonNode phi = side.get("phi");
    double[][] table = new double[phi.size()][];
    int[] rows = new int[phi.size()];
    for (int r = 0; r < table.length; r++) {
      table[r] = doubles(phi.get(r));
      rows[r] = side.get("rows").get(r).asInt();
    }
    return new VersionExplanations.Explained(
        names(side.get("features")), rows, table, doubles(side.get("mean_abs")));
  }

  /** The same explanation as the document {@code assay explain --json} prints and stores. */
  private static JsonNode document(JsonNode side) {
    ObjectNode doc = JSON.createObjectNode();
    doc.set("features", side.get("features"));
    ArrayNode rows = doc.putArray("rows");
    List<String> features = names(side.get("features"));
    for (int r = 0; r < side.get("phi").size(); r++) {
      ObjectNode row = rows.addObject();
      row.put("row", side.get("rows").get(r).asInt());
      ObjectNode phi = row.putObject("attributions");
      for (int i = 0; i < features.size(); i++) {
        phi.put(features.get(i), side.get("phi").get(r).get(i).asDouble());
      }
    }
    ObjectNode mean = doc.putObject("global").putObject("mean_abs");
    for (int i = 0; i < features.size(); i++) {
      mean.put(features.get(i), side.get("mean_abs").get(i).asDouble());
    }
    return doc;
  }

  @Test
  void rankCorrelationsTopReasonShareJaccardAndRanksEqualScipys() {
    for (String way : List.of("higher", "lower")) {
      VersionExplanations.Result result =
          VersionExplanations.compare(
              explained(golden.get("a")), explained(golden.get("b")), way.equals("higher"));
      JsonNode expected = golden.get("top_reason").get(way);
      assertThat(result.rows()).isEqualTo(40);
      assertThat(result.spearman()).isCloseTo(golden.get("spearman").asDouble(), within(1e-12));
      assertThat(result.kendallTau())
          .isCloseTo(golden.get("kendall_tau").asDouble(), within(1e-12));
      assertThat(result.topReasonChanged()).as(way).isEqualTo(expected.get("changed").asInt());
      assertThat(result.share()).isCloseTo(expected.get("share").asDouble(), within(1e-12));
      assertThat(result.ciLow()).isCloseTo(expected.get("ci_low").asDouble(), within(1e-12));
      assertThat(result.ciHigh()).isCloseTo(expected.get("ci_high").asDouble(), within(1e-12));
      assertThat(result.top4JaccardMean())
          .isCloseTo(golden.get("top4_jaccard_mean").asDouble(), within(1e-12));
      List<String> features = names(golden.get("features"));
      for (int i = 0; i < features.size(); i++) {
        VersionExplanations.FeatureRank f = result.features().get(i);
        assertThat(f.feature()).isEqualTo(features.get(i));
        assertThat(f.rankA()).isEqualTo(golden.get("rank_a").get(i).asInt());
        assertThat(f.rankB()).isEqualTo(golden.get("rank_b").get(i).asInt());
        assertThat(f.importanceB())
            .isCloseTo(golden.get("importance_b").get(i).asDouble(), within(1e-12));
      }
    }
  }

  @Test
  void theStoredDocumentsGiveTheSameFigures() {
    VersionExplanations.Result result =
        VersionExplanations.compare(
            VersionExplanations.Explained.of(document(golden.get("a"))),
            VersionExplanations.Explained.of(document(golden.get("b"))),
            true);
    assertThat(result.topReasonChanged())
        .isEqualTo(golden.get("top_reason").get("higher").get("changed").asInt());
    assertThat(result.spearman()).isCloseTo(golden.get("spearman").asDouble(), within(1e-12));
  }

  @Test
  void kendallTauBAndSpearmanWithTiesEqualScipys() {
    double[] x = doubles(golden.get("x"));
    double[] y = doubles(golden.get("y"));
    assertThat(VersionExplanations.kendallTau(x, y))
        .isCloseTo(golden.get("kendall_tau_xy").asDouble(), within(1e-12));
    assertThat(Stability.spearman(x, y))
        .isCloseTo(golden.get("spearman_xy").asDouble(), within(1e-12));
  }

  @Test
  void differentFeaturesOrRowsAreRefusedInOneLine() {
    VersionExplanations.Explained a = explained(golden.get("a"));
    VersionExplanations.Explained b = explained(golden.get("b"));
    List<String> renamed = new ArrayList<>(b.features());
    renamed.set(0, "zip");
    VersionExplanations.Explained otherFeatures =
        new VersionExplanations.Explained(renamed, b.rows(), b.phi(), b.meanAbs());
    assertThatThrownBy(() -> VersionExplanations.compare(a, otherFeatures, true))
        .isInstanceOf(AssayException.class)
        .hasMessageStartingWith("the two explanations have different features")
        .hasMessageNotContaining("\n");
    int[] shifted = b.rows().clone();
    shifted[0] = 7;
    VersionExplanations.Explained otherRows =
        new VersionExplanations.Explained(b.features(), shifted, b.phi(), b.meanAbs());
    assertThatThrownBy(() -> VersionExplanations.compare(a, otherRows, true))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("cover different rows")
        .hasMessageNotContaining("\n");
  }
}
