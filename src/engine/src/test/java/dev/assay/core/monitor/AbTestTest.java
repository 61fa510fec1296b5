package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The champion/challenger mixture SPRT against SciPy ({@code golden/monitor/make_ab_golden.py}: the
 * likelihood ratio by numerical integration of its definition, the confidence sequence by root
 * finding, a stream's always-valid p-values and verdicts), its false-stop rate under no difference
 * when checked after every window (simulation), and the pipeline's A/B results with late labels.
 */
class AbTestTest {
  private static JsonNode golden;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = AbTestTest.class.getResourceAsStream("/golden/monitor/ab_golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void likelihoodRatioAndConfidenceSequenceAreScipysIntegralAndRoot() {
    assertThat(golden.get("cases")).hasSize(25);
    for (JsonNode c : golden.get("cases")) {
      long k1 = c.get("k1").asLong();
      long n1 = c.get("n1").asLong();
      long k2 = c.get("k2").asLong();
      long n2 = c.get("n2").asLong();
      double tau2 = Math.pow(c.get("tau").asDouble(), 2);
      double v = MixtureSprt.differenceVariance(k1, n1, k2, n2);
      double diff = (double) k2 / n2 - (double) k1 / n1;
      assertThat(MixtureSprt.logLikelihoodRatio(diff, v, tau2))
          .as("%s", c)
          .isCloseTo(c.get("log_lr").asDouble(), within(1e-8));
      assertThat(MixtureSprt.halfWidth(v, tau2, c.get("alpha").asDouble()))
          .as("%s", c)
          .isCloseTo(c.get("half_width").asDouble(), within(1e-9));
    }
  }

  @Test
  void aStreamsPValuesAndVerdictAreScipys() {
    JsonNode s = golden.get("stream");
    AbTest.Settings settings =
        new AbTest.Settings(
            s.get("alpha").asDouble(),
            s.get("tau").asDouble(),
            s.get("min_labelled").asLong(),
            s.get("max_labelled").asLong(),
            "1");
    AbTest test = new AbTest(settings);
    LabelBook book = new LabelBook(10);
    long w = 0;
    Long stoppedAt = null;
    for (JsonNode window : s.get("windows")) {
      String[] variants = {AbTest.CHAMPION, AbTest.CHALLENGER};
      for (int i = 0; i < 2; i++) {
        int n = window.get("labelled").get(i).asInt();
        int right = window.get("right").get(i).asInt();
        for (int j = 0; j < n; j++) {
          test.prediction(variants[i], "0");
          test.labelled(variants[i], j < right);
        }
      }
      AbWindow ab = test.close(w, List.of(), book);
      assertThat(ab.accuracy().logLikelihoodRatio())
          .isCloseTo(window.get("log_lr").asDouble(), within(1e-8));
      assertThat(ab.accuracy().pValue()).isCloseTo(window.get("p_value").asDouble(), within(1e-9));
      assertThat(ab.verdict()).as("window %d", w).isEqualTo(window.get("verdict").asText());
      if (stoppedAt == null && !ab.verdict().equals(AbTest.CONTINUE)) {
        stoppedAt = w;
      }
      assertThat(ab.decidedAt()).isEqualTo(stoppedAt);
      // restored from its state, the test goes on identically
      test = AbTest.restore(settings, roundTrip(test.state()));
      w++;
    }
    assertThat(stoppedAt).isNotNull();
  }

  private static AbTest.State roundTrip(AbTest.State state) {
    ObjectMapper json = Json.newMapper();
    try {
      return json.readValue(json.writeValueAsString(state), AbTest.State.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Under no difference (both variants 80% accurate), checked after each of 50 windows of 100
   * labelled predictions per variant, the test stops (either way) in at most alpha of 2,000
   * streams; a fixed-sample z-test at the same alpha checked after every window stops far more
   * often (the inflation the sequential test exists to avoid).
   */
  @Test
  void falseStopRateUnderNoDifferenceStaysAtOrBelowAlphaWhenCheckedAfterEveryWindow() {
    SplittableRandom random = new SplittableRandom(2020);
    int streams = 2000;
    int stopped = 0;
    int naive = 0;
    for (int s = 0; s < streams; s++) {
      AbTest test = new AbTest(AbTest.Settings.DEFAULTS);
      LabelBook book = new LabelBook(1);
      long[] n = new long[2];
      long[] k = new long[2];
      boolean naiveStopped = false;
      for (int w = 0; w < 50; w++) {
        for (int j = 0; j < 100; j++) {
          for (int v = 0; v < 2; v++) {
            boolean right = random.nextDouble() < 0.8;
            String variant = v == 0 ? AbTest.CHAMPION : AbTest.CHALLENGER;
            test.prediction(variant, "1");
            test.labelled(variant, right);
            n[v]++;
            k[v] += right ? 1 : 0;
          }
        }
        test.close(w, List.of(), book);
        double var = MixtureSprt.differenceVariance(k[0], n[0], k[1], n[1]);
        double z = ((double) k[1] / n[1] - (double) k[0] / n[0]) / Math.sqrt(var);
        naiveStopped |= Math.abs(z) > 1.959964;
      }
      if (!test.state().verdict().equals(AbTest.CONTINUE)) {
        stopped++;
      }
      naive += naiveStopped ? 1 : 0;
    }
    double rate = (double) stopped / streams;
    assertThat(rate).isLessThanOrEqualTo(AbTest.Settings.DEFAULTS.alpha());
    assertThat((double) naive / streams).isGreaterThan(0.15);
  }

  @Test
  void itStopsWhenTheChallengerIsClearlyWorse() {
    SplittableRandom random = new SplittableRandom(7);
    AbTest test = new AbTest(AbTest.Settings.DEFAULTS);
    LabelBook book = new LabelBook(1);
    AbWindow last = null;
    for (int w = 0; w < 40 && (last == null || last.decidedAt() == null); w++) {
      for (int j = 0; j < 200; j++) {
        test.prediction(AbTest.CHAMPION, "1");
        test.labelled(AbTest.CHAMPION, random.nextDouble() < 0.85);
        test.prediction(AbTest.CHALLENGER, "1");
        test.labelled(AbTest.CHALLENGER, random.nextDouble() < 0.78);
      }
      last = test.close(w, List.of(), book);
    }
    assertThat(last.verdict()).isEqualTo(AbTest.WORSE);
    assertThat(last.accuracy().upper()).isLessThan(0);
  }

  @Test
  void thePipelineJoinsLateLabelsToTheirVariantAndReportsEachWindowsCounts() {
    MonitorPipeline pipeline =
        new MonitorPipeline(
            new MonitorPipeline.Settings(
                "m:1",
                WindowSpec.parse("100", Duration.ZERO),
                10_000,
                new AbTest.Settings(0.05, 0.05, 10, 1000, "1")),
            new MonitorReference(
                List.of(
                    dev.assay.core.drift.NumericSample.of(
                        "x", new double[] {1, 2, 3, 4, 5}, 5, 0, 0)),
                null,
                dev.assay.core.drift.DriftSettings.DEFAULTS));
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    List<WindowResult> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String variant = i % 4 == 0 ? "challenger" : i % 4 == 1 ? null : "champion";
      results.addAll(
          pipeline.accept(
              new MonitorEvent.Prediction(
                  "p" + i,
                  "m:1",
                  variant,
                  t0.plusSeconds(i),
                  Map.of("x", (double) (i % 5)),
                  i % 3 == 0 ? "1" : "0",
                  Map.of())));
      // labels arrive 150 events late: the window of the prediction has closed by then
      if (i >= 150) {
        int id = i - 150;
        results.addAll(pipeline.accept(new MonitorEvent.Label("p" + id, t0, "1")));
      }
    }
    assertThat(results).hasSize(2);
    AbWindow first = results.get(0).ab();
    assertThat(first.champion().predictions()).isEqualTo(75);
    assertThat(first.challenger().predictions()).isEqualTo(25);
    assertThat(first.challenger().labelled()).isZero();
    assertThat(first.accuracy().nChallenger()).isZero();
    // the second window's close: labels of p0..p49 (all joined after their window closed)
    AbWindow second = results.get(1).ab();
    assertThat(second.accuracy().nChallenger()).isEqualTo(13);
    assertThat(second.accuracy().nChampion()).isEqualTo(36);
    // challenger ids 0, 4, ..., 48: right when i % 3 == 0 (0, 12, 24, 36, 48)
    assertThat(second.accuracy().challenger()).isCloseTo(5.0 / 13, within(1e-12));
    assertThat(second.predictionRate().nChallenger()).isEqualTo(50);
    assertThat(second.verdict()).isEqualTo(AbTest.CONTINUE);
    // restored from the stored state the counts continue
    MonitorPipeline restored =
        MonitorPipeline.restore(
            new MonitorPipeline.Settings(
                "m:1",
                WindowSpec.parse("100", Duration.ZERO),
                10_000,
                new AbTest.Settings(0.05, 0.05, 10, 1000, "1")),
            new MonitorReference(
                List.of(
                    dev.assay.core.drift.NumericSample.of(
                        "x", new double[] {1, 2, 3, 4, 5}, 5, 0, 0)),
                null,
                dev.assay.core.drift.DriftSettings.DEFAULTS),
            pipeline.state());
    assertThat(restored.state().ab()).isEqualTo(pipeline.state().ab());
  }
}
