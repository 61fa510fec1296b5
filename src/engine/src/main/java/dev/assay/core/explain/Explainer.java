package dev.assay.core.explain;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Explains rows of a {@link ModelFunction} against a background, by one {@link Method} (resolved,
 * not {@link Method#AUTO}).
 */
public final class Explainer {
  /** One explained row: its 0-based index in the data and its attributions. */
  public record RowAttribution(int row, Attribution attribution) {}

  private final ModelFunction model;
  private final double[] background;

  /**
   * @param background background rows, row-major
   * @throws IllegalArgumentException when the background is empty or ragged
   */
  public Explainer(ModelFunction model, double[] background) {
    if (background.length == 0 || background.length % model.features() != 0) {
      throw new IllegalArgumentException("a non-empty background is needed");
    }
    this.model = model;
    this.background = background;
  }

  /**
   * The method {@link Method#AUTO} stands for: the closed form for log-odds of a linear model,
   * exact enumeration up to {@link ExactShapley#MAX_FEATURES} features, else KernelSHAP.
   */
  public static Method resolve(Method requested, boolean linearLogit, int features) {
    return resolve(requested, linearLogit, false, features);
  }

  /**
   * As {@link #resolve(Method, boolean, int)}, with interventional TreeSHAP first when {@code
   * additiveTrees} (a tree ensemble whose output in the requested space sums over its trees).
   */
  public static Method resolve(
      Method requested, boolean linearLogit, boolean additiveTrees, int features) {
    if (requested != Method.AUTO) {
      return requested;
    }
    if (additiveTrees) {
      return Method.TREE;
    }
    if (linearLogit) {
      return Method.LINEAR;
    }
    return features <= ExactShapley.MAX_FEATURES ? Method.EXACT : Method.KERNEL;
  }

  /**
   * Explains {@code rows} (row-major; their 0-based indices start at {@code firstRow}).
   *
   * @param method EXACT, KERNEL or LINEAR (LINEAR needs the model in log-odds space)
   * @throws IllegalArgumentException for AUTO or TREE (see {@link TreeShap})
   * @throws Cancellation.CancelledException when cancelled between rows
   */
  public List<RowAttribution> explain(
      double[] rows,
      int firstRow,
      Method method,
      KernelShap.Settings settings,
      long seed,
      Progress progress,
      Cancellation cancel) {
    int m = model.features();
    int n = rows.length / m;
    List<RowAttribution> result = new ArrayList<>(n);
    if (method == Method.LINEAR) {
      LinearLogit linear = LinearLogit.fit(model, background);
      double[] predictions = new double[n];
      model.evaluate(rows, n, predictions);
      for (int r = 0; r < n; r++) {
        double[] x = new double[m];
        System.arraycopy(rows, r * m, x, 0, m);
        result.add(new RowAttribution(firstRow + r, linear.explain(x, predictions[r])));
      }
      progress.update(n, n, "explained " + n + " rows");
      return result;
    }
    if (method == Method.AUTO || method == Method.TREE) {
      throw new IllegalArgumentException("resolve AUTO first; TREE runs through TreeShap");
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int r = 0; r < n; r++) {
      cancel.throwIfCancelled();
      double[] x = new double[m];
      System.arraycopy(rows, r * m, x, 0, m);
      CoalitionGame game = new CoalitionGame(model, x, background);
      SplittableRandom rowRandom = random.split();
      Attribution a =
          method == Method.EXACT
              ? ExactShapley.explain(game)
              : KernelShap.explain(game, settings, rowRandom);
      result.add(new RowAttribution(firstRow + r, a));
      progress.update(r + 1, n, "explained " + (r + 1) + " of " + n + " rows");
    }
    return result;
  }

  /** Mean |φ_i| over the explained rows. */
  public static double[] meanAbs(List<RowAttribution> rows, int features) {
    double[] mean = new double[features];
    for (RowAttribution row : rows) {
      double[] phi = row.attribution().phi();
      for (int i = 0; i < features; i++) {
        mean[i] += Math.abs(phi[i]);
      }
    }
    for (int i = 0; i < features; i++) {
      mean[i] /= Math.max(1, rows.size());
    }
    return mean;
  }
}
