package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored reference sketch against the exact computation on the same large samples: the exact KS
 * D and Wasserstein lie inside the reported bounds, the reported figures are within their stated
 * errors, the binned distances and shares are identical, and the drift decisions are the same.
 */
class SketchAccuracyTest {
  private static final DriftSettings SETTINGS = DriftSettings.DEFAULTS;
  private static final double BOUND = 1.0 / (NumericSketch.GRID_POINTS - 1);

  @TempDir Path dir;

  private static NumericSample sample(
      String name, long seed, int n, DoubleUnaryOperator shape, int missing, int infinite) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double g =
          Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
              * Math.cos(2 * Math.PI * random.nextDouble());
      v[i] = shape.applyAsDouble(g);
    }
    return NumericSample.of(name, v, n, missing, infinite);
  }

  private static DoubleUnaryOperator normal(double shift) {
    return g -> Math.rint(1e4 * (10 * g + shift)) / 1e4;
  }

  private static NumericStatistics exact(NumericSample r, NumericSample c) {
    return (NumericStatistics) FeatureComparison.numeric(r, c, SETTINGS);
  }

  private static NumericStatistics sketched(NumericSample r, NumericSample c) {
    NumericSketch sketch = NumericSketch.of(r, NumericSketch.GRID_POINTS, SETTINGS.bins());
    return (NumericStatistics) new SketchComparison(sketch).add(c).statistics();
  }

  private static void assertWithinBounds(NumericStatistics e, NumericStatistics s) {
    SketchBounds b = s.sketch();
    assertThat(e.sketch()).isNull();
    assertThat(s.ks().method()).isEqualTo(KsMethod.ASYMP_SKETCH);
    assertThat(e.ks().statistic()).isBetween(b.ksLow() - 1e-15, b.ksHigh() + 1e-15);
    assertThat(s.ks().statistic()).isCloseTo(e.ks().statistic(), within(b.ksError() + 1e-15));
    assertThat(b.ksHigh() - b.ksLow()).isLessThanOrEqualTo(b.maxGap() + 1e-15);
    assertThat(b.maxGap()).isLessThanOrEqualTo(BOUND);
    double pHigh =
        KolmogorovSmirnov.ofStatistic(b.ksHigh(), (int) e.nReference(), (int) e.nCurrent())
            .pValue();
    double pLow =
        KolmogorovSmirnov.ofStatistic(b.ksLow(), (int) e.nReference(), (int) e.nCurrent()).pValue();
    assertThat(e.ks().pValue()).isBetween(pHigh - 1e-15, pLow + 1e-15);
    assertThat(s.wasserstein())
        .isCloseTo(e.wasserstein(), within(b.wassersteinError() + 1e-9 * (1 + e.wasserstein())));
    assertThat(s.psi()).isEqualTo(e.psi());
    assertThat(s.jensenShannon()).isEqualTo(e.jensenShannon());
    assertThat(s.hellinger()).isEqualTo(e.hellinger());
    assertThat(s.linf()).isEqualTo(e.linf());
    assertThat(s.contributions()).isEqualTo(e.contributions());
    assertThat(s.missing()).isEqualTo(e.missing());
    assertThat(s.nonFinite()).isEqualTo(e.nonFinite());
    assertThat(s.nReference()).isEqualTo(e.nReference());
    assertThat(s.nCurrent()).isEqualTo(e.nCurrent());
    if (!Double.isNaN(e.wassersteinNormed())) {
      assertThat(s.wassersteinNormed() / s.wasserstein())
          .isCloseTo(
              e.wassersteinNormed() / e.wasserstein(),
              org.assertj.core.data.Percentage.withPercentage(1e-10));
    }
  }

  @Test
  void ksAndWassersteinLieWithinTheStatedBoundsAndTheBinnedDistancesAreExact() {
    int n1 = 400_000;
    int n2 = 300_000;
    List<DoubleUnaryOperator> shapes =
        List.of(
            normal(0),
            normal(0),
            normal(0),
            normal(0),
            g -> Math.floor(Math.abs(g) * 5),
            g -> Math.exp(0.5 * g),
            g -> g < 0 ? 0 : g);
    List<DoubleUnaryOperator> currents =
        List.of(
            normal(0),
            normal(0.05),
            normal(2),
            normal(40),
            g -> Math.floor(Math.abs(g) * 5.3),
            g -> Math.exp(0.5 * g + 0.1),
            g -> g < 0.3 ? 0 : g);
    for (int i = 0; i < shapes.size(); i++) {
      NumericSample r = sample("x", 11 + i, n1, shapes.get(i), 400, 3);
      NumericSample c = sample("x", 101 + i, n2, currents.get(i), 900, 0);
      NumericStatistics e = exact(r, c);
      NumericStatistics s = sketched(r, c);
      assertWithinBounds(e, s);
      assertThat(s.sketch().ksError()).as("shape %d", i).isLessThanOrEqualTo(BOUND / 2);
    }
  }

  @Test
  void tiedDataOnGridValuesGiveTheExactStatistic() {
    NumericSample r = sample("k", 3, 200_000, g -> Math.floor(Math.abs(g) * 5), 0, 0);
    NumericSample c = sample("k", 4, 150_000, g -> Math.floor(Math.abs(g) * 5.5), 0, 0);
    NumericStatistics e = exact(r, c);
    NumericStatistics s = sketched(r, c);
    assertThat(s.sketch().ksError()).isZero();
    assertThat(s.ks().statistic()).isEqualTo(e.ks().statistic());
    assertThat(s.ks().pValue()).isEqualTo(e.ks().pValue());
    assertThat(s.wasserstein())
        .isCloseTo(e.wasserstein(), within(s.sketch().wassersteinError() + 1e-12));
    assertThat(s.sketch().wassersteinError()).isLessThan(1e-3 * e.wasserstein());
  }

  @Test
  void theDecisionIsTheExactOneUnderNoDriftAndUnderAShift() {
    int agree = 0;
    int falseAlarms = 0;
    int reports = 12;
    for (int rep = 0; rep < reports; rep++) {
      List<DriftAnalysis.Compared> fromExact = new ArrayList<>();
      List<DriftAnalysis.Compared> fromSketch = new ArrayList<>();
      for (int f = 0; f < 3; f++) {
        String name = "f" + f;
        double shift = rep % 3 == 2 && f == 0 ? 0.6 : 0;
        NumericSample r = sample(name, 1000L * rep + f, 150_000, normal(0), 10, 0);
        NumericSample c = sample(name, 1000L * rep + f + 500, 150_000, normal(shift), 10, 0);
        ThresholdCalibration calibration = ThresholdCalibration.of(r, SETTINGS);
        fromExact.add(DriftAnalysis.compare(r, c, SETTINGS, calibration));
        NumericSketch sketch = NumericSketch.of(r, NumericSketch.GRID_POINTS, SETTINGS.bins());
        fromSketch.add(
            DriftAnalysis.compare(
                sketch, new SketchComparison(sketch).add(c), SETTINGS, calibration));
      }
      DriftReport e = DriftAnalysis.decide(fromExact, SETTINGS);
      DriftReport s = DriftAnalysis.decide(fromSketch, SETTINGS);
      if (e.drifted().equals(s.drifted())) {
        agree++;
      }
      if (rep % 3 != 2 && !s.drifted().isEmpty()) {
        falseAlarms++;
      }
      if (rep % 3 == 2) {
        assertThat(s.drifted()).contains("f0");
      }
      for (int f = 0; f < 3; f++) {
        assertThat(s.features().get(f).threshold()).isEqualTo(e.features().get(f).threshold());
      }
    }
    assertThat(agree).isEqualTo(reports);
    assertThat(falseAlarms).isZero();
  }

  @Test
  void aProfileWritesLargeColumnsAsSketchesThatReadBackAndCompareAsTheSketch() throws Exception {
    NumericSample big = sample("big", 5, 150_000, normal(0), 7, 2);
    NumericSample small = sample("small", 6, 2_000, normal(0), 0, 0);
    CategoricalSample cat = new CategoricalSample("c", Map.of("a", 10L, "b", 20L), 1);
    ReferenceProfile profile = ReferenceProfile.of(150_009, List.of(big, small, cat), SETTINGS);
    Path file = dir.resolve("p.profile");
    ProfileCodec.write(profile, file);
    ReferenceProfile read = ProfileCodec.read(file, null);
    assertThat(read.sketches().keySet()).containsExactly("big");
    NumericSketch sketch = read.sketches().get("big");
    assertThat(sketch).isEqualTo(NumericSketch.of(big, NumericSketch.GRID_POINTS, SETTINGS.bins()));
    NumericSample counts = (NumericSample) read.feature("big").orElseThrow();
    assertThat(counts.count()).isEqualTo(150_000);
    assertThat(counts.missing()).isEqualTo(7);
    assertThat(counts.nonFinite()).isEqualTo(2);
    assertThat(read.kinds())
        .extracting(FeatureReader.Feature::kind)
        .containsExactly(
            FeatureReader.Kind.NUMERIC, FeatureReader.Kind.NUMERIC, FeatureReader.Kind.CATEGORICAL);
    assertThat(read.calibrations().get("big").scaled())
        .containsExactly(profile.calibrations().get("big").scaled());
    assertThat(ProfileCodec.read(file, List.of("small")).sketches()).isEmpty();

    NumericSample current = sample("big", 8, 120_000, normal(0.5), 3, 0);
    DriftAnalysis.Compared viaProfile = read.compare("big", current, SETTINGS);
    NumericStatistics direct = sketched(big, current);
    assertThat(viaProfile.statistics()).isEqualTo(direct);
    assertWithinBounds(exact(big, current), (NumericStatistics) viaProfile.statistics());
    assertThat(viaProfile.threshold())
        .isEqualTo(DriftAnalysis.compare(big, current, SETTINGS).threshold());
    DriftAnalysis.Compared small2 =
        read.compare("small", sample("small", 9, 2_000, normal(0), 0, 0), SETTINGS);
    assertThat(((NumericStatistics) small2.statistics()).sketch()).isNull();
  }

  @Test
  void underOtherSettingsTheThresholdIsRedrawnFromTheSketchCloseToTheExactOne() {
    NumericSample r = sample("x", 21, 200_000, normal(0), 0, 0);
    NumericSample c = sample("x", 22, 200_000, normal(0), 0, 0);
    DriftSettings other = SETTINGS.withSeed(7).withMinEffect(0);
    NumericSketch sketch = NumericSketch.of(r, NumericSketch.GRID_POINTS, other.bins());
    double fromSketch =
        DriftAnalysis.compare(sketch, new SketchComparison(sketch).add(c), other, null).threshold();
    double fromValues = DriftAnalysis.compare(r, c, other).threshold();
    assertThat(fromSketch).isCloseTo(fromValues, within(0.1 * fromValues));
  }
}
