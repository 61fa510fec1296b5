package dev.assay.core.compare;

import dev.assay.core.metrics.CountMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Paired bootstrap of metric differences (challenger minus baseline): each resample draws {@code n}
 * rows with replacement, the same rows for both versions, so the correlation between the versions
 * is kept. Resamples are integer row weights, so every metric is evaluated in one linear pass
 * without copying rows; average precision uses each version's score order sorted once. Seeded: the
 * same seed gives the same intervals.
 *
 * <p>The interval is the percentile interval (2.5th and 97.5th percentiles, linear interpolation as
 * numpy). The two-sided p-value is {@code 2 min(P*(d <= 0), P*(d >= 0))} with add-one smoothing,
 * which is below 0.05 exactly when the interval excludes 0 (up to interpolation).
 */
public final class PairedBootstrap {
  /** Above this many row draws in all (rows x resamples) the resamples are reduced. */
  public static final long DRAW_BUDGET = 200_000_000L;

  /** Fewest resamples used on large datasets. */
  public static final int MIN_RESAMPLES = 200;

  private PairedBootstrap() {}

  /** One metric's bootstrapped difference. */
  public record Delta(
      String metric,
      double baseline,
      double challenger,
      double difference,
      double ciLow,
      double ciHigh,
      double pValue,
      int resamples) {}

  /**
   * The resamples to use for {@code rows} rows: {@code requested}, reduced (to at least {@link
   * #MIN_RESAMPLES}) so that rows x resamples stays within {@link #DRAW_BUDGET}.
   */
  public static int budgeted(int requested, long rows) {
    if (rows <= 0 || rows * (long) requested <= DRAW_BUDGET) {
      return requested;
    }
    return (int) Math.max(Math.min(requested, MIN_RESAMPLES), DRAW_BUDGET / rows);
  }

  /** The metric names this sample supports, in report order. */
  public static List<String> metrics(PairedSample sample) {
    List<String> names = new ArrayList<>(List.of("accuracy", "balanced_accuracy"));
    if (sample.positiveIndex() >= 0) {
      names.addAll(List.of("precision", "recall", "f1"));
    }
    names.addAll(List.of("f1_macro", "f1_weighted"));
    if (sample.hasScores()) {
      names.add("average_precision");
    }
    if (sample.hasLosses()) {
      names.addAll(List.of("log_loss", "brier"));
    }
    return names;
  }

