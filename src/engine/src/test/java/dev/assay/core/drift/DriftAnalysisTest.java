package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision rule on hand-made cases. */
class DriftAnalysisTest {
  private static final DriftSettings SETTINGS = DriftSettings.DEFAULTS;

  @Test
  void anUnseenCategoryGivesAFiniteChiSquareAndItsShareIsReported() {
    CategoricalSample ref = new CategoricalSample("c", Map.of("a", 500L, "b", 500L), 0);
    CategoricalSample cur = new CategoricalSample("c", Map.of("a", 450L, "b", 450L, "z", 100L), 0);
    CategoricalStatistics s =
        (CategoricalStatistics) DriftAnalysis.compare(ref, cur, SETTINGS).statistics();
    assertThat(s.chi2().statistic()).isFinite().isGreaterThan(50);
    assertThat(s.chi2().dof()).isEqualTo(2);
    assertThat(s.unseenShare()).isEqualTo(0.1);
    assertThat(s.psi()).isFinite();
  }

  @Test
  void categoriesBeyondTopKArePooledAsOther() {
    CategoricalSample ref =
        new CategoricalSample("c", Map.of("a", 50L, "b", 40L, "c", 5L, "d", 5L), 0);
    CategoricalSample cur = new CategoricalSample("c", Map.of("a", 50L, "b", 40L, "e", 10L), 0);
    DriftSettings top2 = new DriftSettings(0.05, Correction.HOLM, 0.02, 20, 1, 10, 2, 1000);
    FeatureStatistics s = DriftAnalysis.compare(ref, cur, top2).statistics();
    assertThat(s.contributions()).extracting(BinShare::label).containsExactly("a", "b", "(other)");
    assertThat(s.contributions().get(2).reference()).isEqualTo(0.1);
    assertThat(s.contributions().get(2).current()).isEqualTo(0.1);
  }

  @Test
  void aMissingRateChangeIsDriftEvenWhenTheValuesLookAlike() {
    double[] a = new double[2000];
    double[] b = new double[2000];
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
      b[i] = i + 0.5;
    }
    DriftAnalysis.Compared c =
        DriftAnalysis.compare(
            NumericSample.of("x", a, 2000, 20, 0),
            NumericSample.of("x", b, 2000, 400, 0),
            SETTINGS);
    DriftReport report = DriftAnalysis.decide(List.of(c), SETTINGS);
    FeatureDrift f = report.features().getFirst();
    assertThat(f.distributionDrift()).isFalse();
    assertThat(f.missing().drift()).isTrue();
    assertThat(f.missing().pAdjusted()).isLessThan(1e-10);
    assertThat(report.drifted()).containsExactly("x");
  }

  @Test
  void aSignificantEffectBelowTheThresholdIsNotDrift() {
    // D = 0.01 on 200k rows: p tiny, effect under the 0.02 minimum
    int n = 200_000;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = (double) i / n;
      b[i] = (double) i / n + 0.01;
    }
    DriftAnalysis.Compared c =
        DriftAnalysis.compare(
            NumericSample.of("x", a, n, 0, 0), NumericSample.of("x", b, n, 0, 0), SETTINGS);
    FeatureDrift f = DriftAnalysis.decide(List.of(c), SETTINGS).features().getFirst();
    assertThat(f.pAdjusted()).isLessThan(1e-6);
    assertThat(f.threshold()).isEqualTo(0.02);
    assertThat(f.drift()).isFalse();
    DriftSettings looser = SETTINGS.withMinEffect(0.005);
    DriftAnalysis.Compared c2 =
        DriftAnalysis.compare(
            NumericSample.of("x", a, n, 0, 0), NumericSample.of("x", b, n, 0, 0), looser);
    assertThat(DriftAnalysis.decide(List.of(c2), looser).drift()).isTrue();
  }

  @Test
  void holmAdjustsAcrossFeaturesSoOneBorderlineFeatureAmongManyIsNotDrift() {
    double[] p = {0.03, 0.5, 0.6, 0.7};
    assertThat(Correction.HOLM.adjust(p)[0]).isEqualTo(0.12);
    assertThat(Correction.BH.adjust(new double[] {0.01, 0.02, 0.03}))
        .containsExactly(0.03, 0.03, 0.03);
  }

  @Test
  void aFeatureWithoutValuesOnOneSideComparesOnlyItsMissingRate() {
    DriftAnalysis.Compared c =
        DriftAnalysis.compare(
            NumericSample.of("x", new double[] {1, 2, 3}, 3, 0, 0),
            NumericSample.of("x", new double[0], 0, 5, 0),
            SETTINGS);
    assertThat(c.statistics()).isInstanceOf(NoValues.class);
    FeatureDrift f = DriftAnalysis.decide(List.of(c), SETTINGS).features().getFirst();
    assertThat(f.pAdjusted()).isNaN();
    assertThat(f.missing().rate().current()).isEqualTo(1.0);
  }

  @Test
  void settingsRefuseAlphaOutsideZeroOne() {
    assertThatThrownBy(() -> SETTINGS.withAlpha(1.0)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> SETTINGS.withAlpha(0)).hasMessageContaining("alpha");
  }
}
