package dev.assay.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * McNemar, DeLong and the paired bootstrap against values computed independently with scipy and
 * scikit-learn ({@code golden/make_compare_golden.py}) and against known truths.
 */
class PairedStatisticsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode golden() throws Exception {
    try (InputStream in = PairedStatisticsTest.class.getResourceAsStream("/golden/compare.json")) {
      return JSON.readTree(in);
    }
  }

  @Test
  void mcnemarOnTenAgainstThreeDiscordantPairsIsTheExactBinomialTest() {
    McNemar.Result r = McNemar.test(10, 3);
    assertThat(r.method()).isEqualTo("mcnemar_exact");
    // 2 * P(X <= 3), X ~ Binomial(13, 1/2) = 2 * 378 / 8192
    assertThat(r.pValue()).isCloseTo(2 * 378 / 8192.0, within(1e-15));
    assertThat(McNemar.test(3, 10).pValue()).isEqualTo(r.pValue());
  }

  @Test
  void mcnemarOnALargeTableIsChiSquareWithContinuityCorrection() {
    McNemar.Result r = McNemar.test(150, 100);
    assertThat(r.method()).isEqualTo("mcnemar_chi2");
    assertThat(r.statistic()).isCloseTo(49.0 * 49.0 / 250, within(1e-12)); // 9.604
    assertThat(r.pValue()).isCloseTo(0.0019415397850404208, within(1e-12));
  }

  @Test
  void mcnemarMatchesScipyOnEveryGoldenTable() throws Exception {
    for (JsonNode c : golden().get("mcnemar")) {
      McNemar.Result r = McNemar.test(c.get("b").asLong(), c.get("c").asLong());
      assertThat(r.method()).as(c.toString()).isEqualTo(c.get("method").asText());
      assertThat(r.statistic())
          .as(c.toString())
          .isCloseTo(c.get("statistic").asDouble(), within(1e-12));
      assertThat(r.pValue()).as(c.toString()).isCloseTo(c.get("p_value").asDouble(), within(1e-12));
    }
  }

  @Test
  void delongFastAlgorithmMatchesTheOriginalPairwiseDefinition() throws Exception {
    for (JsonNode c : golden().get("delong")) {
      int n = c.get("y").size();
      boolean[] positive = new boolean[n];
      float[] a = new float[n];
      float[] b = new float[n];
      for (int i = 0; i < n; i++) {
        positive[i] = c.get("y").get(i).asInt() == 1;
        a[i] = (float) c.get("a").get(i).asDouble();
        b[i] = (float) c.get("b").get(i).asDouble();
      }
      DeLong.Result r = DeLong.test(positive, a, b, n);
      String name = c.get("name").asText();
      assertThat(r.aucA()).as(name).isCloseTo(c.get("auc_a").asDouble(), within(1e-12));
      assertThat(r.aucB()).as(name).isCloseTo(c.get("auc_b").asDouble(), within(1e-12));
      assertThat(r.variance()).as(name).isCloseTo(c.get("variance").asDouble(), within(1e-12));
      assertThat(r.z()).as(name).isCloseTo(c.get("z").asDouble(), within(1e-9));
      assertThat(r.pValue()).as(name).isCloseTo(c.get("p_value").asDouble(), within(1e-9));
      assertThat(r.ciLow()).as(name).isCloseTo(c.get("ci_low").asDouble(), within(1e-9));
      assertThat(r.ciHigh()).as(name).isCloseTo(c.get("ci_high").asDouble(), within(1e-9));
    }
  }

  @Test
  void delongOfIdenticalScoresFindsNoDifference() {
    boolean[] y = {true, false, true, false, true};
    float[] s = {0.9f, 0.2f, 0.4f, 0.5f, 0.7f};
    DeLong.Result r = DeLong.test(y, s, s, 5);
    assertThat(r.difference()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
  }

  @Test
  void midranksShareTheMeanRankOfTies() {
    assertThat(DeLong.midranks(new float[] {0.5f, 0.1f, 0.5f, 0.9f, 0.5f}))
        .containsExactly(3, 1, 3, 5, 3);
  }

  /** 4,000 rows; A is right with probability 0.80, B with 0.85, independently. */
  private static PairedSample synthetic(long seed) {
    int n = 4000;
    SplittableRandom random = new SplittableRandom(seed);
    int[] truth = new int[n];
    int[] a = new int[n];
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      truth[i] = random.nextInt(2);
      a[i] = random.nextDouble() < 0.80 ? truth[i] : 1 - truth[i];
      b[i] = random.nextDouble() < 0.85 ? truth[i] : 1 - truth[i];
    }
    return new PairedSample(
        List.of("0", "1"),
        1,
        n,
        truth,
        new PairedSample.Side(a, null, null, null),
        new PairedSample.Side(b, null, null, null));
  }

  @Test
  void pairedBootstrapIntervalContainsTheTrueAccuracyDifference() {
    PairedBootstrap.Delta accuracy =
        PairedBootstrap.differences(synthetic(11), 1000, 42).stream()
            .filter(d -> d.metric().equals("accuracy"))
            .findFirst()
            .orElseThrow();
    assertThat(accuracy.ciLow()).isLessThan(0.05);
    assertThat(accuracy.ciHigh()).isGreaterThan(0.05);
    assertThat(accuracy.ciLow()).as("a 5-point gain on 4,000 rows is real").isGreaterThan(0);
    assertThat(accuracy.pValue()).isLessThan(0.05);
    // standard error of the difference ~ sqrt((0.8*0.2 + 0.85*0.15) / 4000) = 0.0085
    assertThat(accuracy.ciHigh() - accuracy.ciLow()).isBetween(0.025, 0.042);
  }

  @Test
  void pairedBootstrapIsReproducibleWithItsSeed() {
    PairedSample sample = synthetic(3);
    assertThat(PairedBootstrap.differences(sample, 200, 7))
        .isEqualTo(PairedBootstrap.differences(sample, 200, 7));
  }

  @Test
  void identicalVersionsDifferByExactlyZeroAndAreWithinNoise() {
    PairedSample s = synthetic(5);
    PairedSample same = new PairedSample(s.classLabels(), 1, s.rows(), s.truth(), s.a(), s.a());
    for (PairedBootstrap.Delta d : PairedBootstrap.differences(same, 200, 1)) {
      assertThat(d.difference()).as(d.metric()).isZero();
      assertThat(d.ciLow()).isZero();
      assertThat(d.ciHigh()).isZero();
      assertThat(d.pValue()).isEqualTo(1.0);
      assertThat(ComparisonStatistics.verdict(d.pValue())).isEqualTo(ComparisonReport.NOISE);
    }
  }

  @Test
  void bootstrapResamplesShrinkOnlyForVeryLargeDatasets() {
    assertThat(PairedBootstrap.budgeted(1000, 10_000)).isEqualTo(1000);
    assertThat(PairedBootstrap.budgeted(1000, 1_000_000)).isEqualTo(200);
    assertThat(PairedBootstrap.budgeted(1000, 400_000)).isEqualTo(500);
  }

  @Test
  void deltasTableUsesMcNemarForAccuracyDeLongForAucAndBootstrapForTheRest() {
    int n = 16;
    int[] truth = {1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1};
    float[] sa = {
      0.9f, .1f, .8f, .4f, .4f, .3f, .7f, .6f, .55f, .2f, .5f, .4f, .95f, .05f, .6f, .3f
    };
    float[] sb = {.8f, .2f, .9f, .6f, .3f, .3f, .6f, .4f, .7f, .1f, .5f, .65f, .9f, .1f, .45f, .5f};
    PairedSample sample = new PairedSample(List.of("0", "1"), 1, n, truth, side(sa), side(sb));
    List<ComparisonReport.MetricDelta> deltas =
        ComparisonStatistics.deltas("v1", "v2", sample, 300, 9);
    assertThat(deltas)
        .extracting(ComparisonReport.MetricDelta::metric)
        .containsExactly(
            "accuracy",
            "balanced_accuracy",
            "precision",
            "recall",
            "f1",
            "f1_macro",
            "f1_weighted",
            "roc_auc",
            "average_precision",
            "log_loss",
            "brier");
    assertThat(deltas.get(0).test()).isEqualTo("mcnemar_exact");
    assertThat(deltas.get(7).test()).isEqualTo("delong");
    assertThat(deltas.get(7).pValue()).isCloseTo(0.06909166048294484, within(1e-9));
    assertThat(deltas.get(7).verdict()).isEqualTo(ComparisonReport.NOISE);
    assertThat(deltas.get(8).test()).isEqualTo("paired_bootstrap");
  }

  private static PairedSample.Side side(float[] scores) {
    int n = scores.length;
    int[] predicted = new int[n];
    double[] logLoss = new double[n];
    double[] brier = new double[n];
    for (int i = 0; i < n; i++) {
      predicted[i] = scores[i] > 0.5f ? 1 : 0;
    }
    return new PairedSample.Side(predicted, scores, logLoss, brier);
  }
}
