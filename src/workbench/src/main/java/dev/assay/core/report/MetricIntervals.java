package dev.assay.core.report;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.metrics.ClassificationAccumulator;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.RegressionAccumulator;
import dev.assay.core.metrics.RegressionMetrics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Percentile-bootstrap 95% confidence intervals of a run's metrics, computed from its stored
 * per-row predictions with the same accumulators that computed the metrics.
 *
 * <p>Seeded: the same predictions, seed and settings give the same intervals on every machine and
 * thread count (each resample draws from its own generator, split from the seed in order).
 *
 * <p>Runs with more than {@code maxRows} rows are first reduced to a seeded uniform random sample
 * of {@code maxRows} rows (reservoir sampling, one pass, bounded memory); the resamples are drawn
 * from that sample with size {@code maxRows} and the interval is rescaled to the full run ("m out
 * of n" bootstrap): {@code estimate + (q - m_sample) * sqrt(m / n)}, where q is the sample's
 * percentile. The metrics are smooth functions of the rows, so their spread shrinks as {@code
 * 1/sqrt(n)}. The maximum error of a regression has no bootstrap interval (the bootstrap does not
 * hold for a maximum).
 */
public final class MetricIntervals {
  /** The seed used unless another is given. */
  public static final long DEFAULT_SEED = 20_260_101L;

  /** Rows used at most before the bootstrap subsamples. */
  public static final int DEFAULT_MAX_ROWS = 50_000;

  private static final int CHUNK = 8192;

  /**
   * One metric's interval.
   *
   * @param estimate the metric over all rows of the run (as stored with the run)
   * @param lower the 2.5th percentile, NaN when undefined
   * @param upper the 97.5th percentile, NaN when undefined
   * @param valid resamples in which the metric was defined
   */
  public record Interval(String metric, double estimate, double lower, double upper, int valid) {}

  /**
   * The intervals of one run.
   *
   * @param intervals by metric key (as in {@code assay eval --json}), in display order
   * @param resamples resamples drawn
   * @param seed the seed
   * @param rows rows in the run
   * @param rowsUsed rows the resamples were drawn from (fewer than {@code rows} when subsampled)
   */
  public record Result(
      Map<String, Interval> intervals, int resamples, long seed, long rows, long rowsUsed) {
    public boolean subsampled() {
      return rowsUsed < rows;
    }

    /** How the intervals were made, in one sentence for the workbook. */
    public String method() {
      String base =
          String.format(
              java.util.Locale.ROOT,
              "Percentile bootstrap, %,d resamples drawn with replacement, seed %d",
              resamples,
              seed);
      return subsampled()
          ? String.format(
              java.util.Locale.ROOT,
              "%s, from a seeded uniform random sample of %,d of the run's %,d rows; the"
                  + " intervals are rescaled to the full run by sqrt(%,d / %,d) (m-out-of-n"
                  + " bootstrap).",
              base,
              rowsUsed,
              rows,
              rowsUsed,
              rows)
          : String.format(
              java.util.Locale.ROOT, "%s, over all %,d rows of the run.", base, rowsUsed);
    }
  }

  private final int maxRows;
  private final long seed;

  /** Intervals with {@link #DEFAULT_MAX_ROWS} and {@link #DEFAULT_SEED}. */
  public MetricIntervals() {
    this(DEFAULT_MAX_ROWS, DEFAULT_SEED);
  }

  public MetricIntervals(int maxRows, long seed) {
    if (maxRows < 2) {
      throw new IllegalArgumentException("maxRows must be at least 2");
    }
    this.maxRows = maxRows;
    this.seed = seed;
  }

  /**
   * Resamples used for {@code rows} rows: 1000 up to 10,000 rows, then fewer (at least 200) so that
   * resamples times rows stays near ten million.
   */
  public static int resamplesFor(long rows) {
    return (int) Math.max(200, Math.min(1000, 10_000_000L / Math.max(1, rows)));
  }

  /**
   * Computes the intervals of a run from its stored predictions file.
   *
   * @param resamples resamples to draw, or 0 for {@link #resamplesFor}
   */
  public Result compute(
      Path predictions,
      EvaluationResult result,
      int resamples,
      Progress progress,
      Cancellation cancellation) {
    RowSample sample = RowSample.read(predictions, maxRows, seed);
    int b = resamples > 0 ? resamples : resamplesFor(sample.size());
    Map<String, ToDoubleFunction<Object>> metrics;
    boolean regression = result.regression() != null;
    if (sample.size() == 0 || (!regression && result.classification() == null)) {
      return new Result(Map.of(), 0, seed, sample.seen(), sample.size());
    }
    Map<String, Double> estimates = new LinkedHashMap<>();
    if (regression) {
      metrics = regressionMetrics();
      RegressionMetrics full = result.regression();
      metrics.forEach((key, f) -> estimates.put(key, f.applyAsDouble(full)));
    } else {
      metrics = classificationMetrics(result.classOrder().size() == 2);
      ClassificationMetrics full = result.classification();
      metrics.forEach((key, f) -> estimates.put(key, f.applyAsDouble(full)));
    }
    int positive = positiveIndex(result);
    List<String> keys = List.copyOf(metrics.keySet());
    SplittableRandom master = new SplittableRandom(seed);
    long[] seeds = new long[b];
    for (int i = 0; i < b; i++) {
      seeds[i] = master.nextLong();
    }
    AtomicInteger done = new AtomicInteger();
    double[][] values = new double[keys.size()][b];
    IntStream.range(0, b)
        .parallel()
        .forEach(
            i -> {
              cancellation.throwIfCancelled();
              Object snapshot =
                  regression
                      ? sample.regressionResample(new SplittableRandom(seeds[i]), CHUNK)
                      : sample.classificationResample(
                          new SplittableRandom(seeds[i]), result.classOrder(), positive, CHUNK);
              for (int k = 0; k < keys.size(); k++) {
                values[k][i] = metrics.get(keys.get(k)).applyAsDouble(snapshot);
              }
              int n = done.incrementAndGet();
              if (n % 20 == 0 || n == b) {
                progress.update(n, b, "bootstrap intervals: resample " + n + " of " + b);
              }
            });
    Object sampleSnapshot =
        sample.size() < sample.seen()
            ? (regression
                ? sample.regressionAll()
                : sample.classificationAll(result.classOrder(), positive, CHUNK))
            : null;
    double scale = Math.sqrt((double) sample.size() / Math.max(1, sample.seen()));
    Map<String, Interval> intervals = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      String key = keys.get(k);
      double estimate = estimates.get(key);
      double[] finite = Arrays.stream(values[k]).filter(Double::isFinite).sorted().toArray();
      double lower = Double.NaN;
      double upper = Double.NaN;
      if (finite.length > 0 && Double.isFinite(estimate) && !key.equals("max_error")) {
        lower = percentile(finite, 2.5);
        upper = percentile(finite, 97.5);
        if (sampleSnapshot != null) {
          double centre = metrics.get(key).applyAsDouble(sampleSnapshot);
          lower = estimate + (lower - centre) * scale;
          upper = estimate + (upper - centre) * scale;
        }
      }
      intervals.put(key, new Interval(key, estimate, lower, upper, finite.length));
    }
    return new Result(intervals, b, seed, sample.seen(), sample.size());
  }

  /** numpy's default (linear) percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    double position = p / 100 * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
  }

  private static int positiveIndex(EvaluationResult result) {
    if (result.classOrder() == null || result.classOrder().size() != 2) {
      return 0;
    }
    int index = result.classOrder().indexOf(result.positiveLabel());
    return index < 0 ? 1 : index;
  }

  private static Map<String, ToDoubleFunction<Object>> classificationMetrics(boolean binary) {
    Map<String, ToDoubleFunction<ClassificationMetrics>> m = new LinkedHashMap<>();
    m.put("accuracy", ClassificationMetrics::accuracy);
    m.put("balanced_accuracy", ClassificationMetrics::balancedAccuracy);
    if (binary) {
      m.put("precision", ClassificationMetrics::precision);
      m.put("recall", ClassificationMetrics::recall);
      m.put("f1", ClassificationMetrics::f1);
    }
    m.put("precision_macro", ClassificationMetrics::precisionMacro);
    m.put("recall_macro", ClassificationMetrics::recallMacro);
    m.put("f1_macro", ClassificationMetrics::f1Macro);
    m.put("f1_weighted", ClassificationMetrics::f1Weighted);
    if (binary) {
      m.put("roc_auc", ClassificationMetrics::rocAuc);
    } else {
      m.put("roc_auc_ovr_macro", ClassificationMetrics::rocAucOvrMacro);
      m.put("roc_auc_ovo_macro", ClassificationMetrics::rocAucOvoMacro);
    }
    m.put("average_precision", ClassificationMetrics::averagePrecision);
    m.put("log_loss", ClassificationMetrics::logLoss);
    m.put("brier", ClassificationMetrics::brier);
    m.put("ece", ClassificationMetrics::expectedCalibrationError);
    Map<String, ToDoubleFunction<Object>> erased = new LinkedHashMap<>();
    m.forEach((k, f) -> erased.put(k, o -> f.applyAsDouble((ClassificationMetrics) o)));
    return erased;
  }

  private static Map<String, ToDoubleFunction<Object>> regressionMetrics() {
    Map<String, ToDoubleFunction<RegressionMetrics>> m = new LinkedHashMap<>();
    m.put("mae", RegressionMetrics::mae);
    m.put("mse", RegressionMetrics::mse);
    m.put("rmse", RegressionMetrics::rmse);
    m.put("r2", RegressionMetrics::r2);
    m.put("median_absolute_error", RegressionMetrics::medianAbsoluteError);
    m.put("max_error", RegressionMetrics::maxError);
    m.put("mape", RegressionMetrics::mape);
    Map<String, ToDoubleFunction<Object>> erased = new LinkedHashMap<>();
    m.forEach((k, f) -> erased.put(k, o -> f.applyAsDouble((RegressionMetrics) o)));
    return erased;
  }

  /** A bounded, seeded uniform sample of a predictions file's rows, kept in primitive arrays. */
  private static final class RowSample {
    private final int capacity;
    private final SplittableRandom random;
    private int classes = -1;
    private int[] truth;
    private int[] predicted;
    private float[] probabilities;
    private double[] actual;
    private double[] estimate;
    private boolean scored = true;
    private long seen;

    private RowSample(int capacity, long seed) {
      this.capacity = capacity;
      this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    static RowSample read(Path file, int capacity, long seed) {
      RowSample sample = new RowSample(capacity, seed);
      PredictionsFile.read(file, sample::offer);
      return sample;
    }

    int size() {
      return (int) Math.min(seen, capacity);
    }

    long seen() {
      return seen;
    }

    private void offer(PredictionsFile.Row row) {
      if (classes < 0) {
        classes = row.probabilities() == null ? 0 : row.probabilities().length;
        int initial = 1024;
        truth = new int[initial];
        predicted = new int[initial];
        actual = new double[initial];
        estimate = new double[initial];
        probabilities = new float[initial * Math.max(1, classes)];
      }
      long index = seen++;
      int slot;
      if (index < capacity) {
        slot = (int) index;
        grow(slot + 1);
      } else {
        long r = random.nextLong(index + 1);
        if (r >= capacity) {
          return;
        }
        slot = (int) r;
      }
      if (classes == 0) {
        actual[slot] = row.actual();
        estimate[slot] = row.predicted();
        return;
      }
      truth[slot] = row.trueClass();
      predicted[slot] = row.predictedClass();
      float[] p = row.probabilities();
      for (int c = 0; c < classes; c++) {
        if (Float.isNaN(p[c])) {
          scored = false;
        }
        probabilities[slot * classes + c] = p[c];
      }
    }

    private void grow(int needed) {
      if (needed <= truth.length) {
        return;
      }
      int size = (int) Math.min(capacity, Math.max(needed, (long) truth.length * 2));
      truth = Arrays.copyOf(truth, size);
      predicted = Arrays.copyOf(predicted, size);
      actual = Arrays.copyOf(actual, size);
      estimate = Arrays.copyOf(estimate, size);
      probabilities = Arrays.copyOf(probabilities, size * Math.max(1, classes));
    }

    ClassificationMetrics classificationResample(
        SplittableRandom rng, List<String> labels, int positive, int chunk) {
      return classification(rng, labels, positive, chunk);
    }

    ClassificationMetrics classificationAll(List<String> labels, int positive, int chunk) {
      return classification(null, labels, positive, chunk);
    }

    /** Metrics of a resample drawn with {@code rng}, or of the sample itself when rng is null. */
    private ClassificationMetrics classification(
        SplittableRandom rng, List<String> labels, int positive, int chunk) {
      int n = size();
      ClassificationAccumulator acc = new ClassificationAccumulator(labels, positive);
      int[] t = new int[chunk];
      int[] p = new int[chunk];
      float[] pr = scored ? new float[chunk * classes] : null;
      for (int start = 0; start < n; start += chunk) {
        int m = Math.min(chunk, n - start);
        for (int j = 0; j < m; j++) {
          int i = rng == null ? start + j : rng.nextInt(n);
          t[j] = truth[i];
          p[j] = predicted[i];
          if (pr != null) {
            System.arraycopy(probabilities, i * classes, pr, j * classes, classes);
          }
        }
        acc.add(t, p, pr, m);
      }
      return acc.snapshot();
    }

    RegressionMetrics regressionResample(SplittableRandom rng, int chunk) {
      return regression(rng, chunk);
    }

    RegressionMetrics regressionAll() {
      return regression(null, CHUNK);
    }

    private RegressionMetrics regression(SplittableRandom rng, int chunk) {
      int n = size();
      RegressionAccumulator acc = new RegressionAccumulator();
      double[] y = new double[chunk];
      double[] yhat = new double[chunk];
      for (int start = 0; start < n; start += chunk) {
        int m = Math.min(chunk, n - start);
        for (int j = 0; j < m; j++) {
          int i = rng == null ? start + j : rng.nextInt(n);
          y[j] = actual[i];
          yhat[j] = estimate[i];
        }
        acc.add(y, yhat, m);
      }
      return acc.snapshot();
    }
  }
}
