package dev.assay.core.explain;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2; SHAP's {@code
 * feature_perturbation="tree_path_dependent"}): the Shapley values of the game {@code v(S) = E[g(x)
 * | x_S]} where the expectation follows the trees' own node covers: at a split on a feature in S
 * the row's branch is taken, otherwise both branches, weighted by the share of the node's cover
 * each child holds. The base value is {@code E[g]}, the cover-weighted mean leaf value.
 *
 * <p>Covers come from the graph's {@code nodes_hitrates} when the exporter wrote them, or are
 * counted by passing a reference dataset through the trees ({@link #countCovers}). Polynomial time:
 * one walk of each tree per explained row, no coalition enumeration.
 */
public final class PathTreeShap {
  private final TreeEnsemble trees;
  private final double[] cover;
  private final String coverSource;
  private final int m;
  private final int depth;

  /**
   * @param cover one cover per node (the ensemble's node order); an internal node's cover must be
   *     the sum of its children's
   * @param coverSource where the covers came from, for the report
   */
  public PathTreeShap(TreeEnsemble trees, double[] cover, String coverSource) {
    if (cover.length != trees.mode.length) {
      throw new IllegalArgumentException("one cover per node is needed");
    }
    for (int t = 0; t < trees.roots.length; t++) {
      int empty = emptyNode(trees, cover, trees.roots[t]);
      if (empty >= 0) {
        throw new AssayException(
            "the covers ("
                + coverSource
                + ") give node "
                + empty
                + " of tree "
                + t
                + " none: the reference reaches no row into it, so E[f | x_S] is undefined there;"
                + " count the covers over a larger reference set such as the training data");
      }
    }
    this.trees = trees;
    this.cover = cover.clone();
    this.coverSource = coverSource;
    this.m = trees.features;
    int deepest = 0;
    for (int root : trees.roots) {
      deepest = Math.max(deepest, depth(root));
    }
    this.depth = deepest + 2;
  }

  /**
   * The ensemble's own covers ({@code nodes_hitrates}), or null (with the reason in {@code why[0]})
   * when the graph has none or they are not covers (an internal node's must equal the sum of its
   * children's).
   */
  public static PathTreeShap fromGraph(TreeEnsemble trees, String[] why) {
    double[] h = trees.hitrates;
    if (h == null) {
      why[0] = "the graph has no nodes_hitrates (exporters such as skl2onnx do not write them)";
      return null;
    }
    for (int n = 0; n < h.length; n++) {
      if (trees.mode[n] != TreeEnsemble.LEAF
          && Math.abs(h[n] - h[trees.yes[n]] - h[trees.no[n]]) > 1e-6 * Math.max(1, h[n])) {
        why[0] = "the graph's nodes_hitrates are not covers (a node's is not its children's sum)";
        return null;
      }
    }
    return new PathTreeShap(trees, h, "the graph's nodes_hitrates");
  }

  /**
   * Counts each node's cover as the number of reference rows (row-major) that reach it.
   *
   * @throws AssayException when the reference set reaches no leaf of some tree
   */
  public static PathTreeShap countCovers(TreeEnsemble trees, double[] reference) {
    int m = trees.features;
    double[] cover = new double[trees.mode.length];
    double[] x = new double[m];
    for (int r = 0; r < reference.length / m; r++) {
      System.arraycopy(reference, r * m, x, 0, m);
      for (int root : trees.roots) {
        int n = root;
        cover[n]++;
        while (trees.mode[n] != TreeEnsemble.LEAF) {
          n = trees.goesYes(n, x[trees.feature[n]]) ? trees.yes[n] : trees.no[n];
          cover[n]++;
        }
      }
    }
    return new PathTreeShap(
        trees, cover, "counted from " + reference.length / m + " reference rows");
  }

  /** Where the covers came from. */
  public String coverSource() {
    return coverSource;
  }

  /** The first node under n whose cover is not positive, or -1. */
  private static int emptyNode(TreeEnsemble trees, double[] cover, int n) {
    if (!(cover[n] > 0)) {
      return n;
    }
    if (trees.mode[n] == TreeEnsemble.LEAF) {
      return -1;
    }
    int yes = emptyNode(trees, cover, trees.yes[n]);
    return yes >= 0 ? yes : emptyNode(trees, cover, trees.no[n]);
  }

  private int depth(int n) {
    return trees.mode[n] == TreeEnsemble.LEAF
        ? 0
        : 1 + Math.max(depth(trees.yes[n]), depth(trees.no[n]));
  }

  /** {@code E[g]}: the cover-weighted mean of each tree's leaves, summed over the trees. */
  public double expectedScore() {
    double sum = 0;
    for (int root : trees.roots) {
      sum += expectation(root);
    }
    return sum;
  }

  private double expectation(int n) {
    if (trees.mode[n] == TreeEnsemble.LEAF) {
      return trees.leaf[n];
    }
    int y = trees.yes[n];
    int f = trees.no[n];
    return (cover[y] * expectation(y) + cover[f] * expectation(f)) / cover[n];
  }

  /** The path-dependent Shapley values of the score g at x (one per feature). */
  public double[] shap(double[] x) {
    double[] phi = new double[m];
    // one path buffer per depth level: features, zero and one fractions, weights
    int size = depth * (depth + 1) / 2 + depth + 1;
    int[] d = new int[size];
    double[] z = new double[size];
    double[] o = new double[size];
    double[] w = new double[size];
    for (int root : trees.roots) {
      recurse(root, x, phi, d, z, o, w, 0, 0, 1, 1, -1);
    }
    return phi;
  }

  /**
   * Algorithm 2: the path so far is held at {@code at .. at+len−1} of the buffers; the callee
   * copies it to {@code at+len} before extending, so a caller's path survives its children.
   */
  private void recurse(
      int n,
      double[] x,
      double[] phi,
      int[] d,
      double[] z,
      double[] o,
      double[] w,
      int at,
      int len,
      double pz,
      double po,
      int pi) {
    int next = at + len;
    System.arraycopy(d, at, d, next, len);
    System.arraycopy(z, at, z, next, len);
    System.arraycopy(o, at, o, next, len);
    System.arraycopy(w, at, w, next, len);
    at = next;
    // extend
    d[at + len] = pi;
    z[at + len] = pz;
    o[at + len] = po;
    w[at + len] = len == 0 ? 1 : 0;
    for (int i = len - 1; i >= 0; i--) {
      w[at + i + 1] += po * w[at + i] * (i + 1) / (len + 1);
      w[at + i] = pz * w[at + i] * (len - i) / (len + 1);
    }
    len++;
    if (trees.mode[n] == TreeEnsemble.LEAF) {
      double value = trees.leaf[n];
      for (int i = 1; i < len; i++) {
        double sum = unwoundSum(z, o, w, at, len, i);
        phi[d[at + i]] += sum * (o[at + i] - z[at + i]) * value;
      }
      return;
    }
    int f = trees.feature[n];
    boolean yes = trees.goesYes(n, x[f]);
    int hot = yes ? trees.yes[n] : trees.no[n];
    int cold = yes ? trees.no[n] : trees.yes[n];
    double iz = 1;
    double io = 1;
    for (int k = 1; k < len; k++) {
      if (d[at + k] == f) {
        iz = z[at + k];
        io = o[at + k];
        unwind(d, z, o, w, at, len, k);
        len--;
        break;
      }
    }
    recurse(hot, x, phi, d, z, o, w, at, len, iz * cover[hot] / cover[n], io, f);
    recurse(cold, x, phi, d, z, o, w, at, len, iz * cover[cold] / cover[n], 0, f);
  }

  /** Removes element i from the path (weights undone; features and fractions shifted down). */
  private static void unwind(int[] d, double[] z, double[] o, double[] w, int at, int len, int i) {
    int l = len - 1;
    double one = o[at + i];
    double zero = z[at + i];
    double carry = w[at + l];
    for (int j = l - 1; j >= 0; j--) {
      if (one != 0) {
        double t = w[at + j];
        w[at + j] = carry * (l + 1) / ((j + 1) * one);
        carry = t - w[at + j] * zero * (l - j) / (l + 1);
      } else {
        w[at + j] = w[at + j] * (l + 1) / (zero * (l - j));
      }
    }
    for (int j = i; j < l; j++) {
      d[at + j] = d[at + j + 1];
      z[at + j] = z[at + j + 1];
      o[at + j] = o[at + j + 1];
    }
  }

  /** The total weight of the path with element i removed, without changing it. */
  private static double unwoundSum(double[] z, double[] o, double[] w, int at, int len, int i) {
    int l = len - 1;
    double one = o[at + i];
    double zero = z[at + i];
    double carry = w[at + l];
    double total = 0;
    for (int j = l - 1; j >= 0; j--) {
      if (one != 0) {
        double t = carry * (l + 1) / ((j + 1) * one);
        total += t;
        carry = w[at + j] - t * zero * (l - j) / (l + 1);
      } else {
        total += w[at + j] * (l + 1) / (zero * (l - j));
      }
    }
    return total;
  }

  /**
   * Explains rows of {@code model} (features = the ensemble's input columns, in order). The model's
   * output must be affine in the trees' score (checked as {@link TreeShap} checks it, on the
   * background and the rows); the base value is the output at {@code E[g]}.
   *
   * @throws AssayException when the output is not affine in the score
   */
  public List<Explainer.RowAttribution> explain(
      ModelFunction model,
      double[] rows,
      int firstRow,
      double[] background,
      Progress progress,
      Cancellation cancel) {
    int n = rows.length / m;
    int nb = background.length / m;
    double[] fx = new double[n];
    double[] fb = new double[nb];
    model.evaluate(rows, n, fx);
    model.evaluate(background, nb, fb);
    double c = new TreeShap(trees).slope(rows, fx, background, fb);
    // f = a + c·g: a from the background (mean over its rows), the base value at E[g]
    double a = 0;
    double[] x = new double[m];
    for (int k = 0; k < nb; k++) {
      System.arraycopy(background, k * m, x, 0, m);
      a += fb[k] - c * trees.score(x);
    }
    double base = a / nb + c * expectedScore();
    List<Explainer.RowAttribution> result = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      cancel.throwIfCancelled();
      System.arraycopy(rows, r * m, x, 0, m);
      double[] phi = shap(x);
      for (int i = 0; i < m; i++) {
        phi[i] *= c;
      }
      result.add(
          new Explainer.RowAttribution(
              firstRow + r, new Attribution.Exact(phi, fx[r], base, r == 0 ? n + nb : 0)));
      progress.update(r + 1, n, "explained " + (r + 1) + " of " + n + " rows");
    }
    return result;
  }
}
