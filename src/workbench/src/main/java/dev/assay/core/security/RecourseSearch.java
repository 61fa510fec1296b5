package dev.assay.core.security;

import dev.assay.core.explain.ModelFunction;
import dev.assay.core.inference.Binding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Recourse: counterfactual rows for rows on the adverse side of a decision, under the robustness
 * attacks' constraints ({@link AttackSpace}): only numeric features that are not immutable, not
 * categorical (integers with at most 10 values) and not text move; whole-number features stay whole
 * and every value stays inside the range observed in the data. Candidates come from a line search
 * along each movable feature alone (both ways, to the edge of its range) and along the model's
 * finite-difference gradient in standard-deviation units, each crossing refined by bisection; every
 * candidate is then re-scored through the model and kept only if it crosses the decision. Nearest
 * first by L-infinity distance in standard deviations (as the robustness report measures), then by
 * the number of features changed.
 *
 * <p>Categorical features (whole numbers with at most 10 values) that are not immutable may swap to
 * another category seen in the data: each single swap is tried alone and as the start of a search
 * along the gradient. A counterfactual's distance is the L-infinity distance of its numeric changes
 * plus 1 for each changed category. With a margin M, a counterfactual must clear the threshold by
 * at least M in the model's output (a crossing by a float32 rounding step is not kept).
 */
public final class RecourseSearch {
  private static final int GRID = 24;
  private static final int BISECTIONS = 20;

  /** One changed feature. */
  public record Change(String feature, double from, double to) {}

  /** A counterfactual that crossed the decision when re-scored. */
  public record Counterfactual(double distance, double prediction, List<Change> changes) {}

  /** A row's recourse. */
  public record RowRecourse(int row, double prediction, List<Counterfactual> counterfactuals) {}

  private final ModelFunction model;
  private final AttackSpace space;
  private final double threshold;
  private final boolean adverseHigher;
  private final double margin;
  private final int[] swappable;
  private final double[][] categories;

  /**
   * @param data the dataset whose rows give each feature's range, spread and whole-number-ness
   * @param binding the model's bound columns (the order of {@code model}'s features)
   * @param threshold the decision: a row is adverse when its output is at or above it ({@code
   *     adverseHigher}) or at or below it
   * @param margin how far past the threshold a counterfactual's output must be (0: any crossing)
   * @param swapCategories whether categorical features that are not immutable may change category
   */
  public RecourseSearch(
      ModelFunction model,
      Path data,
      Binding binding,
      Collection<String> immutable,
      double threshold,
      boolean adverseHigher,
      double margin,
      boolean swapCategories) {
    this.model = model;
    SampleTable sample = SampleTable.read(data, binding, 1_000_000);
    this.space = new AttackSpace(sample, immutable);
    this.threshold = threshold;
    this.adverseHigher = adverseHigher;
    this.margin = margin;
    int[] chosen = new int[sample.columns.size()];
    double[][] values = new double[sample.columns.size()][];
    int c = 0;
    for (int j = 0; j < sample.columns.size() && swapCategories; j++) {
      if (sample.categorical[j] && !sample.text[j] && !immutable.contains(sample.columns.get(j))) {
        TreeSet<Double> seen = new TreeSet<>();
        for (double[] row : sample.values) {
          if (Double.isFinite(row[j])) {
            seen.add(row[j]);
          }
        }
        if (seen.size() > 1) {
          values[c] = seen.stream().mapToDouble(Double::doubleValue).toArray();
          chosen[c++] = j;
        }
      }
    }
    this.swappable = Arrays.copyOf(chosen, c);
    this.categories = Arrays.copyOf(values, c);
  }

  /** The categorical features a counterfactual may swap to another category seen in the data. */
  public List<String> swappable() {
    List<String> names = new ArrayList<>();
    for (int j : swappable) {
      names.add(space.sample().columns.get(j));
    }
    return names;
  }

  /** Whether an output clears the decision on the favourable side by at least the margin. */
  public boolean favourable(double output) {
    return adverseHigher
        ? output < threshold && threshold - output >= margin
        : output > threshold && output - threshold >= margin;
  }

