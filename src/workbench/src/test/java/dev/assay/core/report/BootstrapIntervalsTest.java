package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.metrics.ClassificationAccumulator;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.RegressionAccumulator;
import dev.assay.core.metrics.RegressionMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstrap intervals from stored predictions: seeded, sized right, subsampled when large. */
class BootstrapIntervalsTest {
  private static final List<String> LABELS = List.of("no", "yes");

  @TempDir Path temp;

  /** n rows of a binary problem where the prediction is right with probability 0.8. */
  private Fixture binary(int n, long seed) throws Exception {
    Random random = new Random(seed);
    Path file = temp.resolve("p-" + n + "-" + seed + ".pred");
    int[] truth = new int[n];
    int[] predicted = new int[n];
    float[] probs = new float[2 * n];
    try (PredictionsFile.Writer writer = new PredictionsFile.Writer(file, LABELS)) {
      for (int i = 0; i < n; i++) {
        truth[i] = random.nextInt(2);
        float score = (float) Math.min(1, Math.max(0, truth[i] * 0.3 + random.nextDouble() * 0.7));
        predicted[i] = random.nextDouble() < 0.8 ? truth[i] : 1 - truth[i];
        probs[2 * i] = 1 - score;
        probs[2 * i + 1] = score;
        writer.classification(i + 1, truth[i], predicted[i], probs, 2 * i);
      }
    }
    ClassificationAccumulator acc = new ClassificationAccumulator(LABELS, 1);
    acc.add(truth, predicted, probs, n);
    return new Fixture(file, classification(acc.snapshot()));
  }

  private record Fixture(Path file, EvaluationResult result) {}

  private static EvaluationResult classification(ClassificationMetrics m) {
    return new EvaluationResult(
        null,
        "classification",
        LABELS,
        "yes",
        "label_output",
        null,
        null,
        m.rows(),
        0,
        0,
        Map.of(),
        m,
        null,
        null,
        List.of(),
        null);
  }

  @Test
  void intervalsAreReproducibleFromTheSeed() throws Exception {
    Fixture f = binary(2000, 1);
    MetricIntervals.Result a =
        new MetricIntervals(100_000, 7)
            .compute(f.file(), f.result(), 300, Progress.NONE, Cancellation.NONE);
    MetricIntervals.Result b =
        new MetricIntervals(100_000, 7)
            .compute(f.file(), f.result(), 300, Progress.NONE, Cancellation.NONE);
    assertThat(a).isEqualTo(b);
    assertThat(a.subsampled()).isFalse();
    assertThat(a.method()).contains("300 resamples").contains("seed 7").contains("all 2,000 rows");
  }

  @Test
  void accuracyIntervalHasTheWidthOfTheBinomialStandardError() throws Exception {
    Fixture f = binary(4000, 2);
    MetricIntervals.Interval accuracy =
        new MetricIntervals()
            .compute(f.file(), f.result(), 1000, Progress.NONE, Cancellation.NONE)
            .intervals()
            .get("accuracy");
    double p = accuracy.estimate();
    double halfWidth = 1.96 * Math.sqrt(p * (1 - p) / 4000);
    assertThat(accuracy.estimate()).isEqualTo(f.result().classification().accuracy());
    assertThat(accuracy.lower()).isCloseTo(p - halfWidth, within(0.004));
    assertThat(accuracy.upper()).isCloseTo(p + halfWidth, within(0.004));
    assertThat(accuracy.valid()).isEqualTo(1000);
  }

  @Test
  void largeRunsAreSubsampledAndTheIntervalRescaledToTheFullRun() throws Exception {
    Fixture f = binary(40_000, 3);
    MetricIntervals.Result r =
        new MetricIntervals(4000, 11)
            .compute(f.file(), f.result(), 400, Progress.NONE, Cancellation.NONE);
    assertThat(r.subsampled()).isTrue();
    assertThat(r.rows()).isEqualTo(40_000);
    assertThat(r.rowsUsed()).isEqualTo(4000);
    assertThat(r.method()).contains("4,000 of the run's 40,000 rows").contains("rescaled");
    MetricIntervals.Interval accuracy = r.intervals().get("accuracy");
    double p = accuracy.estimate();
    double halfWidth = 1.96 * Math.sqrt(p * (1 - p) / 40_000);
    assertThat(accuracy.upper() - accuracy.lower()).isCloseTo(2 * halfWidth, within(0.003));
    assertThat(accuracy.lower()).isLessThan(p);
    assertThat(accuracy.upper()).isGreaterThan(p);
  }

  @Test
  void rankMetricsGetIntervalsAndResamplesFollowTheRunSize() throws Exception {
    Fixture f = binary(1500, 4);
    MetricIntervals.Result r =
        new MetricIntervals().compute(f.file(), f.result(), 0, Progress.NONE, Cancellation.NONE);
    assertThat(r.resamples()).isEqualTo(1000);
    MetricIntervals.Interval auc = r.intervals().get("roc_auc");
    assertThat(auc.lower()).isLessThan(auc.estimate()).isGreaterThan(0.5);
    assertThat(auc.upper()).isGreaterThan(auc.estimate()).isLessThanOrEqualTo(1.0);
    assertThat(r.intervals()).containsKeys("log_loss", "brier", "ece", "average_precision");
    assertThat(MetricIntervals.resamplesFor(1_000_000)).isEqualTo(200);
    assertThat(MetricIntervals.resamplesFor(50_000)).isEqualTo(200);
    assertThat(MetricIntervals.resamplesFor(10_000)).isEqualTo(1000);
  }

  @Test
  void regressionGetsIntervalsExceptForTheMaximumError() throws Exception {
    Path file = temp.resolve("r.pred");
    Random random = new Random(5);
    RegressionAccumulator acc = new RegressionAccumulator();
    double[] y = new double[3000];
    double[] yhat = new double[3000];
    try (PredictionsFile.Writer writer = new PredictionsFile.Writer(file, List.of())) {
      for (int i = 0; i < y.length; i++) {
        y[i] = random.nextGaussian() * 10 + 50;
        yhat[i] = y[i] + random.nextGaussian();
        writer.regression(i + 1, y[i], yhat[i]);
      }
    }
    acc.add(y, yhat, y.length);
    RegressionMetrics m = acc.snapshot();
    EvaluationResult result =
        new EvaluationResult(
            null,
            "regression",
            List.of(),
            null,
            null,
            null,
            null,
            m.rows(),
            0,
            0,
            Map.of(),
            null,
            m,
            null,
            List.of(),
            null);
    MetricIntervals.Result r =
        new MetricIntervals().compute(file, result, 300, Progress.NONE, Cancellation.NONE);
    MetricIntervals.Interval mae = r.intervals().get("mae");
    assertThat(mae.estimate()).isEqualTo(m.mae());
    assertThat(mae.lower()).isLessThan(m.mae());
    assertThat(mae.upper()).isGreaterThan(m.mae());
    assertThat(r.intervals().get("max_error").lower()).isNaN();
  }

  @Test
  void percentileInterpolatesLikeNumpy() {
    double[] sorted = {1, 2, 3, 4};
    assertThat(MetricIntervals.percentile(sorted, 50)).isEqualTo(2.5);
    assertThat(MetricIntervals.percentile(sorted, 2.5)).isCloseTo(1.075, within(1e-12));
  }
}
