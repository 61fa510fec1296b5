package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision rule's false-alarm rate under no drift and its power, by Monte Carlo (seeded). Under
 * the null every test is distribution-free (KS for continuous data, chi-square asymptotically), so
 * numeric features are drawn as sorted uniforms (exponential spacings, O(n) without a sort). Each
 * report has four numeric features and one categorical feature with five categories. The rule is
 * Holm at α = 0.05 with δ calibrated on the reference; beside it the fixed rule "some unadjusted
 * p-value below 0.05", whose false-alarm rate is 1 - 0.95^5 ≈ 0.23 at every n.
 */
class DriftCalibrationTest {
  private static final double ALPHA = 0.05;
  private static final DriftSettings SETTINGS =
      new DriftSettings(ALPHA, Correction.HOLM, 0.02, 20, 42, 10, 20, 2000);

  @ParameterizedTest(name = "n = {0}, {1} reports")
  @CsvSource({"1000, 200", "100000, 30"})
  void falseAlarmRateUnderNoDriftIsAtMostAlphaWhileTheUnadjustedRuleIsNot(int n, int reports) {
    SplittableRandom random = new SplittableRandom(1000L + n);
    int ruleAlarms = 0;
    int fixedAlarms = 0;
    for (int r = 0; r < reports; r++) {
      DriftReport report = report(random, n, 0.0, SETTINGS.withSeed(r));
      ruleAlarms += report.drift() ? 1 : 0;
      fixedAlarms +=
          report.features().stream().anyMatch(f -> f.statistics().pValue() < ALPHA) ? 1 : 0;
    }
    double se = Math.sqrt(ALPHA * (1 - ALPHA) / reports);
    assertThat((double) ruleAlarms / reports).isLessThanOrEqualTo(ALPHA + 2 * se);
    assertThat((double) fixedAlarms / reports).isGreaterThan(0.12);
  }

  @Test
  void atOneMillionRowsANegligibleShiftTripsTheFixedRuleButNotTheDecisionRule() {
    // a uniform shifted by 0.005: KS D = 0.005, far below the minimum effect of 0.02, yet
    // sqrt(n/2) D = 3.5 gives p ~ 1e-11
    SplittableRandom random = new SplittableRandom(7);
    int reports = 2;
    int fixed = 0;
    int rule = 0;
    for (int r = 0; r < reports; r++) {
      double[] a = sortedUniform(random, 1_000_000, 0);
      double[] b = sortedUniform(random, 1_000_000, 0.005);
      DriftAnalysis.Compared c =
          DriftAnalysis.compare(
              new NumericSample("x", a, a.length, 0, 0),
              new NumericSample("x", b, b.length, 0, 0),
              SETTINGS);
      DriftReport report = DriftAnalysis.decide(List.of(c), SETTINGS);
      fixed += c.statistics().pValue() < ALPHA ? 1 : 0;
      rule += report.drift() ? 1 : 0;
    }
    assertThat(fixed).isEqualTo(reports);
    assertThat(rule).isZero();
  }

  @Test
  void detectsAQuarterSigmaMeanShiftInOneOfFiveFeaturesAtOneThousandRowsWithPowerAbove80Percent() {
    // normal mean shift 0.25 sd: population KS distance 2 Phi(0.125) - 1 = 0.0995
    SplittableRandom random = new SplittableRandom(11);
    int reports = 60;
    int detected = 0;
    for (int r = 0; r < reports; r++) {
      DriftReport report = report(random, 1000, 0.25, SETTINGS.withSeed(r));
      detected += report.features().getFirst().drift() ? 1 : 0;
    }
    assertThat((double) detected / reports).isGreaterThan(0.80);
  }

  /** Four numeric features (the first shifted by {@code shift} sd, normal) and one categorical. */
  private static DriftReport report(
      SplittableRandom random, int n, double shift, DriftSettings settings) {
    List<DriftAnalysis.Compared> compared = new ArrayList<>();
    for (int f = 0; f < 4; f++) {
      String name = "x" + f;
      double[] a;
      double[] b;
      if (shift != 0 && f == 0) {
        a = normals(random, n, 0);
        b = normals(random, n, shift);
      } else {
        a = sortedUniform(random, n, 0);
        b = sortedUniform(random, n, 0);
      }
      compared.add(
          DriftAnalysis.compare(
              NumericSample.of(name, a, n, 0, 0), NumericSample.of(name, b, n, 0, 0), settings));
    }
    compared.add(DriftAnalysis.compare(categories(random, n), categories(random, n), settings));
    return DriftAnalysis.decide(compared, settings);
  }

  static double[] sortedUniform(SplittableRandom random, int n, double shift) {
    double[] x = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += -Math.log(1 - random.nextDouble());
      x[i] = sum;
    }
    sum += -Math.log(1 - random.nextDouble());
    for (int i = 0; i < n; i++) {
      x[i] = x[i] / sum + shift;
    }
    return x;
  }

  private static double[] normals(SplittableRandom random, int n, double mean) {
    double[] x = new double[n];
    for (int i = 0; i < n; i += 2) {
      double u = 1 - random.nextDouble();
      double v = random.nextDouble();
      double r = Math.sqrt(-2 * Math.log(u));
      x[i] = mean + r * Math.cos(2 * Math.PI * v);
      if (i + 1 < n) {
        x[i + 1] = mean + r * Math.sin(2 * Math.PI * v);
      }
    }
    return x;
  }

  private static CategoricalSample categories(SplittableRandom random, int n) {
    double[] p = {0.4, 0.25, 0.2, 0.1, 0.05};
    long[] counts = new long[p.length];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      int k = 0;
      while (k < p.length - 1 && u >= p[k]) {
        u -= p[k];
        k++;
      }
      counts[k]++;
    }
    Map<String, Long> map = new HashMap<>();
    for (int k = 0; k < p.length; k++) {
      map.put("c" + k, counts[k]);
    }
    return new CategoricalSample("cat", map, 0);
  }
}
