package dev.assay.core.explain;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Interventional TreeSHAP, exact: the Shapley values of {@code v(S) = mean_b g(x_S, b_notS)} for a
 * {@link TreeEnsemble}'s additive score g, computed tree by tree and background row by background
 * row without enumerating coalitions.
 *
 * <p>For one tree, one row x and one background row b, a leaf is reached by {@code (x_S, b_notS)}
 * exactly when S holds every feature A on the path where only x's value leads there and none of the
 * features B where only b's value does. That game {@code u(S) = w·[A ⊆ S, S ∩ B = ∅]} has Shapley
 * values {@code w (|A|−1)! |B|! / (|A|+|B|)!} for each feature of A and {@code −w |A|! (|B|−1)! /
 * (|A|+|B|)!} for each of B, and 0 elsewhere. One walk of the tree visits every leaf some coalition
 * reaches; a feature already in A (B) follows x's (b's) branch at its later splits.
 *
 * <p>The model's output in the requested space must be an affine function {@code a + c·g} of the
 * score (c = ±1 or ±1/trees): checked on the background and the explained rows through the model
 * itself (ONNX Runtime), else refused. So a forest's probability (post_transform NONE) and a
 * boosted classifier's log-odds (LOGISTIC) are exact; a boosted classifier's probability is not
 * additive.
 */
public final class TreeShap {
  private final TreeEnsemble trees;
  private final int m;
  private final byte[] side;
  private final double[] phi;

  /** Shapley weights {@code w(a, b) = a! b! / (a+b+1)!}, indexed {@code [a][b]}. */
  private final double[][] weight;

  public TreeShap(TreeEnsemble trees) {
    this.trees = trees;
    this.m = trees.features;
    this.side = new byte[m];
    this.phi = new double[m];
    this.weight = new double[m + 1][m + 1];
    for (int a = 0; a <= m; a++) {
      for (int b = 0; a + b < m + 1; b++) {
        // a! b! / (a + b + 1)! computed as a product to stay finite
        double w = 1.0 / (a + b + 1);
        for (int k = 1; k <= b; k++) {
          w *= (double) k / (a + k);
        }
        weight[a][b] = w;
      }
    }
  }

  /**
   * Adds the Shapley values of {@code g(x_S, b_notS)} to {@code out}, times {@code scale}.
   *
   * @param x the explained row
   * @param b one background row
   */
  public void addPair(double[] x, double[] b, double scale, double[] out) {
    java.util.Arrays.fill(phi, 0);
    for (int root : trees.roots) {
      walk(root, x, b, 0, 0);
    }
    for (int i = 0; i < m; i++) {
      out[i] += scale * phi[i];
    }
  }

  private void walk(int n, double[] x, double[] b, int inA, int inB) {
    if (trees.mode[n] == TreeEnsemble.LEAF) {
      double w = trees.leaf[n];
      if (w == 0 || inA + inB == 0) {
        return;
      }
      double plus = inA > 0 ? w * weight[inA - 1][inB] : 0;
      double minus = inB > 0 ? w * weight[inA][inB - 1] : 0;
      for (int i = 0; i < m; i++) {
        if (side[i] == 1) {
          phi[i] += plus;
        } else if (side[i] == 2) {
          phi[i] -= minus;
        }
      }
      return;
    }
    int f = trees.feature[n];
    int viaX = trees.goesYes(n, x[f]) ? trees.yes[n] : trees.no[n];
    int viaB = trees.goesYes(n, b[f]) ? trees.yes[n] : trees.no[n];
    if (side[f] == 1) {
      walk(viaX, x, b, inA, inB);
    } else if (side[f] == 2) {
      walk(viaB, x, b, inA, inB);
    } else if (viaX == viaB) {
      walk(viaX, x, b, inA, inB);
    } else {
      side[f] = 1;
      walk(viaX, x, b, inA + 1, inB);
      side[f] = 2;
      walk(viaB, x, b, inA, inB + 1);
      side[f] = 0;
    }
  }

  /**
   * Explains rows of {@code model} (whose features are the ensemble's input columns, in order).
   *
   * @throws AssayException when the model's output is not affine in the trees' score
   */
  public List<Explainer.RowAttribution> explain(
      ModelFunction model,
      double[] rows,
      int firstRow,
      double[] background,
      Progress progress,
      Cancellation cancel) {
    return explain(model, rows, firstRow, background, null, progress, cancel);
  }

  /**
   * As {@link #explain(ModelFunction, double[], int, double[], Progress, Cancellation)} against a
   * weighted background ({@code weights} one per row summing to 1, null for equal weights).
   */
  public List<Explainer.RowAttribution> explain(
      ModelFunction model,
      double[] rows,
      int firstRow,
      double[] background,
      double[] weights,
      Progress progress,
      Cancellation cancel) {
    int n = rows.length / m;
    int nb = background.length / m;
    double[] fx = new double[n];
    double[] fb = new double[nb];
    model.evaluate(rows, n, fx);
    model.evaluate(background, nb, fb);
    double c = slope(rows, fx, background, fb);
    double base = new BackgroundSet(background, weights, null).average(fb);
    List<Explainer.RowAttribution> result = new ArrayList<>(n);
    double[] x = new double[m];
    double[] b = new double[m];
    for (int r = 0; r < n; r++) {
      cancel.throwIfCancelled();
      System.arraycopy(rows, r * m, x, 0, m);
      double[] sum = new double[m];
      for (int k = 0; k < nb; k++) {
        System.arraycopy(background, k * m, b, 0, m);
        addPair(x, b, weights == null ? 1 : weights[k] * nb, sum);
      }
      for (int i = 0; i < m; i++) {
        sum[i] *= c / nb;
      }
      long evaluations = r == 0 ? n + nb : 0;
      result.add(
          new Explainer.RowAttribution(
              firstRow + r, new Attribution.Exact(sum, fx[r], base, evaluations)));
      progress.update(r + 1, n, "explained " + (r + 1) + " of " + n + " rows");
    }
    return result;
  }

  /**
   * The c of {@code f = a + c·g} over the given rows, c one of ±1, ±1/trees.
   *
   * @throws AssayException when no such c fits to float32 precision
   */
  double slope(double[] rows, double[] fx, double[] background, double[] fb) {
    int n = fx.length;
    int nb = fb.length;
    double[] g = new double[n + nb];
    double[] f = new double[n + nb];
    double[] x = new double[m];
    for (int k = 0; k < n + nb; k++) {
      if (k < n) {
        System.arraycopy(rows, k * m, x, 0, m);
        f[k] = fx[k];
      } else {
        System.arraycopy(background, (k - n) * m, x, 0, m);
        f[k] = fb[k - n];
      }
      g[k] = trees.score(x);
    }
    double scale = 0;
    for (double v : f) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tolerance = 1e-4 * Math.max(1, scale);
    double best = Double.POSITIVE_INFINITY;
    double bestC = 1;
    int t = trees.trees();
    for (double c : new double[] {1, -1, 1.0 / t, -1.0 / t}) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < g.length; k++) {
        double a = f[k] - c * g[k];
        lo = Math.min(lo, a);
        hi = Math.max(hi, a);
      }
      if (hi - lo < best) {
        best = hi - lo;
        bestC = c;
      }
    }
    if (best > tolerance) {
      throw new AssayException(
          "the model's output in this space is not a sum over its trees ("
              + trees.opType()
              + ", post_transform "
              + trees.postTransform()
              + "): "
              + (trees.postTransform().equals("LOGISTIC")
                  ? "explain the log-odds (--output logit), or use --method exact or kernel"
                  : "use --method exact or kernel"));
    }
    return bestC;
  }
}
