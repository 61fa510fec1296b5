package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Multivariate drift by a domain classifier: can a model tell current rows from reference rows?
 *
 * <ul>
 *   <li>Rows: at most {@link #ROW_CAP} of each side, drawn without replacement with the seed.
 *   <li>Features: each numeric column standardised by the pooled sample's mean and population sd
 *       (missing cells take the mean, so 0), and its square, so a change of scale separates as well
 *       as a change of location; a constant column contributes nothing. Each categorical column
 *       one-hot: its {@value #TOP_CATEGORIES} most frequent categories in the pooled sample and
 *       "other" ({@link DomainFeatures}).
 *   <li>Classifier: L2-penalised logistic regression (λ = 1, {@link LogisticRegression}).
 *   <li>AUC: the mean ROC AUC (ties half) over {@link #FOLDS} stratified folds.
 *   <li>Significance: the labels permuted {@code permutations} times (each permutation refits all
 *       folds); p = (1 + #{permuted AUC &gt;= observed}) / (permutations + 1).
 *   <li>Drift: p &lt; α and AUC &gt;= {@link #MIN_AUC} (a separation too weak to matter is no drift
 *       however small p is).
 *   <li>Separating columns: ranked by the size of their two standardised coefficients, sqrt(β_x² +
 *       β_x²²), or of their indicators' coefficients (Euclidean norm), of a fit on all sampled
 *       rows.
 * </ul>
 *
 * Deterministic for a seed (each permutation has its own generator split off in order).
 */
public final class DomainClassifier {
  /** Rows sampled per side at most. */
  public static final int ROW_CAP = 1000;

  /** Cross-validation folds. */
  public static final int FOLDS = 5;

  /** Label permutations by default. */
  public static final int PERMUTATIONS = 99;

  /** Categories of a categorical column that get their own indicator (the rest are "other"). */
  public static final int TOP_CATEGORIES = DomainFeatures.TOP_CATEGORIES;

  /** The smallest AUC that counts as drift. */
  public static final double MIN_AUC = 0.55;

  /**
   * A column and how much it separates the two.
   *
   * @param weight the size of the column's coefficients in a fit on all sampled rows: sqrt(β_x² +
   *     β_x²²) for a numeric column, the Euclidean norm of its indicators' for a categorical one
   * @param meanShift numeric: current minus reference mean of the standardised value; categorical:
   *     the largest change of one category's share (current minus reference)
   * @param level categorical: the category of that change; null for a numeric column
   */
  public record Separation(String name, double weight, double meanShift, String level) {
    /** Whether the column was one-hot encoded. */
    public boolean categorical() {
      return level != null;
    }
  }

  /**
   * The result.
   *
   * @param auc mean cross-validated ROC AUC
   * @param foldAucs per fold
   * @param pValue permutation p-value
   * @param permutations label permutations
   * @param seed the seed
   * @param referenceRows reference rows used (after the cap)
   * @param currentRows current rows used
   * @param separations columns, most separating first
   * @param alpha level
   * @param drift p &lt; α and AUC &gt;= {@link #MIN_AUC}
   */
  public record Result(
      double auc,
      double[] foldAucs,
      double pValue,
      int permutations,
      long seed,
      int referenceRows,
      int currentRows,
      List<Separation> separations,
      double alpha,
      boolean drift) {}

  private DomainClassifier() {}

  /**
   * Trains and tests the classifier.
   *
   * @param names the columns
   * @param reference column-major reference values, reference[j][i] (NaN: missing)
   * @param current column-major current values
   * @throws IllegalArgumentException with no column, ragged columns, or under {@link #FOLDS} rows
   *     on a side
   */
  public static Result run(
      List<String> names,
      double[][] reference,
      double[][] current,
      long seed,
      int permutations,
      double alpha) {
    return run(
        names,
        reference,
        current,
        List.of(),
        new String[0][],
        new String[0][],
        seed,
        permutations,
        alpha);
  }

  /**
   * Trains and tests the classifier on numeric and categorical columns ({@link DomainFeatures}:
   * categorical columns one-hot, their top {@value #TOP_CATEGORIES} categories and "other").
   *
   * @param textNames the categorical columns
   * @param referenceText column-major reference cells, referenceText[j][i] (null: missing)
   * @param currentText column-major current cells
   * @throws IllegalArgumentException with no column, ragged columns, or under {@link #FOLDS} rows
   *     on a side
   */
  public static Result run(
      List<String> names,
      double[][] reference,
      double[][] current,
      List<String> textNames,
      String[][] referenceText,
      String[][] currentText,
      long seed,
      int permutations,
      double alpha) {
    int d = names.size();
    int t = textNames.size();
    if (d + t == 0
        || reference.length != d
        || current.length != d
        || referenceText.length != t
        || currentText.length != t) {
      throw new IllegalArgumentException("a domain classifier needs at least one column");
    }
    if (permutations < 1) {
      throw new IllegalArgumentException("at least one permutation");
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] r = sample(d > 0 ? reference[0].length : referenceText[0].length, random);
    int[] c = sample(d > 0 ? current[0].length : currentText[0].length, random);
    if (r.length < FOLDS || c.length < FOLDS) {
      throw new IllegalArgumentException(
          "a domain classifier needs at least " + FOLDS + " rows on each side");
    }
    DomainFeatures design =
        DomainFeatures.build(
            names, reference, current, textNames, referenceText, currentText, r, c);
    double[][] x = design.x;
    int[] y = design.y;
    int n = y.length;
    double[] folds = crossValidated(x, y, new SplittableRandom(seed ^ 0x5DEECE66DL));
    double auc = Arrays.stream(folds).average().orElseThrow();
    SplittableRandom[] streams = new SplittableRandom[permutations];
    for (int b = 0; b < permutations; b++) {
      streams[b] = random.split();
    }
    long exceed =
        IntStream.range(0, permutations)
            .parallel()
            .filter(
                b -> {
                  SplittableRandom g = streams[b];
                  int[] permuted = y.clone();
                  shuffle(permuted, g);
                  double a = Arrays.stream(crossValidated(x, permuted, g)).average().orElseThrow();
                  return a >= auc;
                })
            .count();
    double p = (1.0 + exceed) / (permutations + 1.0);
    double[] beta = LogisticRegression.fit(x, y, IntStream.range(0, n).toArray());
    List<Separation> separations = new ArrayList<>();
    for (DomainFeatures.Block b : design.numeric) {
      double weight = Math.hypot(beta[1 + b.from()], beta[1 + d + b.from()]);
      separations.add(new Separation(b.name(), weight, b.shift(), null));
    }
    for (DomainFeatures.Block b : design.categorical) {
      double squares = 0;
      for (int k = 0; k < b.levels().size(); k++) {
        squares += beta[1 + b.from() + k] * beta[1 + b.from() + k];
      }
      separations.add(new Separation(b.name(), Math.sqrt(squares), b.shift(), b.shiftLevel()));
    }
    separations.sort(Comparator.comparingDouble((Separation s) -> -s.weight()));
    return new Result(
        auc,
        folds,
        p,
        permutations,
        seed,
        r.length,
        c.length,
        List.copyOf(separations),
        alpha,
        p < alpha && auc >= MIN_AUC);
  }

  /** The AUC of each of the stratified folds. */
  private static double[] crossValidated(double[][] x, int[] y, SplittableRandom random) {
    int n = y.length;
    int[] fold = new int[n];
    for (int label = 0; label <= 1; label++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (y[i] == label) {
          members.add(i);
        }
      }
      int[] order = members.stream().mapToInt(Integer::intValue).toArray();
      shuffle(order, random);
      for (int k = 0; k < order.length; k++) {
        fold[order[k]] = k % FOLDS;
      }
    }
    double[] aucs = new double[FOLDS];
    for (int f = 0; f < FOLDS; f++) {
      final int held = f;
      int[] train = IntStream.range(0, n).filter(i -> fold[i] != held).toArray();
      int[] test = IntStream.range(0, n).filter(i -> fold[i] == held).toArray();
      double[] beta = LogisticRegression.fit(x, y, train);
      double[] scores = new double[test.length];
      int[] labels = new int[test.length];
      for (int k = 0; k < test.length; k++) {
        scores[k] = LogisticRegression.score(beta, x[test[k]]);
        labels[k] = y[test[k]];
      }
      aucs[f] = auc(scores, labels);
    }
    return aucs;
  }

  /** ROC AUC by the rank sum, tied scores sharing their mean rank. */
  static double auc(double[] scores, int[] labels) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          rankSum += rank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return 0.5;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  private static int[] sample(int rows, SplittableRandom random) {
    int[] all = IntStream.range(0, rows).toArray();
    if (rows <= ROW_CAP) {
      return all;
    }
    for (int i = 0; i < ROW_CAP; i++) {
      int k = i + random.nextInt(rows - i);
      int t = all[i];
      all[i] = all[k];
      all[k] = t;
    }
    int[] kept = Arrays.copyOf(all, ROW_CAP);
    Arrays.sort(kept);
    return kept;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[k];
      a[k] = t;
    }
  }
}
