package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rows explained on several threads give the same numbers as one thread: each row's generator is
 * split off in row order before any row runs.
 */
class ExplainerThreadsTest {
  /** A non-additive function: a logistic of a linear score plus an interaction. */
  private static ModelFunction function(boolean threadSafe) {
    return new ModelFunction() {
      @Override
      public int features() {
        return 6;
      }

      @Override
      public void evaluate(double[] rows, int n, double[] out) {
        for (int r = 0; r < n; r++) {
          double z = 0.3;
          for (int i = 0; i < 6; i++) {
            z += (i - 2.5) * rows[r * 6 + i];
          }
          z += 1.5 * rows[r * 6] * rows[r * 6 + 1];
          out[r] = 1 / (1 + Math.exp(-z));
        }
      }

      @Override
      public boolean threadSafe() {
        return threadSafe;
      }
    };
  }

  @Test
  void kernelShapOnSeveralThreadsEqualsOneThreadBitForBit() {
    SplittableRandom random = new SplittableRandom(3);
    double[] background = new double[20 * 6];
    double[] rows = new double[40 * 6];
    for (int k = 0; k < background.length; k++) {
      background[k] = random.nextGaussian();
    }
    for (int k = 0; k < rows.length; k++) {
      rows[k] = random.nextGaussian();
    }
    List<Explainer.RowAttribution> one =
        new Explainer(function(false), background)
            .explain(
                rows,
                0,
                Method.KERNEL,
                KernelShap.Settings.DEFAULTS,
                11,
                Progress.NONE,
                Cancellation.NONE);
    List<Explainer.RowAttribution> many =
        new Explainer(function(true), background)
            .explain(
                rows,
                0,
                Method.KERNEL,
                KernelShap.Settings.DEFAULTS,
                11,
                Progress.NONE,
                Cancellation.NONE);
    assertThat(many).hasSize(40);
    for (int r = 0; r < 40; r++) {
      assertThat(many.get(r).row()).isEqualTo(r);
      assertThat(many.get(r).attribution().phi()).isEqualTo(one.get(r).attribution().phi());
      assertThat(many.get(r).attribution().stdErrors())
          .isEqualTo(one.get(r).attribution().stdErrors());
    }
  }
}
