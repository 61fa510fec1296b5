package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact and KernelSHAP through ONNX Runtime on float32 models. */
class ExplainOnnxTest {
  private static OnnxRuntime runtime;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    runtime = new OnnxRuntime();
  }

  private static double[] random(int rows, int m, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] out = new double[rows * m];
    for (int k = 0; k < out.length; k++) {
      out[k] = r.nextGaussian();
    }
    return out;
  }

  @Test
  void exactAndKernelAttributionsOfAFloat32ModelAddUpTo1eMinus6AndAnIgnoredInputGetsZero()
      throws Exception {
    int m = 8;
    Path file = TestModels.write(dir.resolve("mlp.onnx"), ExplainTestModels.mlp(m, 16, 3, 5));
    assertThat(LinearLogit.isLinear(file)).isFalse();
    double[] background = random(20, m, 1);
    double[] rows = random(3, m, 2);
    for (OutputSpace space : List.of(OutputSpace.PROBABILITY, OutputSpace.LOGIT)) {
      try (OnnxModelFunction f =
          ExplainTestModels.open(runtime, file, "x", ExplainTestModels.columns(m), space)) {
        Explainer explainer = new Explainer(f, background);
        for (Method method : List.of(Method.EXACT, Method.KERNEL)) {
          List<Explainer.RowAttribution> result =
              explainer.explain(
                  rows,
                  0,
                  method,
                  KernelShap.Settings.DEFAULTS,
                  9,
                  dev.assay.core.Progress.NONE,
                  dev.assay.core.Cancellation.NONE);
          for (Explainer.RowAttribution row : result) {
            assertThat(row.attribution().efficiencyError())
                .as("%s %s row %d", space, method, row.row())
                .isLessThanOrEqualTo(1e-6);
            if (method == Method.EXACT) {
              assertThat(row.attribution().phi()[5]).isEqualTo(0.0);
              assertThat(row.attribution().evaluations()).isEqualTo(256 * 20);
            }
          }
        }
      }
    }
  }

  @Test
  void autoPicksTheClosedFormForLogOddsOfALinearModelElseExactUpToTwelveFeatures() {
    assertThat(Explainer.resolve(Method.AUTO, true, 13)).isEqualTo(Method.LINEAR);
    assertThat(Explainer.resolve(Method.AUTO, false, 12)).isEqualTo(Method.EXACT);
    assertThat(Explainer.resolve(Method.AUTO, false, 13)).isEqualTo(Method.KERNEL);
    assertThat(Explainer.resolve(Method.KERNEL, true, 3)).isEqualTo(Method.KERNEL);
  }

  @Test
  void aClassifierCannotBeExplainedInTheValueSpace() throws Exception {
    Path file = TestModels.write(dir.resolve("mlp.onnx"), ExplainTestModels.mlp(3, 4, 3, -1));
    assertThatThrownBy(
            () ->
                ExplainTestModels.open(
                    runtime, file, "x", ExplainTestModels.columns(3), OutputSpace.VALUE))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("classifier");
  }
}
