package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Multivariate drift by PCA reconstruction error against scikit-learn (make_pca_golden.py):
 * components kept, explained variance, per-row and per-chunk errors and the ±3 sd band, to 1e-9.
 * The planted change flips a correlation and leaves every marginal alone: the univariate tests see
 * nothing there, the reconstruction error leaves the band in every current chunk.
 */
class PcaReconstructionGoldenTest {
  private static final double TOLERANCE = 1e-9;

  private static JsonNode golden() throws Exception {
    try (InputStream in =
        PcaReconstructionGoldenTest.class.getResourceAsStream("/golden/multivariate/pca.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static double[][] columns(JsonNode side) {
    double[][] out = new double[side.size()][];
    for (int j = 0; j < out.length; j++) {
      JsonNode c = side.get(j);
      out[j] = new double[c.size()];
      for (int i = 0; i < c.size(); i++) {
        out[j][i] = c.get(i).isNull() ? Double.NaN : c.get(i).asDouble();
      }
    }
    return out;
  }

  @Test
  void equalsScikitLearnAndFlagsAFlippedCorrelation() throws Exception {
    JsonNode g = golden();
    double[][] ref = columns(g.get("reference"));
    double[][] cur = columns(g.get("current"));
    PcaReconstruction pca = PcaReconstruction.fit(ref);
    assertThat(pca.components()).isEqualTo(g.get("components").asInt());
    for (int k = 0; k < pca.components(); k++) {
      assertThat(pca.explainedVarianceRatio()[k])
          .isCloseTo(g.get("explained_variance_ratio").get(k).asDouble(), within(TOLERANCE));
    }
    double[] rows = pca.rowErrors(cur);
    for (int i = 0; i < 50; i++) {
      assertThat(rows[i])
          .as("row %d", i)
          .isCloseTo(g.get("row_errors_current_head").get(i).asDouble(), within(TOLERANCE));
    }
    assertThat(pca.error(ref)).isCloseTo(g.get("reference_error").asDouble(), within(TOLERANCE));
    assertThat(pca.error(cur)).isCloseTo(g.get("current_error").asDouble(), within(TOLERANCE));
    double[] refChunks = pca.chunkErrors(ref, 1000);
    double[] curChunks = pca.chunkErrors(cur, 1000);
    for (int c = 0; c < 4; c++) {
      assertThat(refChunks[c])
          .isCloseTo(g.get("reference_chunks").get(c).asDouble(), within(TOLERANCE));
      assertThat(curChunks[c])
          .isCloseTo(g.get("current_chunks").get(c).asDouble(), within(TOLERANCE));
    }
    double[] band = PcaReconstruction.band(refChunks);
    assertThat(band[0]).isCloseTo(g.get("lower").asDouble(), within(TOLERANCE));
    assertThat(band[1]).isCloseTo(g.get("upper").asDouble(), within(TOLERANCE));
    for (double e : curChunks) {
      assertThat(e).isGreaterThan(band[1]);
    }
    // the marginals did not move: the drift rule over the five columns (Holm) finds nothing
    java.util.List<DriftAnalysis.Compared> compared = new java.util.ArrayList<>();
    for (int j = 0; j < ref.length; j++) {
      compared.add(
          DriftAnalysis.compare(
              OutputDrift.numeric("x" + (j + 1), ref[j]),
              OutputDrift.numeric("x" + (j + 1), cur[j]),
              DriftSettings.DEFAULTS));
    }
    assertThat(DriftAnalysis.decide(compared, DriftSettings.DEFAULTS).drifted()).isEmpty();
  }
}
