package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Prediction drift (scores and predicted labels) and target drift on the fixture of
 * make_cbpe_golden.py, against SciPy's ks_2samp, wasserstein_distance and chi2_contingency.
 */
class OutputDriftGoldenTest {
  private static final JsonNode GOLDEN = CbpeGoldenTest.GOLDEN;

  private static OutputDrift.Outputs outputs(String side) {
    double[] s = CbpeGoldenTest.scores(side);
    int[] y = CbpeGoldenTest.labels(side);
    String[] label = new String[s.length];
    String[] target = new String[s.length];
    for (int i = 0; i < s.length; i++) {
      label[i] = s[i] >= 0.5 ? "1" : "0";
      target[i] = Integer.toString(y[i]);
    }
    return new OutputDrift.Outputs(s, label, target, false);
  }

  @Test
  void predictionAndTargetDriftEqualScipy() {
    DriftReport report =
        OutputDrift.run(outputs("reference"), outputs("current"), DriftSettings.DEFAULTS);
    assertThat(report.features())
        .extracting(FeatureDrift::name)
        .containsExactly(OutputDrift.SCORE, OutputDrift.LABEL, OutputDrift.TARGET);
    JsonNode p = GOLDEN.get("prediction_drift");
    NumericStatistics score = (NumericStatistics) report.features().get(0).statistics();
    assertThat(score.ks().statistic()).isCloseTo(p.get("ks_statistic").asDouble(), within(1e-12));
    assertThat(score.ks().pValue()).isCloseTo(p.get("ks_p_value").asDouble(), within(1e-12));
    assertThat(score.wasserstein()).isCloseTo(p.get("wasserstein").asDouble(), within(1e-12));
    CategoricalStatistics label = (CategoricalStatistics) report.features().get(1).statistics();
    assertThat(label.chi2().statistic()).isCloseTo(p.get("label_chi2").asDouble(), within(1e-9));
    CategoricalStatistics target = (CategoricalStatistics) report.features().get(2).statistics();
    JsonNode t = GOLDEN.get("target_drift");
    assertThat(target.chi2().statistic()).isCloseTo(t.get("chi2").asDouble(), within(1e-9));
    assertThat(target.chi2().pValue()).isCloseTo(t.get("p_value").asDouble(), within(1e-12));
    assertThat(report.drifted())
        .containsExactly(OutputDrift.SCORE, OutputDrift.LABEL, OutputDrift.TARGET);
  }

  @Test
  void noDriftBetweenTheReferenceAndItself() {
    DriftReport report =
        OutputDrift.run(outputs("reference"), outputs("reference"), DriftSettings.DEFAULTS);
    assertThat(report.drift()).isFalse();
  }

  @Test
  void aMissingTargetOnTheCurrentSideLeavesTargetDriftOut() {
    OutputDrift.Outputs c = outputs("current");
    DriftReport report =
        OutputDrift.run(
            outputs("reference"),
            new OutputDrift.Outputs(c.score(), c.label(), null, false),
            DriftSettings.DEFAULTS);
    assertThat(report.features())
        .extracting(FeatureDrift::name)
        .containsExactly(OutputDrift.SCORE, OutputDrift.LABEL);
  }
}
