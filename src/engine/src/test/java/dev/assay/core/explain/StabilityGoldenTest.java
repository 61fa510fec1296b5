package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rank agreement against golden/stability.json (make_stability_golden.py, SciPy). */
class StabilityGoldenTest {
  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = array.get(k).asDouble();
    }
    return out;
  }

  private static List<Explainer.RowAttribution> table(JsonNode rows) {
    List<Explainer.RowAttribution> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      out.add(
          new Explainer.RowAttribution(r, new Attribution.Exact(doubles(rows.get(r)), 0, 0, 0)));
    }
    return out;
  }

  @Test
  void spearmanRanksAndTopAgreementEqualScipys() throws IOException {
    JsonNode golden;
    try (InputStream in = getClass().getResourceAsStream("/golden/stability.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    double[] x = doubles(golden.get("x"));
    assertThat(Stability.ranks(x)).containsExactly(doubles(golden.get("ranks_x")));
    assertThat(Stability.spearman(x, doubles(golden.get("y"))))
        .isCloseTo(golden.get("spearman").asDouble(), within(1e-12));
    Stability.Agreement agreement =
        Stability.compare(table(golden.get("a")), table(golden.get("b")), golden.get("k").asInt());
    assertThat(agreement.topAgreement())
        .isCloseTo(golden.get("top_agreement").asDouble(), within(1e-12));
    assertThat(agreement.spearman())
        .isCloseTo(golden.get("spearman_mean_abs").asDouble(), within(1e-12));
    Stability.Overlap overlap =
        Stability.overlap(table(golden.get("a")), table(golden.get("b")), golden.get("k").asInt());
    assertThat(overlap.jaccard()).containsExactly(doubles(golden.get("jaccard")), within(1e-15));
    assertThat(overlap.meanJaccard())
        .isCloseTo(golden.get("mean_jaccard").asDouble(), within(1e-12));
    assertThat(overlap.topOne()).isCloseTo(golden.get("top1_agreement").asDouble(), within(1e-12));
    assertThat(overlap.identical())
        .isCloseTo(golden.get("top_agreement").asDouble(), within(1e-12));
  }
}
