package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * CBPE against the reference implementation in
 * src/engine/src/test/resources/golden/performance/make_cbpe_golden.py (scikit-learn's
 * IsotonicRegression and metrics, Debian's python3-sklearn), on a planted covariate shift with an
 * overconfident model: the calibrated probabilities and every estimate agree to 1e-9; the estimate
 * lands within 3 standard errors of the realised metric, where the raw scores would miss it.
 */
class CbpeGoldenTest {
  private static final double TOLERANCE = 1e-9;
  static final JsonNode GOLDEN = load();

  private static JsonNode load() {
    try (InputStream in =
        CbpeGoldenTest.class.getResourceAsStream("/golden/performance/cbpe.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static double[] scores(String side) {
    JsonNode a = GOLDEN.get(side).get("score");
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  static int[] labels(String side) {
    JsonNode a = GOLDEN.get(side).get("label");
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  static int[] predicted(double[] score) {
    int[] out = new int[score.length];
    for (int i = 0; i < score.length; i++) {
      out[i] = score[i] >= 0.5 ? 1 : 0;
    }
    return out;
  }

  private static final Cbpe.Fitted FITTED = Cbpe.fit(scores("reference"), labels("reference"), 0.5);

  @Test
  void calibratedProbabilitiesEqualScikitLearnsIsotonicRegression() {
    double[] p = FITTED.calibrator().apply(scores("current"));
    JsonNode head = GOLDEN.get("calibrated_current_head");
    for (int i = 0; i < head.size(); i++) {
      assertThat(p[i]).as("row %d", i).isCloseTo(head.get(i).asDouble(), within(TOLERANCE));
    }
  }

  @Test
  void calibrationIsAppliedBecauseItLowersTheCrossValidatedCalibrationError() {
    assertThat(FITTED.eceRaw()).isCloseTo(GOLDEN.get("ece_raw").asDouble(), within(TOLERANCE));
    assertThat(FITTED.eceCalibrated())
        .isCloseTo(GOLDEN.get("ece_calibrated_cv").asDouble(), within(TOLERANCE));
    assertThat(FITTED.calibrated()).isTrue();
  }

  @Test
  void estimateEqualsTheReferenceImplementation() {
    Cbpe.Estimate e = FITTED.estimate(scores("current"));
    assertEstimate(e, GOLDEN.get("estimate"));
    Cbpe.Estimate raw =
        Cbpe.estimate(scores("current").clone(), predicted(scores("current"))); // no calibration
    assertEstimate(raw, GOLDEN.get("estimate_uncalibrated"));
    assertEstimate(FITTED.estimate(scores("reference")), GOLDEN.get("estimate_reference"));
  }

  @Test
  void realisedMetricsEqualScikitLearn() {
    double[] s = scores("current");
    RealisedPerformance r = RealisedPerformance.of(labels("current"), predicted(s), s);
    JsonNode g = GOLDEN.get("realised_current");
    assertThat(r.accuracy()).isCloseTo(g.get("accuracy").asDouble(), within(1e-12));
    assertThat(r.precision()).isCloseTo(g.get("precision").asDouble(), within(1e-12));
    assertThat(r.recall()).isCloseTo(g.get("recall").asDouble(), within(1e-12));
    assertThat(r.f1()).isCloseTo(g.get("f1").asDouble(), within(1e-12));
    assertThat(r.rocAuc()).isCloseTo(g.get("roc_auc").asDouble(), within(1e-12));
  }

  /**
   * The planted shift raises the realised accuracy from 0.783 (reference) to 0.825; the estimate
   * follows it to within 3 standard errors, and its ROC AUC to within 0.005. The raw, overconfident
   * scores would have claimed 0.881.
   */
  @Test
  void estimateTracksTheRealisedMetricUnderAPlantedShift() {
    double[] s = scores("current");
    RealisedPerformance realised = RealisedPerformance.of(labels("current"), predicted(s), s);
    Cbpe.Estimate e = FITTED.estimate(s);
    assertThat(e.accuracyStandardError()).isBetween(0.002, 0.006);
    assertThat(Math.abs(e.accuracy() - realised.accuracy()))
        .isLessThan(3 * e.accuracyStandardError());
    assertThat(Math.abs(e.rocAuc() - realised.rocAuc())).isLessThan(0.005);
    double referenceAccuracy = GOLDEN.get("realised_reference").get("accuracy").asDouble();
    assertThat(realised.accuracy() - referenceAccuracy).isGreaterThan(0.03);
    Cbpe.Estimate raw = Cbpe.estimate(s, predicted(s));
    assertThat(Math.abs(raw.accuracy() - realised.accuracy()))
        .isGreaterThan(10 * e.accuracyStandardError());
  }

  /** A hand-checked fixture: the expected confusion matrix from its definition. */
  @Test
  void expectedConfusionMatrixByHand() {
    // predicted 1 with p 0.9, 0.6; predicted 0 with p 0.2, 0.3
    Cbpe.Estimate e = Cbpe.estimate(new double[] {0.9, 0.6, 0.2, 0.3}, new int[] {1, 1, 0, 0});
    assertThat(e.tp()).isCloseTo(1.5, within(1e-15));
    assertThat(e.fp()).isCloseTo(0.5, within(1e-15));
    assertThat(e.tn()).isCloseTo(1.5, within(1e-15));
    assertThat(e.fn()).isCloseTo(0.5, within(1e-15));
    assertThat(e.accuracy()).isCloseTo(0.75, within(1e-15));
    assertThat(e.precision()).isCloseTo(0.75, within(1e-15));
    assertThat(e.recall()).isCloseTo(0.75, within(1e-15));
    // sorted 0.9, 0.6, 0.3, 0.2: TPR 0.45, 0.75, 0.9, 1; FPR 0.05, 0.25, 0.6, 1
    double auc =
        0.05 * 0.45 / 2 + 0.2 * (0.45 + 0.75) / 2 + 0.35 * (0.75 + 0.9) / 2 + 0.4 * (0.9 + 1) / 2;
    assertThat(e.rocAuc()).isCloseTo(auc, within(1e-15));
  }

  @Test
  void isotonicPoolsViolatorsAndInterpolates() {
    // scores 1,2,3,4 with labels 1,0,1,1: pooled {1,2} -> 0.5, then 1, 1
    IsotonicCalibrator c =
        IsotonicCalibrator.fit(new double[] {3, 1, 4, 2}, new int[] {1, 1, 1, 0});
    assertThat(c.apply(0)).isEqualTo(0.5);
    assertThat(c.apply(1.5)).isEqualTo(0.5);
    assertThat(c.apply(2.5)).isEqualTo(0.75);
    assertThat(c.apply(9)).isEqualTo(1.0);
  }

  static void assertEstimate(Cbpe.Estimate e, JsonNode g) {
    for (String k : new String[] {"tp", "fp", "tn", "fn"}) {
      double v =
          switch (k) {
            case "tp" -> e.tp();
            case "fp" -> e.fp();
            case "tn" -> e.tn();
            default -> e.fn();
          };
      assertThat(v).as(k).isCloseTo(g.get(k).asDouble(), within(1e-7));
    }
    assertThat(e.accuracy()).isCloseTo(g.get("accuracy").asDouble(), within(TOLERANCE));
    assertThat(e.precision()).isCloseTo(g.get("precision").asDouble(), within(TOLERANCE));
    assertThat(e.recall()).isCloseTo(g.get("recall").asDouble(), within(TOLERANCE));
    assertThat(e.f1()).isCloseTo(g.get("f1").asDouble(), within(TOLERANCE));
    assertThat(e.rocAuc()).isCloseTo(g.get("roc_auc").asDouble(), within(TOLERANCE));
  }
}
