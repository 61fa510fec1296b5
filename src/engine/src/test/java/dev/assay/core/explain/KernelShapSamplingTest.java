package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** KernelSHAP's sampling: seeds, standard errors, efficiency, agreement with exact values. */
class KernelShapSamplingTest {
  private static final int M = 10;

  /** Three-way interactions: paired sampling is exact on games of order two, not on these. */
  private static final ToDoubleFunction<double[]> F =
      x ->
          Math.tanh(x[0] * x[1] * x[8])
              + x[9] * x[2] * x[3]
              + 0.8 * x[2]
              - x[3] * x[4] * 0.3
              + Math.sin(x[5] + x[6])
              + x[7];

  private static double[] background(int rows) {
    SplittableRandom random = new SplittableRandom(11);
    double[] b = new double[rows * M];
    for (int k = 0; k < b.length; k++) {
      b[k] = random.nextDouble(-1, 1);
    }
    return b;
  }

  private static final double[] X = {0.9, -0.8, 0.5, 1.1, -0.4, 0.3, 0.7, -0.6, 0.2, 0.1};

  private static CoalitionGame game() {
    return new CoalitionGame(ShapleyValuesTest.model(M, F), X, background(20));
  }

  @Test
  void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
    KernelShap.Settings settings = KernelShap.Settings.DEFAULTS.withTolerance(0.005);
    Attribution.Estimated a = KernelShap.explain(game(), settings, new SplittableRandom(7));
    Attribution.Estimated b = KernelShap.explain(game(), settings, new SplittableRandom(7));
    Attribution.Estimated c = KernelShap.explain(game(), settings, new SplittableRandom(8));
    assertThat(b.phi()).containsExactly(a.phi());
    assertThat(b.stdErrors()).containsExactly(a.stdErrors());
    assertThat(c.phi()).isNotEqualTo(a.phi());
  }

  @Test
  void stopsWithEveryStandardErrorUnderTheToleranceAndStaysWithinFourErrorsOfExact() {
    double[] exact = ExactShapley.explain(game()).phi();
    Attribution.Estimated kernel =
        KernelShap.explain(
            game(), KernelShap.Settings.DEFAULTS.withTolerance(0.005), new SplittableRandom(3));
    assertThat(kernel.converged()).isTrue();
    for (int i = 0; i < M; i++) {
      assertThat(kernel.stdErrors()[i]).as("se %d", i).isLessThan(0.005);
      assertThat(kernel.phi()[i])
          .as("feature %d", i)
          .isCloseTo(exact[i], within(4 * kernel.stdErrors()[i] + 1e-9));
    }
    assertThat(kernel.efficiencyError()).isLessThan(1e-12);
  }

  /**
   * The reported standard errors are honest: with the default tolerance (0.01), over 200 seeds and
   * the 10 features, the exact value falls inside phi ± 1.96 SE about 95 % of the time (1,897 of
   * 2,000). Errors a quarter too small give 1,721 (fails); twice too large would give nearly all.
   * Looser tolerances stop earlier on rounds whose error happened to look small (0.02: 1,825),
   * tighter ones are conservative (0.005: 1,960).
   */
  @Test
  void aboutNinetyFivePercentOfRepeatedRunsFallInsideTheirNinetyFivePercentIntervals() {
    double[] exact = ExactShapley.explain(game()).phi();
    KernelShap.Settings settings = KernelShap.Settings.DEFAULTS;
    int inside = 0;
    int all = 0;
    for (int seed = 0; seed < 200; seed++) {
      Attribution.Estimated kernel =
          KernelShap.explain(game(), settings, new SplittableRandom(1000 + seed));
      for (int i = 0; i < M; i++) {
        all++;
        if (Math.abs(kernel.phi()[i] - exact[i]) <= 1.96 * kernel.stdErrors()[i]) {
          inside++;
        }
      }
    }
    assertThat((double) inside / all).isBetween(0.90, 0.99);
  }

  @Test
  void reportsNotConvergedWhenTheBudgetRunsOut() {
    Attribution.Estimated kernel =
        KernelShap.explain(game(), new KernelShap.Settings(1e-9, 0, 2, 3), new SplittableRandom(3));
    assertThat(kernel.converged()).isFalse();
    assertThat(kernel.evaluations()).isEqualTo((2 + 3 * 2 * 20) * 20L);
  }

  @Test
  void theKernelWeightIsTheShapleyKernel() {
    // (M−1) / (C(M,s)·s·(M−s)) for M = 4, s = 2: 3 / (6·2·2)
    assertThat(KernelShap.kernelWeight(4, 2)).isCloseTo(3.0 / 24, within(1e-15));
    assertThat(KernelShap.kernelWeight(10, 1)).isCloseTo(9.0 / (10 * 9), within(1e-15));
  }
}
