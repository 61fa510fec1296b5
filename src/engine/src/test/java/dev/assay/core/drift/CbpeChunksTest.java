package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CBPE per chunk against scikit-learn: the golden's reference rows followed by its shifted current
 * rows, cut into two chunks, must give scikit-learn's estimates of each side
 * (golden/performance/make_cbpe_golden.py) and, with labels, its realised metrics.
 */
class CbpeChunksTest {
  private static final Cbpe.Fitted FITTED =
      Cbpe.fit(CbpeGoldenTest.scores("reference"), CbpeGoldenTest.labels("reference"), 0.5);

  private static double[] both() {
    double[] r = CbpeGoldenTest.scores("reference");
    double[] c = CbpeGoldenTest.scores("current");
    double[] out = new double[r.length + c.length];
    System.arraycopy(r, 0, out, 0, r.length);
    System.arraycopy(c, 0, out, r.length, c.length);
    return out;
  }

  private static int[] bothLabels() {
    int[] r = CbpeGoldenTest.labels("reference");
    int[] c = CbpeGoldenTest.labels("current");
    int[] out = new int[r.length + c.length];
    System.arraycopy(r, 0, out, 0, r.length);
    System.arraycopy(c, 0, out, r.length, c.length);
    return out;
  }

  @Test
  void twoChunksGiveScikitLearnsEstimateOfEachSide() {
    int n = CbpeGoldenTest.scores("reference").length;
    assertThat(CbpeGoldenTest.scores("current")).hasSize(n);
    for (Chunking chunking : List.of(new Chunking.Count(2), new Chunking.Rows(n))) {
      List<CbpeChunks.Chunk> chunks = CbpeChunks.of(FITTED, both(), null, chunking);
      assertThat(chunks).hasSize(2);
      assertThat(chunks.get(0).label()).isEqualTo("rows 1-" + n);
      assertThat(chunks.get(1).label()).isEqualTo("rows " + (n + 1) + "-" + 2 * n);
      CbpeGoldenTest.assertEstimate(
          chunks.get(0).estimate(), CbpeGoldenTest.GOLDEN.get("estimate_reference"));
      CbpeGoldenTest.assertEstimate(
          chunks.get(1).estimate(), CbpeGoldenTest.GOLDEN.get("estimate"));
      assertThat(chunks.get(1).realised()).isNull();
    }
  }

  @Test
  void withLabelsEachChunkCarriesItsRealisedMetrics() {
    int n = CbpeGoldenTest.scores("reference").length;
    List<CbpeChunks.Chunk> chunks =
        CbpeChunks.of(FITTED, both(), bothLabels(), new Chunking.Rows(n));
    JsonNode g = CbpeGoldenTest.GOLDEN.get("realised_current");
    RealisedPerformance r = chunks.get(1).realised();
    assertThat(r.accuracy()).isCloseTo(g.get("accuracy").asDouble(), within(1e-12));
    assertThat(r.rocAuc()).isCloseTo(g.get("roc_auc").asDouble(), within(1e-12));
    assertThat(chunks.get(0).realised().accuracy())
        .isCloseTo(
            CbpeGoldenTest.GOLDEN.get("realised_reference").get("accuracy").asDouble(),
            within(1e-12));
  }

  @Test
  void unevenRowChunksKeepTheLastPartialChunkAndPeriodsAreRefused() {
    List<CbpeChunks.Chunk> chunks = CbpeChunks.of(FITTED, both(), null, new Chunking.Rows(7_000));
    assertThat(chunks)
        .extracting(CbpeChunks.Chunk::label)
        .containsExactly("rows 1-7000", "rows 7001-14000", "rows 14001-20000");
    assertThatThrownBy(
            () ->
                CbpeChunks.of(FITTED, both(), null, new Chunking.Period("t", Chunking.Unit.MONTH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows=N or count=K");
  }
}