  /** The features the search may move. */
  public List<String> movable() {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < space.dimensions(); k++) {
      names.add(space.sample().columns.get(space.column(k)));
    }
    return names;
  }

  /** Whether an output is on the adverse side. */
  public boolean adverse(double output) {
    return adverseHigher ? output >= threshold : output <= threshold;
  }

  /**
   * Up to {@code count} counterfactuals for each adverse row of {@code rows} (row-major); rows not
   * on the adverse side are left out.
   */
  public List<RowRecourse> search(double[] rows, int firstRow, int count) {
    int m = model.features();
    int n = rows.length / m;
    double[] f = new double[n];
    model.evaluate(rows, n, f);
    List<RowRecourse> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (!adverse(f[r])) {
        continue;
      }
      double[] x0 = Arrays.copyOfRange(rows, r * m, (r + 1) * m);
      out.add(new RowRecourse(firstRow + r, f[r], counterfactuals(x0, count)));
    }
    return out;
  }

  private List<Counterfactual> counterfactuals(double[] x0, int count) {
    List<double[]> candidates = numericCandidates(x0, true);
    for (int c = 0; c < swappable.length; c++) {
      int j = swappable[c];
      for (double v : categories[c]) {
        if (Double.isNaN(x0[j]) || v == x0[j]) {
          continue;
        }
        double[] swapped = x0.clone();
        swapped[j] = v;
        candidates.add(swapped);
        candidates.addAll(numericCandidates(swapped, false));
      }
    }
    return keep(x0, candidates, count);
  }

  /**
   * Line-search candidates from {@code x0}: along each movable feature alone (when {@code axes})
   * and along the gradient.
   */
  private List<double[]> numericCandidates(double[] x0, boolean axes) {
    int d = space.dimensions();
    List<double[]> directions = new ArrayList<>();
    for (int k = 0; k < d && axes; k++) {
      for (int sign = -1; sign <= 1; sign += 2) {
        double[] z = new double[d];
        z[k] = sign;
        directions.add(z);
      }
    }
    double[] gradient = gradient(x0);
    if (gradient != null) {
      directions.add(gradient);
    }
    List<double[]> candidates = new ArrayList<>();
    for (double[] direction : directions) {
      double[] found = lineSearch(x0, direction);
      if (found != null) {
        candidates.add(found);
      }
    }
    return candidates;
  }

  private List<Counterfactual> keep(double[] x0, List<double[]> candidates, int count) {
    // re-score every candidate and keep those that cross
    int m = x0.length;
    double[] batch = new double[candidates.size() * m];
    for (int c = 0; c < candidates.size(); c++) {
      System.arraycopy(candidates.get(c), 0, batch, c * m, m);
    }
    double[] scores = new double[candidates.size()];
    if (!candidates.isEmpty()) {
      model.evaluate(batch, candidates.size(), scores);
    }
    List<Counterfactual> kept = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      if (!favourable(scores[c])) {
        continue;
      }
      double[] x = candidates.get(c);
      String key = Arrays.toString(x);
      if (seen.contains(key)) {
        continue;
      }
      seen.add(key);
      List<Change> changes = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        if (Double.compare(x[j], x0[j]) != 0) {
          changes.add(new Change(space.sample().columns.get(j), x0[j], x[j]));
        }
      }
      kept.add(new Counterfactual(distance(x0, x), scores[c], changes));
    }
    kept.sort(
        Comparator.comparingDouble(Counterfactual::distance)
            .thenComparingInt(c -> c.changes().size()));
    return kept.subList(0, Math.min(count, kept.size()));
  }

  /**
   * L-infinity distance in standard deviations over the features that are not swappable categories,
   * plus 1 for each changed category.
   */
  private double distance(double[] x0, double[] x) {
    double[] numeric = x.clone();
    int swaps = 0;
    for (int j : swappable) {
      if (Double.compare(x[j], x0[j]) != 0) {
        swaps++;
        numeric[j] = x0[j];
      }
    }
    return space.distance(x0, numeric) + swaps;
  }

  /**
   * The output's slope per standard deviation of each movable feature, toward the favourable side.
   */
  private double[] gradient(double[] x0) {
    int d = space.dimensions();
    if (d == 0) {
      return null;
    }
    int m = x0.length;
    double h = 0.05;
    double[] probes = new double[2 * d * m];
    for (int k = 0; k < d; k++) {
      for (int s = 0; s < 2; s++) {
        double[] z = new double[d];
        z[k] = s == 0 ? h : -h;
        double[] x = x0.clone();
        int j = space.column(k);
        x[j] = x0[j] + z[k] * space.sample().std[j]; // unrounded: a slope, not a row
        System.arraycopy(x, 0, probes, (2 * k + s) * m, m);
      }
    }
    double[] g = new double[2 * d];
    model.evaluate(probes, 2 * d, g);
    double[] direction = new double[d];
    double norm = 0;
    for (int k = 0; k < d; k++) {
      direction[k] = (g[2 * k] - g[2 * k + 1]) / (2 * h) * (adverseHigher ? -1 : 1);
      norm = Math.max(norm, Math.abs(direction[k]));
    }
    if (norm == 0) {
      return null;
    }
    for (int k = 0; k < d; k++) {
      direction[k] /= norm;
    }
    return direction;
  }

  /**
   * The nearest row along {@code direction} (in standard deviations) that crosses, inside the
   * range; null when the whole segment to the range's edge stays adverse.
   */
  private double[] lineSearch(double[] x0, double[] direction) {
    double reach = Double.POSITIVE_INFINITY;
    for (int k = 0; k < direction.length; k++) {
      if (direction[k] > 0) {
        reach = Math.min(reach, space.upper(x0, k) / direction[k]);
      } else if (direction[k] < 0) {
        reach = Math.min(reach, space.lower(x0, k) / direction[k]);
      }
    }
    if (!(reach > 0) || Double.isInfinite(reach)) {
      return null;
    }
    int m = x0.length;
    double[] batch = new double[GRID * m];
    for (int g = 0; g < GRID; g++) {
      System.arraycopy(at(x0, direction, reach * (g + 1) / GRID), 0, batch, g * m, m);
    }
    double[] out = new double[GRID];
    model.evaluate(batch, GRID, out);
    int first = -1;
    for (int g = 0; g < GRID && first < 0; g++) {
      if (favourable(out[g])) {
        first = g;
      }
    }
    if (first < 0) {
      return null;
    }
    double lo = reach * first / GRID;
    double hi = reach * (first + 1) / GRID;
    double[] best = at(x0, direction, hi);
    double[] one = new double[1];
    for (int b = 0; b < BISECTIONS; b++) {
      double mid = (lo + hi) / 2;
      double[] x = at(x0, direction, mid);
      model.evaluate(x, 1, one);
      if (!favourable(one[0])) {
        lo = mid;
      } else {
        hi = mid;
        best = x;
      }
    }
    return best;
  }

  private double[] at(double[] x0, double[] direction, double t) {
    double[] z = new double[direction.length];
    for (int k = 0; k < z.length; k++) {
      z[k] = direction[k] * t;
    }
    space.clipToRange(x0, z);
    return space.point(x0, z);
  }
}
