package dev.assay.core.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A gap disparity computed from per-group counts instead of scored rows, with the definitions,
 * limits and group-size rule of {@code assay fairness} ({@link ClassificationFigures}, {@link
 * FairnessThresholds}): a monitored stream's predictions counted per group of a sensitive column.
 *
 * <ul>
 *   <li>{@code demographic_parity_difference}: largest minus smallest selection rate (share
 *       predicted positive) over the groups with at least {@code minGroupSize} predictions; labels
 *       are not needed, every prediction counts;
 *   <li>{@code equal_opportunity_difference}, {@code equalized_odds_difference}, {@code
 *       predictive_parity_difference}: over the labelled predictions only (a group is judged with
 *       at least {@code minGroupSize} of them), exactly as the batch analysis over those rows.
 * </ul>
 *
 * A value is fair when it is at most its limit; NaN (fewer than two judged groups with the rate
 * defined) is not judged.
 */
public final class CountedDisparity {
  /** The disparities a count-based gate can judge. */
  public static final Set<String> METRICS =
      Set.of(
          Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE,
          Disparity.EQUAL_OPPORTUNITY_DIFFERENCE,
          Disparity.EQUALIZED_ODDS_DIFFERENCE,
          Disparity.PREDICTIVE_PARITY_DIFFERENCE);

  /**
   * One group's counts for the positive class.
   *
   * @param predictions predictions of the group
   * @param predictedPositive of them, predicted positive
   * @param tp labelled predictions: true positives (and so on)
   */
  public record Counts(
      String group, long predictions, long predictedPositive, long tp, long fp, long fn, long tn) {
    /** Labelled predictions of the group. */
    public long labelled() {
      return tp + fp + fn + tn;
    }
  }

  /**
   * A group's rate that the disparity compares.
   *
   * @param n the group's size as judged (predictions, or labelled predictions)
   * @param rate selection rate, TPR or precision (null when undefined)
   * @param judged whether the group has at least the minimum size
   */
  public record GroupRate(String group, long n, Double rate, boolean judged) {}

  /**
   * @param value the disparity, null when not judged
   * @param limit the limit it is judged against
   * @param verdict {@link Disparity#FAIR}, {@link Disparity#UNFAIR} or {@link Disparity#NOT_JUDGED}
   */
  public record Result(
      String metric,
      Double value,
      double limit,
      String verdict,
      int minGroupSize,
      List<GroupRate> groups) {}

  private CountedDisparity() {}

  /** The default limit of {@code metric} ({@link FairnessThresholds#DEFAULTS}). */
  public static double defaultLimit(String metric) {
    check(metric);
    return FairnessThresholds.DEFAULTS.limit(metric);
  }

  /** The default smallest judged group ({@link FairnessSettings#of}: 20). */
  public static int defaultMinGroupSize() {
    return FairnessSettings.of(List.of("x")).minGroupSize();
  }

  /**
   * @throws IllegalArgumentException for a metric that is not one of {@link #METRICS}
   */
  public static void check(String metric) {
    if (!METRICS.contains(metric)) {
      throw new IllegalArgumentException(
          "the fairness gate judges one of "
              + String.join(", ", new java.util.TreeSet<>(METRICS))
              + ", not '"
              + metric
              + "'");
    }
  }

  /** Judges {@code metric} over {@code groups}. */
  public static Result evaluate(
      String metric, List<Counts> groups, double limit, int minGroupSize) {
    check(metric);
    boolean selection = metric.equals(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE);
    int n = groups.size();
    long[][] cells = new long[n][ClassificationFigures.CELLS];
    boolean[] judged = new boolean[n];
    for (int g = 0; g < n; g++) {
      Counts c = groups.get(g);
      long[] cell = cells[g];
      if (selection) {
        // the truth does not enter a selection rate: every prediction as a non-positive truth
        cell[pos(ScoredPredictions.OTHER, ScoredPredictions.POSITIVE)] = c.predictedPositive();
        cell[8] = c.predictions() - c.predictedPositive();
        judged[g] = c.predictions() >= minGroupSize;
      } else {
        cell[pos(ScoredPredictions.POSITIVE, ScoredPredictions.POSITIVE)] = c.tp();
        cell[pos(ScoredPredictions.POSITIVE, ScoredPredictions.OTHER)] = c.fn();
        cell[pos(ScoredPredictions.OTHER, ScoredPredictions.POSITIVE)] = c.fp();
        cell[8] = c.tn();
        judged[g] = c.labelled() >= minGroupSize;
      }
    }
    ClassificationFigures figures = new ClassificationFigures(judged, -1, true);
    double[] out = new double[figures.size()];
    figures.compute(cells, out);
    int index =
        switch (metric) {
          case Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE -> 0;
          case Disparity.EQUAL_OPPORTUNITY_DIFFERENCE -> 3;
          case Disparity.EQUALIZED_ODDS_DIFFERENCE -> 4;
          default -> 6;
        };
    int rate =
        switch (index) {
          case 0 -> ClassificationFigures.SELECTION;
          case 6 -> ClassificationFigures.PRECISION;
          default -> ClassificationFigures.TPR;
        };
    double value = out[figures.disparity(index)];
    List<GroupRate> rates = new ArrayList<>();
    for (int g = 0; g < n; g++) {
      Counts c = groups.get(g);
      rates.add(
          new GroupRate(
              c.group(),
              selection ? c.predictions() : c.labelled(),
              orNull(out[figures.rate(g, rate)]),
              judged[g]));
    }
    String verdict =
        Double.isNaN(value)
            ? Disparity.NOT_JUDGED
            : value <= limit ? Disparity.FAIR : Disparity.UNFAIR;
    return new Result(metric, orNull(value), limit, verdict, minGroupSize, List.copyOf(rates));
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static int pos(byte truth, byte predicted) {
    return 3 * truth + predicted;
  }
}
