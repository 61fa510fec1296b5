package dev.assay.core.explain;

import dev.assay.core.AssayException;
import dev.assay.core.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The background rows B of an explanation and their weights: the value function is {@code v(S) =
 * Σ_b w_b f(x_S, b_notS)} with {@code Σ w_b = 1} (equal weights unless a k-means summary gives each
 * centre its cluster's share of the rows, as SHAP's {@code shap.kmeans}).
 *
 * @param values the rows, row-major
 * @param weights one per row, summing to 1; null for equal weights
 * @param summary how the rows were chosen, for the report
 * @param dataRows the 0-based data rows the background holds, in order; null when its rows are not
 *     rows of the data (a k-means summary, a dataset)
 */
public record BackgroundSet(double[] values, double[] weights, Summary summary, int[] dataRows) {
  /** How a background is built. */
  public enum Mode {
    /** N rows of the data drawn with the seed. */
    RANDOM("random"),
    /** SHAP's weighted k-means summary of the data. */
    KMEANS("kmeans"),
    /** N rows drawn with the seed within each class or group, in proportion to its share. */
    STRATIFIED("stratified"),
    /**
     * Regulation B's "just above the cutoff": the N rows on the favourable side of the decision
     * whose outputs are nearest the threshold.
     */
    CUTOFF("cutoff"),
    /** Exactly the rows of a dataset. */
    DATASET("dataset");

    private final String id;

    Mode(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** The mode named {@code text} (random, kmeans, stratified, cutoff), or null. */
    public static Mode of(String text) {
      for (Mode m : values()) {
        if (m != DATASET && m.id.equalsIgnoreCase(text)) {
          return m;
        }
      }
      return null;
    }
  }

  /**
   * @param sha256 of the values as little-endian float64, row-major, followed by the weights when
   *     there are any
   * @param stratifiedBy the column whose shares were kept, or null
   * @param strata rows drawn per class or group (in the data's order of first appearance), or null
   * @param dataRows the 0-based data rows of the background, or null (see {@link #dataRows()})
   */
  public record Summary(
      Mode mode,
      int rows,
      String sha256,
      String stratifiedBy,
      Map<String, Integer> strata,
      int[] dataRows) {
    public Summary(
        Mode mode, int rows, String sha256, String stratifiedBy, Map<String, Integer> strata) {
      this(mode, rows, sha256, stratifiedBy, strata, null);
    }
  }

  /** Equal-weight background rows chosen by {@code mode} (RANDOM or DATASET). */
  public static BackgroundSet of(Mode mode, double[] values) {
    return new BackgroundSet(values, null, new Summary(mode, 0, null, null, null));
  }

  public BackgroundSet {
    if (weights != null) {
      weights = weights.clone();
    }
  }

  /** A background whose rows are not (known as) rows of the data. */
  public BackgroundSet(double[] values, double[] weights, Summary summary) {
    this(values, weights, summary, null);
  }

  /** The number of rows for {@code m} features. */
  public int rows(int m) {
    return values.length / m;
  }

  /** The summary with its row count and hash filled in. */
  public Summary describe(int m) {
    return new Summary(
        summary.mode(), rows(m), sha256(), summary.stratifiedBy(), summary.strata(), dataRows);
  }

  /** SHA-256 of the values (little-endian float64, row-major), then of the weights if any. */
  public String sha256() {
    int count = values.length + (weights == null ? 0 : weights.length);
    ByteBuffer bytes = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      bytes.putDouble(v);
    }
    if (weights != null) {
      for (double w : weights) {
        bytes.putDouble(w);
      }
    }
    return Sha256.ofBytes(bytes.array());
  }

  /** The weighted mean of each column ({@code m} columns). */
  public double[] mean(int m) {
    int n = rows(m);
    double[] mean = new double[m];
    for (int b = 0; b < n; b++) {
      double w = weights == null ? 1 : weights[b];
      for (int i = 0; i < m; i++) {
        mean[i] += w * values[b * m + i];
      }
    }
    if (weights == null) {
      for (int i = 0; i < m; i++) {
        mean[i] /= n;
      }
    }
    return mean;
  }

  /** The weighted mean of per-row outputs {@code f} (one per background row). */
  public double average(double[] f) {
    double sum = 0;
    if (weights == null) {
      for (double v : f) {
        sum += v;
      }
      return sum / f.length;
    }
    for (int b = 0; b < f.length; b++) {
      sum += weights[b] * f[b];
    }
    return sum;
  }

  /**
   * The {@code size} rows of {@code data} on the favourable side of the decision (output below
   * {@code threshold} when {@code adverseHigher}, else above it) whose outputs {@code scores} are
   * nearest the threshold, in data order; fewer when fewer rows are favourable.
   *
   * @throws AssayException when no row is on the favourable side
   */
  public static BackgroundSet cutoff(
      double[] data, int m, double[] scores, double threshold, boolean adverseHigher, int size) {
    return cutoff(data, m, scores, threshold, adverseHigher, size, null);
  }

