package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Exact enumeration and KernelSHAP on a pure-Java function of 7 features, in double precision,
 * against the Shapley definition as the mean marginal contribution over all 7! orderings.
 */
class ShapleyValuesTest {
  private static final int M = 7;

  /** Interactions, a nonlinearity, a symmetric pair (0, 1) and a feature it ignores (6). */
  private static final ToDoubleFunction<double[]> F =
      x -> x[0] * x[1] + Math.sin(x[2]) + x[3] * x[3] * x[4] + Math.exp(0.3 * x[5]) + 0.5 * x[2];

  static ModelFunction model(int m, ToDoubleFunction<double[]> f) {
    return new ModelFunction() {
      @Override
      public int features() {
        return m;
      }

      @Override
      public void evaluate(double[] rows, int n, double[] out) {
        double[] x = new double[m];
        for (int r = 0; r < n; r++) {
          System.arraycopy(rows, r * m, x, 0, m);
          out[r] = f.applyAsDouble(x);
        }
      }
    };
  }

  private static double[] background(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] b = new double[rows * M];
    for (int r = 0; r < rows; r++) {
      double shared = random.nextDouble(-2, 2);
      for (int i = 0; i < M; i++) {
        b[r * M + i] = random.nextDouble(-2, 2);
      }
      b[r * M] = shared; // features 0 and 1 equal in every background row: symmetric
      b[r * M + 1] = shared;
    }
    return b;
  }

  private static final double[] X = {1.5, 1.5, -0.7, 1.2, 0.8, -1.1, 3.0};

  /** The definition: mean over all orderings of v(pred ∪ {i}) − v(pred), v computed directly. */
  private static double[] byOrderings(double[] x, double[] background) {
    int rows = background.length / M;
    double[] phi = new double[M];
    int[] order = {0, 1, 2, 3, 4, 5, 6};
    long count = 0;
    do {
      boolean[] in = new boolean[M];
      double previous = value(x, background, rows, in);
      for (int i : order) {
        in[i] = true;
        double next = value(x, background, rows, in);
        phi[i] += next - previous;
        previous = next;
      }
      count++;
    } while (nextPermutation(order));
    for (int i = 0; i < M; i++) {
      phi[i] /= count;
    }
    return phi;
  }

  private static double value(double[] x, double[] background, int rows, boolean[] in) {
    double sum = 0;
    double[] z = new double[M];
    for (int b = 0; b < rows; b++) {
      for (int i = 0; i < M; i++) {
        z[i] = in[i] ? x[i] : background[b * M + i];
      }
      sum += F.applyAsDouble(z);
    }
    return sum / rows;
  }

  private static boolean nextPermutation(int[] a) {
    int i = a.length - 2;
    while (i >= 0 && a[i] >= a[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = a.length - 1;
    while (a[j] <= a[i]) {
      j--;
    }
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
      t = a[l];
      a[l] = a[r];
      a[r] = t;
    }
    return true;
  }

  @Test
  void exactEnumerationEqualsTheMeanMarginalContributionOverAllOrderings() {
    double[] background = background(9, 1);
    Attribution.Exact exact = ExactShapley.explain(new CoalitionGame(model(M, F), X, background));
    double[] reference = byOrderings(X, background);
    for (int i = 0; i < M; i++) {
      assertThat(exact.phi()[i]).as("feature %d", i).isCloseTo(reference[i], within(1e-12));
    }
    assertThat(exact.evaluations()).isEqualTo(ExactShapley.evaluationsPerRow(M, 9)).isEqualTo(1152);
  }

  @Test
  void sampledKernelShapLandsWithinFourStandardErrorsOfExactEnumeration() {
    double[] background = background(9, 3);
    double[] exact = ExactShapley.explain(new CoalitionGame(model(M, F), X, background)).phi();
    for (long seed = 1; seed <= 3; seed++) {
      Attribution.Estimated kernel =
          KernelShap.explain(
              new CoalitionGame(model(M, F), X, background),
              KernelShap.Settings.DEFAULTS.withTolerance(0.005),
              new java.util.SplittableRandom(seed));
      assertThat(kernel.converged()).isTrue();
      for (int i = 0; i < M; i++) {
        assertThat(kernel.stdErrors()[i]).isLessThan(0.005);
        assertThat(kernel.phi()[i])
            .as("seed %d feature %d", seed, i)
            .isCloseTo(exact[i], within(4 * kernel.stdErrors()[i] + 1e-9));
      }
    }
  }

  @Test
  void kernelShapWithAllCoalitionsEqualsExactEnumerationTo1eMinus12() {
    double[] background = background(9, 2);
    double[] exact = ExactShapley.explain(new CoalitionGame(model(M, F), X, background)).phi();
    double[] kernel =
        KernelShap.explainAllCoalitions(new CoalitionGame(model(M, F), X, background)).phi();
    for (int i = 0; i < M; i++) {
      assertThat(kernel[i]).as("feature %d", i).isCloseTo(exact[i], within(1e-12));
    }
  }

  @Test
  void aFeatureTheModelIgnoresGetsExactlyZero() {
    Attribution.Exact exact =
        ExactShapley.explain(new CoalitionGame(model(M, F), X, background(9, 3)));
    assertThat(exact.phi()[6]).isEqualTo(0.0);
  }

  @Test
  void aFeatureEqualToEveryBackgroundValueGetsExactlyZero() {
    double[] background = background(9, 4);
    for (int r = 0; r < 9; r++) {
      background[r * M + 3] = X[3];
    }
    Attribution.Exact exact = ExactShapley.explain(new CoalitionGame(model(M, F), X, background));
    assertThat(exact.phi()[3]).isEqualTo(0.0);
    assertThat(exact.phi()[4]).isNotEqualTo(0.0);
  }

  @Test
  void symmetricFeaturesGetEqualValues() {
    Attribution.Exact exact =
        ExactShapley.explain(new CoalitionGame(model(M, F), X, background(9, 5)));
    assertThat(exact.phi()[0]).isNotEqualTo(0.0).isCloseTo(exact.phi()[1], within(1e-12));
  }

  @Test
  void exactValuesAddUpToThePredictionMinusTheBaseValue() {
    double[] background = background(9, 6);
    Attribution.Exact exact = ExactShapley.explain(new CoalitionGame(model(M, F), X, background));
    assertThat(exact.prediction()).isCloseTo(F.applyAsDouble(X), within(1e-12));
    double mean = 0;
    for (int r = 0; r < 9; r++) {
      double[] row = new double[M];
      System.arraycopy(background, r * M, row, 0, M);
      mean += F.applyAsDouble(row) / 9;
    }
    assertThat(exact.baseValue()).isCloseTo(mean, within(1e-12));
    assertThat(exact.efficiencyError()).isLessThan(1e-12);
  }
}
