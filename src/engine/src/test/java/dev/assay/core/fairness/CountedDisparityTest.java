package dev.assay.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Disparities from per-group counts against their Fairlearn definitions worked by hand: selection
 * rate = predicted positive / predictions, TPR = tp / (tp + fn), FPR = fp / (fp + tn), precision =
 * tp / (tp + fp); a difference is the largest minus the smallest over the groups with at least the
 * minimum size; fair when at most the limit.
 */
class CountedDisparityTest {
  // a: 100 predictions, 30 positive; labelled tp 8, fp 5, fn 2, tn 10 (25)
  // b: 50 predictions, 10 positive; labelled tp 3, fp 1, fn 3, tn 20 (27)
  // c: 10 predictions, 9 positive (too small to judge: under 20)
  private static final List<CountedDisparity.Counts> GROUPS =
      List.of(
          new CountedDisparity.Counts("a", 100, 30, 8, 5, 2, 10),
          new CountedDisparity.Counts("b", 50, 10, 3, 1, 3, 20),
          new CountedDisparity.Counts("c", 10, 9, 1, 0, 0, 1));

  @Test
  void demographicParityCountsEveryPredictionOfTheJudgedGroups() {
    CountedDisparity.Result r =
        CountedDisparity.evaluate("demographic_parity_difference", GROUPS, 0.1, 20);
    // 0.3 - 0.2; c (0.9) is not judged
    assertThat(r.value()).isCloseTo(0.1, within(1e-12));
    assertThat(r.verdict()).isEqualTo(Disparity.FAIR);
    assertThat(r.groups().get(2).judged()).isFalse();
    assertThat(r.groups().get(2).rate()).isCloseTo(0.9, within(1e-12));
    assertThat(
            CountedDisparity.evaluate("demographic_parity_difference", GROUPS, 0.05, 20).verdict())
        .isEqualTo(Disparity.UNFAIR);
    // with groups of 5 c counts: 0.9 - 0.2
    assertThat(CountedDisparity.evaluate("demographic_parity_difference", GROUPS, 0.1, 5).value())
        .isCloseTo(0.7, within(1e-12));
  }

  @Test
  void labelBasedGapsUseTheLabelledPredictions() {
    // TPR 0.8 vs 0.5
    assertThat(CountedDisparity.evaluate("equal_opportunity_difference", GROUPS, 0.1, 20).value())
        .isCloseTo(0.3, within(1e-12));
    // max(TPR gap 0.3, FPR gap 5/15 - 1/21)
    assertThat(CountedDisparity.evaluate("equalized_odds_difference", GROUPS, 0.1, 20).value())
        .isCloseTo(0.3, within(1e-12));
    // precision 3/4 - 8/13
    assertThat(CountedDisparity.evaluate("predictive_parity_difference", GROUPS, 0.1, 20).value())
        .isCloseTo(0.75 - 8 / 13.0, within(1e-12));
    // with groups of 26 a (25 labelled) is not judged: b alone has nothing to compare with
    CountedDisparity.Result one =
        CountedDisparity.evaluate("equal_opportunity_difference", GROUPS, 0.1, 26);
    assertThat(one.value()).isNull();
    assertThat(one.verdict()).isEqualTo(Disparity.NOT_JUDGED);
  }

  @Test
  void theDefaultsAreAssayFairnesssAndOtherMetricsAreRefused() {
    assertThat(CountedDisparity.defaultLimit("demographic_parity_difference")).isEqualTo(0.1);
    assertThat(CountedDisparity.defaultMinGroupSize()).isEqualTo(20);
    assertThatThrownBy(() -> CountedDisparity.evaluate("theil_index", GROUPS, 0.1, 20))
        .hasMessageContaining("the fairness gate judges one of");
  }
}
