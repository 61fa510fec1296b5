package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.testing.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weighted (k-means) and stratified backgrounds: the weighted value function {@code v(S) = Σ_b w_b
 * f(x_S, b_notS)} against brute force over all orderings, against the same background with each
 * centre repeated by its cluster's size, and class shares kept by stratification.
 */
class WeightedBackgroundTest {
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
      out[k] = r.nextGaussian() + (k / m % 3) * 2;
    }
    return out;
  }

  private static List<Explainer.RowAttribution> exact(
      ModelFunction f, double[] background, double[] weights, double[] rows) {
    return new Explainer(f, background, weights, null)
        .explain(
            rows,
            0,
            Method.EXACT,
            KernelShap.Settings.DEFAULTS,
            1,
            Progress.NONE,
            Cancellation.NONE);
  }

  /** Shapley values by the mean marginal contribution over all M! orderings. */
  private static double[] bruteForce(ModelFunction f, double[] x, double[] bg, double[] w) {
    int m = x.length;
    int nb = bg.length / m;
    Map<Integer, Double> v = new HashMap<>();
    for (int mask = 0; mask < 1 << m; mask++) {
      double[] batch = bg.clone();
      for (int b = 0; b < nb; b++) {
        for (int i = 0; i < m; i++) {
          if ((mask >> i & 1) == 1) {
            batch[b * m + i] = x[i];
          }
        }
      }
      double[] out = new double[nb];
      f.evaluate(batch, nb, out);
      double s = 0;
      for (int b = 0; b < nb; b++) {
        s += w[b] * out[b];
      }
      v.put(mask, s);
    }
    double[] phi = new double[m];
    List<int[]> orders = new ArrayList<>();
    permutations(new int[m], 0, new boolean[m], orders);
    for (int[] order : orders) {
      int mask = 0;
      for (int i : order) {
        phi[i] += (v.get(mask | 1 << i) - v.get(mask)) / orders.size();
        mask |= 1 << i;
      }
    }
    return phi;
  }

  private static void permutations(int[] prefix, int k, boolean[] used, List<int[]> out) {
    if (k == prefix.length) {
      out.add(prefix.clone());
      return;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (!used[i]) {
        used[i] = true;
        prefix[k] = i;
        permutations(prefix, k + 1, used, out);
        used[i] = false;
      }
    }
  }

  @Test
  void aKMeansBackgroundIsWeightedByClusterSharesAndGivesBruteForceShapleyValues()
      throws Exception {
    int m = 6;
    Path file = TestModels.write(dir.resolve("mlp.onnx"), ExplainTestModels.mlp(m, 16, 3, 4));
    double[] data = random(300, m, 11);
    BackgroundSet summary = KMeansSummary.of(data, m, 8, 42);
    int centres = summary.rows(m);
    assertThat(centres).isBetween(2, 8);
    double sum = 0;
    for (double w : summary.weights()) {
      assertThat(w * 300).isCloseTo(Math.rint(w * 300), within(1e-9)).isPositive();
      sum += w;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    // SHAP's round_values: each centre's value in a feature is one the data takes there
    for (int c = 0; c < centres; c++) {
      for (int i = 0; i < m; i++) {
        double value = summary.values()[c * m + i];
        boolean found = false;
        for (int r = 0; r < 300 && !found; r++) {
          found = data[r * m + i] == value;
        }
        assertThat(found).isTrue();
      }
    }
    assertThat(KMeansSummary.of(data, m, 8, 42).sha256()).isEqualTo(summary.sha256());
    // each centre repeated by its cluster's size, with equal weights: the same value function
    List<Double> repeated = new ArrayList<>();
    for (int c = 0; c < centres; c++) {
      long copies = Math.round(summary.weights()[c] * 300);
      for (long k = 0; k < copies; k++) {
        for (int i = 0; i < m; i++) {
          repeated.add(summary.values()[c * m + i]);
        }
      }
    }
    double[] expanded = repeated.stream().mapToDouble(Double::doubleValue).toArray();
    double[] rows = random(3, m, 5);
    for (OutputSpace space : List.of(OutputSpace.PROBABILITY, OutputSpace.LOGIT)) {
      try (OnnxModelFunction f =
          ExplainTestModels.open(runtime, file, "x", ExplainTestModels.columns(m), space)) {
        List<Explainer.RowAttribution> weighted =
            exact(f, summary.values(), summary.weights(), rows);
        List<Explainer.RowAttribution> plain = exact(f, expanded, null, rows);
        for (int r = 0; r < rows.length / m; r++) {
          Attribution a = weighted.get(r).attribution();
          assertThat(a.efficiencyError()).as("%s row %d", space, r).isLessThanOrEqualTo(1e-6);
          double[] x = java.util.Arrays.copyOfRange(rows, r * m, (r + 1) * m);
          double[] brute = bruteForce(f, x, summary.values(), summary.weights());
          for (int i = 0; i < m; i++) {
            assertThat(a.phi()[i])
                .as("brute %s %d %d", space, r, i)
                .isCloseTo(brute[i], within(1e-9));
            assertThat(a.phi()[i])
                .as("repeated %s %d %d", space, r, i)
                .isCloseTo(plain.get(r).attribution().phi()[i], within(1e-9));
          }
          assertThat(a.phi()[4]).isEqualTo(0.0); // the model ignores input 4
          assertThat(a.baseValue()).isCloseTo(plain.get(r).attribution().baseValue(), within(1e-9));
        }
        // KernelSHAP uses the same weighted game: efficiency holds exactly
        List<Explainer.RowAttribution> kernel =
            new Explainer(f, summary.values(), summary.weights(), null)
                .explain(
                    rows,
                    0,
                    Method.KERNEL,
                    KernelShap.Settings.DEFAULTS,
                    3,
                    Progress.NONE,
                    Cancellation.NONE);
        for (Explainer.RowAttribution row : kernel) {
          assertThat(row.attribution().efficiencyError()).isLessThanOrEqualTo(1e-6);
        }
      }
    }
  }

  @Test
  void treeShapAgainstAWeightedBackgroundEqualsExactEnumerationWithTheSameWeights()
      throws Exception {
    List<String> features = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      features.add("x" + i);
    }
    String[] why = new String[1];
    TreeEnsemble trees =
        TreeEnsemble.find(TreeShapGoldenTest.model("rf_regressor"), features.size(), 1, why);
    assertThat(trees).as(why[0]).isNotNull();
    double[] data = random(200, 6, 21);
    BackgroundSet summary = KMeansSummary.of(data, 6, 10, 1);
    double[] rows = random(4, 6, 22);
    TreeShapGoldenTest.load();
    try (OnnxModelFunction f = TreeShapGoldenTest.open("rf_regressor", OutputSpace.VALUE)) {
      List<Explainer.RowAttribution> tree =
          new TreeShap(trees)
              .explain(
                  f,
                  rows,
                  0,
                  summary.values(),
                  summary.weights(),
                  Progress.NONE,
                  Cancellation.NONE);
      List<Explainer.RowAttribution> exact = exact(f, summary.values(), summary.weights(), rows);
      for (int r = 0; r < 4; r++) {
        Attribution a = tree.get(r).attribution();
        assertThat(a.efficiencyError()).isLessThanOrEqualTo(1e-6);
        // Both base values average the model's float32 outputs over the background, but TreeSHAP
        // scores the 10 background rows in one batch and exact enumeration scores them among its
        // coalitions' rows: ONNX Runtime's tree ensemble may sum a row's trees in another order
        // for another batch shape, which moves a float32 output by an ulp (3e-8 at 0.28; seen on
        // an AVX-512 machine). 1e-6 is the float32 precision the phi below are held to.
        assertThat(a.baseValue()).isCloseTo(exact.get(r).attribution().baseValue(), within(1e-6));
        for (int i = 0; i < 6; i++) {
          assertThat(a.phi()[i])
              .as("row %d feature %d", r, i)
              .isCloseTo(exact.get(r).attribution().phi()[i], within(1e-6));
        }
      }
    }
  }

  @Test
  void aStratifiedBackgroundKeepsEachClassesShare() {
    int n = 1000;
    int m = 2;
    double[] data = random(n, m, 3);
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      labels.add(r % 10 < 7 ? "approve" : r % 10 < 9 ? "deny" : "withdrawn");
    }
    BackgroundSet set = BackgroundSet.stratified(data, m, labels, "decision", 55, 9);
    // shares 0.7, 0.2, 0.1 of 55 = 38.5, 11, 5.5: largest remainders give the half to the first
    assertThat(set.summary().strata())
        .containsExactly(
            Map.entry("approve", 39), Map.entry("deny", 11), Map.entry("withdrawn", 5));
    assertThat(set.rows(m)).isEqualTo(55);
    Map<String, Integer> drawn = new HashMap<>();
    for (int k = 0; k < 55; k++) {
      int row = -1;
      for (int r = 0; r < n; r++) {
        if (data[r * m] == set.values()[k * m] && data[r * m + 1] == set.values()[k * m + 1]) {
          row = r;
        }
      }
      assertThat(row).as("background row %d is a data row", k).isNotNegative();
      drawn.merge(labels.get(row), 1, Integer::sum);
    }
    assertThat(drawn).containsEntry("approve", 39).containsEntry("deny", 11);
    assertThat(drawn).containsEntry("withdrawn", 5);
    assertThat(BackgroundSet.stratified(data, m, labels, "decision", 55, 9).sha256())
        .isEqualTo(set.sha256());
  }
}
