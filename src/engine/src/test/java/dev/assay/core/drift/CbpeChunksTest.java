package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
        .hasMessageContaining("each scored row's data row");
  }

  /**
   * Period chunks: scored rows carry their data row (here in reverse order, every seventh row not
   * scored); each chunk's estimate and realised metrics equal {@code Cbpe} and {@code
   * RealisedPerformance} over exactly the rows whose data row the assignment puts in it; a data row
   * in no chunk, and one past the assignment, count as unassigned.
   */
  @Test
  void periodChunksEstimateExactlyTheRowsOfEachPeriod() {
    double[] all = both();
    int[] labels = bothLabels();
    int n = all.length;
    int[] chunkOf = new int[n];
    long[] perChunk = new long[3];
    for (int r = 0; r < n; r++) {
      chunkOf[r] = r % 11 == 4 ? -1 : (r * 7 / 3) % 3;
      if (chunkOf[r] >= 0) {
        perChunk[chunkOf[r]]++;
      }
    }
    ChunkReader.Assignment assignment =
        new ChunkReader.Assignment(chunkOf, List.of("2024-01", "2024-02", "2024-03"), perChunk, 0);
    List<Double> score = new ArrayList<>();
    List<Integer> truth = new ArrayList<>();
    List<Long> rows = new ArrayList<>();
    for (int r = n - 1; r >= 0; r--) {
      if (r % 7 != 0) {
        score.add(all[r]);
        truth.add(labels[r]);
        rows.add((long) r + 1);
      }
    }
    score.add(0.7);
    truth.add(1);
    rows.add((long) n + 5);
    double[] s = score.stream().mapToDouble(Double::doubleValue).toArray();
    int[] t = truth.stream().mapToInt(Integer::intValue).toArray();
    long[] dataRow = rows.stream().mapToLong(Long::longValue).toArray();

    List<CbpeChunks.Chunk> chunks = CbpeChunks.of(FITTED, s, t, dataRow, assignment);
    assertThat(chunks)
        .extracting(CbpeChunks.Chunk::label)
        .containsExactly("2024-01", "2024-02", "2024-03");
    long unassigned = 1;
    for (int r = 0; r < n; r++) {
      unassigned += r % 7 != 0 && chunkOf[r] < 0 ? 1 : 0;
    }
    assertThat(CbpeChunks.unassigned(dataRow, assignment)).isEqualTo(unassigned);
    for (int k = 0; k < 3; k++) {
      List<Double> mine = new ArrayList<>();
      List<Integer> myTruth = new ArrayList<>();
      for (int r = n - 1; r >= 0; r--) {
        if (r % 7 != 0 && chunkOf[r] == k) {
          mine.add(all[r]);
          myTruth.add(labels[r]);
        }
      }
      double[] ms = mine.stream().mapToDouble(Double::doubleValue).toArray();
      int[] mt = myTruth.stream().mapToInt(Integer::intValue).toArray();
      int[] predicted = new int[ms.length];
      for (int i = 0; i < ms.length; i++) {
        predicted[i] = ms[i] >= 0.5 ? 1 : 0;
      }
      CbpeChunks.Chunk c = chunks.get(k);
      assertThat(c.from()).isEqualTo(-1);
      assertThat(c.estimate()).isEqualTo(FITTED.estimate(ms));
      assertThat(c.estimate().rows()).isEqualTo(ms.length);
      assertThat(c.realised()).isEqualTo(RealisedPerformance.of(mt, predicted, ms));
    }
  }
}
