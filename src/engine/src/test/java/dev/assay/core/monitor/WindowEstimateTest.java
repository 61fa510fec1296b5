package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.drift.Cbpe;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.NumericSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A window's label-free estimate is the drift module's CBPE ({@link Cbpe}, checked against its own
 * goldens in {@code CbpeTest}) over the window's events that carry the positive class's
 * probability, with the estimator fitted once on the reference.
 */
class WindowEstimateTest {
  @Test
  void eachWindowsEstimateIsCbpeOfItsScoredEvents() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 2000;
    double[] score = new double[n];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      // scores too confident: the calibration helps
      double p = random.nextDouble();
      label[i] = random.nextDouble() < 0.2 + 0.6 * p ? 1 : 0;
      score[i] = Math.min(1, Math.max(0, 0.5 + 1.6 * (p - 0.5)));
    }
    Cbpe.Fitted fitted = Cbpe.fit(score, label, 0.5);
    MonitorReference reference =
        new MonitorReference(
            List.of(NumericSample.of("x", new double[] {1, 2, 3}, 3, 0, 0)),
            null,
            DriftSettings.DEFAULTS,
            fitted,
            "1");
    MonitorPipeline pipeline =
        new MonitorPipeline(
            new MonitorPipeline.Settings("m:1", WindowSpec.parse("300", Duration.ZERO), 100),
            reference);
    List<WindowResult> results = new ArrayList<>();
    List<List<Double>> scored = List.of(new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < 600; i++) {
      double p = random.nextDouble() * (i < 300 ? 1 : 0.6);
      // every 10th event carries no probabilities, every 15th only the other class's
      Map<String, Double> probabilities =
          i % 10 == 0 ? Map.of() : i % 15 == 0 ? Map.of("0", 1 - p) : Map.of("1", p, "0", 1 - p);
      if (probabilities.containsKey("1")) {
        scored.get(i / 300).add(p);
      }
      results.addAll(
          pipeline.accept(
              new MonitorEvent.Prediction(
                  "p" + i,
                  "m:1",
                  null,
                  Instant.EPOCH.plusSeconds(i),
                  Map.of("x", 1.0),
                  p >= 0.5 ? "1" : "0",
                  probabilities)));
    }
    assertThat(results).hasSize(2);
    for (int w = 0; w < 2; w++) {
      double[] s = scored.get(w).stream().mapToDouble(Double::doubleValue).toArray();
      Cbpe.Estimate expected = fitted.estimate(s);
      WindowResult.Estimated got = results.get(w).estimated();
      assertThat(got.scored()).isEqualTo(s.length).isEqualTo(260);
      assertThat(got.accuracy()).isEqualTo(expected.accuracy());
      assertThat(got.standardError()).isEqualTo(expected.accuracyStandardError());
      assertThat(got.rocAuc()).isEqualTo(expected.rocAuc());
      assertThat(got.calibrated()).isEqualTo(fitted.calibrated()).isTrue();
    }
    // the second window's scores are lower: its estimate differs from the first's
    assertThat(results.get(1).estimated().accuracy())
        .isNotEqualTo(results.get(0).estimated().accuracy());
    assertThat(Arrays.stream(score).max().orElseThrow()).isLessThanOrEqualTo(1);
  }

  @Test
  void noEstimateWithoutAFittedReference() {
    MonitorPipeline pipeline =
        new MonitorPipeline(
            new MonitorPipeline.Settings("m:1", WindowSpec.parse("2", Duration.ZERO), 100),
            new MonitorReference(
                List.of(NumericSample.of("x", new double[] {1, 2, 3}, 3, 0, 0)),
                null,
                DriftSettings.DEFAULTS));
    List<WindowResult> results = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      results.addAll(
          pipeline.accept(
              new MonitorEvent.Prediction(
                  "p" + i, "m:1", null, Instant.EPOCH, Map.of("x", 1.0), "1", Map.of("1", 0.9))));
    }
    assertThat(results.getFirst().estimated()).isNull();
  }
}