  /** Bootstraps the differences of every metric in {@link #metrics(PairedSample)}. */
  public static List<Delta> differences(PairedSample sample, int resamples, long seed) {
    if (resamples < 1) {
      throw new IllegalArgumentException("need at least one resample");
    }
    List<String> names = metrics(sample);
    int n = sample.rows();
    Ranking orderA = sample.hasScores() ? Ranking.of(sample, sample.a().positiveScore()) : null;
    Ranking orderB = sample.hasScores() ? Ranking.of(sample, sample.b().positiveScore()) : null;
    double[] pointA = evaluate(sample, sample.a(), orderA, null, names);
    double[] pointB = evaluate(sample, sample.b(), orderB, null, names);
    double[][] diffs = new double[names.size()][resamples];
    // one stream per resample, split in order: the same seed gives the same resamples whatever
    // the number of threads that evaluate them
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] streams = new SplittableRandom[resamples];
    for (int r = 0; r < resamples; r++) {
      streams[r] = root.split();
    }
    ThreadLocal<int[]> scratch = ThreadLocal.withInitial(() -> new int[n]);
    IntStream.range(0, resamples)
        .parallel()
        .forEach(
            r -> {
              int[] weights = scratch.get();
              Arrays.fill(weights, 0);
              SplittableRandom random = streams[r];
              for (int i = 0; i < n; i++) {
                weights[random.nextInt(n)]++;
              }
              double[] a = evaluate(sample, sample.a(), orderA, weights, names);
              double[] b = evaluate(sample, sample.b(), orderB, weights, names);
              for (int m = 0; m < names.size(); m++) {
                diffs[m][r] = b[m] - a[m];
              }
            });
    List<Delta> deltas = new ArrayList<>();
    for (int m = 0; m < names.size(); m++) {
      double[] d = diffs[m];
      long below = 0;
      long above = 0;
      int finite = 0;
      for (double v : d) {
        if (Double.isNaN(v)) {
          continue;
        }
        d[finite++] = v;
        below += v <= 0 ? 1 : 0;
        above += v >= 0 ? 1 : 0;
      }
      double[] sorted = Arrays.copyOf(d, finite);
      Arrays.sort(sorted);
      double p =
          finite == 0
              ? Double.NaN
              : Math.min(1.0, 2.0 * (Math.min(below, above) + 1) / (finite + 1.0));
      deltas.add(
          new Delta(
              names.get(m),
              pointA[m],
              pointB[m],
              pointB[m] - pointA[m],
              percentile(sorted, 2.5),
              percentile(sorted, 97.5),
              p,
              resamples));
    }
    return deltas;
  }

  private static double[] evaluate(
      PairedSample sample,
      PairedSample.Side side,
      Ranking ranking,
      int[] weights,
      List<String> names) {
    int n = sample.rows();
    int c = sample.classLabels().size();
    int[] truth = sample.truth();
    long[][] confusion = new long[c][c];
    double logLoss = 0;
    double brier = 0;
    long total = 0;
    for (int i = 0; i < n; i++) {
      int w = weights == null ? 1 : weights[i];
      if (w == 0) {
        continue;
      }
      confusion[truth[i]][side.predicted()[i]] += w;
      total += w;
      if (side.logLoss() != null) {
        logLoss += w * side.logLoss()[i];
        brier += w * side.brier()[i];
      }
    }
    CountMetrics counts = CountMetrics.of(confusion, sample.classLabels());
    double[] values = new double[names.size()];
    for (int m = 0; m < names.size(); m++) {
      values[m] =
          switch (names.get(m)) {
            case "accuracy" -> counts.accuracy();
            case "balanced_accuracy" -> counts.balancedAccuracy();
            case "precision" -> counts.perClass().get(sample.positiveIndex()).precision();
            case "recall" -> counts.perClass().get(sample.positiveIndex()).recall();
            case "f1" -> counts.perClass().get(sample.positiveIndex()).f1();
            case "f1_macro" -> counts.f1Macro();
            case "f1_weighted" -> counts.f1Weighted();
            case "average_precision" ->
                averagePrecision(ranking, weights, positives(confusion, sample.positiveIndex()));
            case "log_loss" -> total == 0 ? Double.NaN : logLoss / total;
            case "brier" -> total == 0 ? Double.NaN : brier / total;
            default -> throw new IllegalStateException(names.get(m));
          };
    }
    return values;
  }

  private static long positives(long[][] confusion, int positive) {
    long sum = 0;
    for (long count : confusion[positive]) {
      sum += count;
    }
    return sum;
  }

  /**
   * One version's rows by decreasing score, with each position's outcome and whether it is the last
   * row of its threshold (ties share one threshold).
   */
  private record Ranking(int[] order, boolean[] positive, boolean[] lastOfThreshold) {
    static Ranking of(PairedSample sample, float[] score) {
      int n = sample.rows();
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        int bits = Float.floatToIntBits(score[i] + 0.0f);
        bits ^= (bits >> 31) & 0x7fffffff;
        keys[i] = ((long) bits << 32) | i;
      }
      Arrays.sort(keys);
      int[] order = new int[n];
      boolean[] positive = new boolean[n];
      boolean[] last = new boolean[n];
      for (int k = 0; k < n; k++) {
        long key = keys[n - 1 - k];
        order[k] = (int) key;
        positive[k] = sample.truth()[order[k]] == sample.positiveIndex();
        last[k] = k == n - 1 || (keys[n - 2 - k] >> 32) != (key >> 32);
      }
      return new Ranking(order, positive, last);
    }
  }

  /**
   * scikit-learn's {@code average_precision_score} with integer row weights: {@code sum_n (R_n -
   * R_{n-1}) P_n} over distinct thresholds, 0 without positives.
   */
  private static double averagePrecision(Ranking ranking, int[] weights, long positives) {
    if (positives == 0) {
      return 0.0;
    }
    int[] order = ranking.order();
    boolean[] positive = ranking.positive();
    boolean[] last = ranking.lastOfThreshold();
    double ap = 0;
    long tp = 0;
    long fp = 0;
    long prevTp = 0;
    for (int k = 0; k < order.length; k++) {
      int w = weights == null ? 1 : weights[order[k]];
      if (positive[k]) {
        tp += w;
      } else {
        fp += w;
      }
      if (last[k] && tp != prevTp) {
        ap += (double) (tp - prevTp) / positives * ((double) tp / (tp + fp));
        prevTp = tp;
      }
    }
    return ap;
  }

  /** numpy's default (linear) percentile of sorted values; NaN when empty. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double index = q / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(index);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (index - lo);
  }
}
