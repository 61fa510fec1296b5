package dev.assay.core.fairness;

import dev.assay.core.Cancellation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.hipparchus.stat.inference.TTest;

/**
 * The fairness of a regression run for one attribute: per group the mean prediction, mean actual,
 * mean error (prediction - actual) and MAE; the gaps between the highest and lowest judged group,
 * tested with Welch's t-test between those two groups. Intervals come from a stratified bootstrap:
 * groups of up to {@value #EXACT_ROWS} rows are resampled row by row; in larger groups each
 * resampled mean is drawn from the normal limit of its bootstrap distribution (the group mean, with
 * the population standard deviation over the square root of n), which at that size is
 * indistinguishable from it and avoids a cost of rows x resamples.
 */
final class RegressionAnalysis {
  private static final String[] FIGURES = {"mean_prediction", "mean_actual", "mean_error", "mae"};
  private static final String[] GAPS = {
    Disparity.MEAN_PREDICTION_DIFFERENCE,
    null,
    Disparity.MEAN_ERROR_DIFFERENCE,
    Disparity.MAE_DIFFERENCE
  };

  /** Groups up to this size are resampled row by row. */
  static final int EXACT_ROWS = 5000;

  static final String NORMAL_LIMIT = "bootstrap (normal limit)";

  private final ScoredPredictions predictions;
  private final FairnessSettings settings;

  RegressionAnalysis(ScoredPredictions predictions, FairnessSettings settings) {
    this.predictions = predictions;
    this.settings = settings;
  }