  /**
   * {@link #cutoff(double[], int, double[], double, boolean, int)} over the rows not {@code
   * excluded} (null: none excluded): a second cutoff background holds the next nearest rows.
   */
  public static BackgroundSet cutoff(
      double[] data,
      int m,
      double[] scores,
      double threshold,
      boolean adverseHigher,
      int size,
      boolean[] excluded) {
    List<Integer> favourable = new ArrayList<>();
    for (int r = 0; r < scores.length; r++) {
      if (excluded != null && excluded[r]) {
        continue;
      }
      if (adverseHigher ? scores[r] < threshold : scores[r] > threshold) {
        favourable.add(r);
      }
    }
    if (favourable.isEmpty()) {
      throw new AssayException(
          "--background-mode cutoff: no row of the data is on the favourable side of the threshold "
              + threshold);
    }
    favourable.sort(
        (a, b) -> Double.compare(Math.abs(scores[a] - threshold), Math.abs(scores[b] - threshold)));
    int[] chosen =
        favourable.subList(0, Math.min(size, favourable.size())).stream()
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    return new BackgroundSet(
        copy(data, m, chosen), null, new Summary(Mode.CUTOFF, 0, null, null, null), chosen);
  }

  /**
   * {@code size} of the {@code n} rows of {@code data} drawn without replacement, in data order.
   */
  public static BackgroundSet random(double[] data, int m, int size, long seed) {
    return random(data, m, size, seed, null);
  }

  /**
   * {@code size} of the rows of {@code data} not {@code excluded} (null: none excluded) drawn
   * without replacement, in data order.
   */
  public static BackgroundSet random(
      double[] data, int m, int size, long seed, boolean[] excluded) {
    int[] pool = pool(data.length / m, excluded);
    int[] chosen = draw(pool, Math.min(size, pool.length), new SplittableRandom(seed));
    return new BackgroundSet(
        copy(data, m, chosen), null, new Summary(Mode.RANDOM, 0, null, null, null), chosen);
  }

  /** How many of the data rows are not {@code excluded}. */
  static int available(int n, boolean[] excluded) {
    return pool(n, excluded).length;
  }

  /** The rows 0..n-1 not excluded (null: all of them). */
  private static int[] pool(int n, boolean[] excluded) {
    int[] rows = new int[n];
    int k = 0;
    for (int r = 0; r < n; r++) {
      if (excluded == null || !excluded[r]) {
        rows[k++] = r;
      }
    }
    return Arrays.copyOf(rows, k);
  }

  /**
   * {@code size} rows drawn without replacement within each label's rows, each label getting its
   * share of {@code size} (largest remainders; ties to the earlier label), in data order.
   *
   * @param labels one per data row: the class or group
   * @param column the name of the labels' column, for the report
   */
  public static BackgroundSet stratified(
      double[] data, int m, List<String> labels, String column, int size, long seed) {
    return stratified(data, m, labels, column, size, seed, null);
  }

  /**
   * {@link #stratified(double[], int, List, String, int, long)} over the rows not {@code excluded}
   * (null: none excluded); the shares are those of the rows left.
   */
  public static BackgroundSet stratified(
      double[] data,
      int m,
      List<String> labels,
      String column,
      int size,
      long seed,
      boolean[] excluded) {
    int[] pool = pool(data.length / m, excluded);
    int n = pool.length;
    size = Math.min(size, n);
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int r : pool) {
      groups.computeIfAbsent(labels.get(r), k -> new ArrayList<>()).add(r);
    }
    List<String> names = new ArrayList<>(groups.keySet());
    int[] quota = new int[names.size()];
    double[] remainder = new double[names.size()];
    int given = 0;
    for (int g = 0; g < names.size(); g++) {
      double exact = (double) size * groups.get(names.get(g)).size() / n;
      quota[g] = (int) Math.floor(exact);
      remainder[g] = exact - quota[g];
      given += quota[g];
    }
    while (given < size) {
      int best = 0;
      for (int g = 1; g < names.size(); g++) {
        if (remainder[g] > remainder[best]) {
          best = g;
        }
      }
      quota[best]++;
      remainder[best] = -1;
      given++;
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> all = new ArrayList<>();
    Map<String, Integer> strata = new LinkedHashMap<>();
    for (int g = 0; g < names.size(); g++) {
      int[] rows = groups.get(names.get(g)).stream().mapToInt(Integer::intValue).toArray();
      for (int r : draw(rows, quota[g], random.split())) {
        all.add(r);
      }
      strata.put(names.get(g), quota[g]);
    }
    int[] chosen = all.stream().mapToInt(Integer::intValue).sorted().toArray();
    return new BackgroundSet(
        copy(data, m, chosen), null, new Summary(Mode.STRATIFIED, 0, null, column, strata), chosen);
  }

  /** The first {@code size} of a partial Fisher-Yates shuffle of {@code pool}, sorted. */
  private static int[] draw(int[] pool, int size, SplittableRandom random) {
    int[] order = pool.clone();
    int n = order.length;
    for (int k = 0; k < size; k++) {
      int j = k + random.nextInt(n - k);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
    int[] chosen = Arrays.copyOf(order, size);
    Arrays.sort(chosen);
    return chosen;
  }

  private static double[] copy(double[] data, int m, int[] rows) {
    double[] out = new double[rows.length * m];
    for (int k = 0; k < rows.length; k++) {
      System.arraycopy(data, rows[k] * m, out, k * m, m);
    }
    return out;
  }
}