  AttributeReport analyse(
      Grouping grouping, long seed, List<String> warnings, Cancellation cancel) {
    int groups = grouping.labels().size();
    int[] groupOf = GroupAssignment.ofPredictions(predictions.dataRow, grouping);
    int[] sizes = new int[groups];
    for (int g : groupOf) {
      sizes[g]++;
    }
    double[][][] values = new double[groups][FIGURES.length][];
    for (int g = 0; g < groups; g++) {
      for (int f = 0; f < FIGURES.length; f++) {
        values[g][f] = new double[sizes[g]];
      }
    }
    int[] fill = new int[groups];
    for (int i = 0; i < predictions.size; i++) {
      int g = groupOf[i];
      int k = fill[g]++;
      double error = predictions.prediction[i] - predictions.actual[i];
      values[g][0][k] = predictions.prediction[i];
      values[g][1][k] = predictions.actual[i];
      values[g][2][k] = error;
      values[g][3][k] = Math.abs(error);
    }
    boolean[] judged = new boolean[groups];
    long[] longSizes = new long[groups];
    long total = 0;
    for (int g = 0; g < groups; g++) {
      judged[g] = sizes[g] >= settings.minGroupSize();
      longSizes[g] = sizes[g];
      total += sizes[g];
    }
    GroupAssignment.Reference reference =
        GroupAssignment.reference(grouping, longSizes, judged, settings, warnings);
    double[][] means = new double[groups][FIGURES.length];
    double[][] standardErrors = new double[groups][FIGURES.length];
    for (int g = 0; g < groups; g++) {
      for (int f = 0; f < FIGURES.length; f++) {
        means[g][f] = mean(values[g][f]);
        standardErrors[g][f] = standardError(values[g][f], means[g][f]);
      }
    }
    int b = settings.resamples();
    double[][][] draws = new double[groups][FIGURES.length][b];
    double[][] gapDraws = new double[FIGURES.length][b];
    RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(seed));
    for (int r = 0; r < b; r++) {
      double[][] resampled = new double[groups][FIGURES.length];
      for (int g = 0; g < groups; g++) {
        int n = sizes[g];
        if (n > EXACT_ROWS) {
          for (int f = 0; f < FIGURES.length; f++) {
            resampled[g][f] = means[g][f] + standardErrors[g][f] * random.nextGaussian();
            draws[g][f][r] = resampled[g][f];
          }
          continue;
        }
        double[] sums = new double[FIGURES.length];
        for (int k = 0; k < n; k++) {
          int pick = random.nextInt(n);
          for (int f = 0; f < FIGURES.length; f++) {
            sums[f] += values[g][f][pick];
          }
        }
        for (int f = 0; f < FIGURES.length; f++) {
          resampled[g][f] = n == 0 ? Double.NaN : sums[f] / n;
          draws[g][f][r] = resampled[g][f];
        }
      }
      for (int f = 0; f < FIGURES.length; f++) {
        gapDraws[f][r] = ClassificationFigures.gap(judgedColumn(resampled, f, judged));
      }
      cancel.throwIfCancelled();
    }
    List<GroupReport> reports = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      double[][] ci = BootstrapIntervals.percentiles(draws[g], b);
      Map<String, Double> metrics = new LinkedHashMap<>();
      Map<String, Interval> intervals = new LinkedHashMap<>();
      for (int f = 0; f < FIGURES.length; f++) {
        metrics.put(FIGURES[f], means[g][f]);
        intervals.put(
            FIGURES[f],
            new Interval(
                ci[f][0], ci[f][1], sizes[g] > EXACT_ROWS ? NORMAL_LIMIT : Interval.BOOTSTRAP));
      }
      reports.add(
          new GroupReport(
              grouping.labels().get(g),
              sizes[g],
              total == 0 ? Double.NaN : (double) sizes[g] / total,
              judged[g],
              judged[g] ? null : GroupAssignment.tooSmall(sizes[g], settings.minGroupSize()),
              metrics,
              intervals,
              Map.of()));
    }
    double[][] gapCi = BootstrapIntervals.percentiles(gapDraws, b);
    List<Disparity> disparities = new ArrayList<>();
    for (int f = 0; f < FIGURES.length; f++) {
      if (GAPS[f] != null) {
        disparities.add(gap(f, means, values, judged, gapCi[f], grouping.labels()));
      }
    }
    return new AttributeReport(
        grouping.name(),
        grouping.columns(),
        grouping.binning(),
        reference.index() < 0 ? null : grouping.labels().get(reference.index()),
        reference.source(),
        reports,
        disparities,
        null);
  }

  private Disparity gap(
      int f,
      double[][] means,
      double[][][] values,
      boolean[] judged,
      double[] ci,
      List<String> labels) {
    int high = -1;
    int low = -1;
    for (int g = 0; g < means.length; g++) {
      if (!judged[g] || Double.isNaN(means[g][f])) {
        continue;
      }
      if (high < 0 || means[g][f] > means[high][f]) {
        high = g;
      }
      if (low < 0 || means[g][f] < means[low][f]) {
        low = g;
      }
    }
    double value = ClassificationFigures.gap(judgedColumn(means, f, judged));
    double p = Double.NaN;
    String test = Significance.NONE;
    if (high >= 0
        && low >= 0
        && high != low
        && values[high][f].length > 1
        && values[low][f].length > 1) {
      p = new TTest().tTest(values[high][f], values[low][f]);
      test = "Welch t-test (highest vs lowest group)";
    }
    String key = GAPS[f];
    Double limit = settings.thresholds().limit(key);
    String verdict =
        Double.isNaN(value)
            ? Disparity.NOT_JUDGED
            : limit == null ? Disparity.INFO : value <= limit ? Disparity.FAIR : Disparity.UNFAIR;
    List<String> groups =
        high >= 0 && low >= 0 && high != low
            ? List.of(labels.get(high), labels.get(low))
            : List.of();
    String title =
        switch (key) {
          case Disparity.MEAN_PREDICTION_DIFFERENCE -> "Mean prediction difference";
          case Disparity.MEAN_ERROR_DIFFERENCE -> "Mean error difference";
          default -> "Mean absolute error difference";
        };
    boolean significant = !Double.isNaN(p) && p < settings.alpha();
    String rule = limit == null ? "no threshold" : "<= " + NumericBins.text(limit);
    Disparity draft =
        new Disparity(
            key,
            title,
            value,
            ci[0],
            ci[1],
            p,
            test,
            limit,
            rule,
            verdict,
            significant,
            groups,
            "",
            List.of());
    String explanation =
        Explanations.finding(draft, Explanations.meaning(key, ""), settings.alpha(), false);
    return new Disparity(
        key,
        title,
        value,
        ci[0],
        ci[1],
        p,
        test,
        limit,
        rule,
        verdict,
        significant,
        groups,
        explanation,
        List.of());
  }

  private static double[] judgedColumn(double[][] means, int f, boolean[] judged) {
    double[] column = new double[means.length];
    for (int g = 0; g < means.length; g++) {
      column[g] = judged[g] ? means[g][f] : Double.NaN;
    }
    return column;
  }

  /** The standard deviation of the bootstrap mean: population SD / sqrt(n). */
  private static double standardError(double[] values, double mean) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / values.length) / Math.sqrt(values.length);
  }

  private static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
