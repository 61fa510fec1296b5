package dev.assay.core.fairness;

import dev.assay.core.Cancellation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fairness of a classification run for one attribute. */
final class ClassificationAnalysis {
  private final ScoredPredictions predictions;
  private final FairnessSettings settings;
  private final boolean favorableIsPositive;
  private final boolean binary;
  private final String positive;
  private final String favorable;

  /**
   * @param binary whether the model has two classes (threshold analysis needs it)
   * @param positive the positive outcome in words, such as {@code 'deny = 1'}
   * @param favorable the favourable outcome in words
   */
  ClassificationAnalysis(
      ScoredPredictions predictions,
      FairnessSettings settings,
      boolean favorableIsPositive,
      boolean binary,
      String positive,
      String favorable) {
    this.predictions = predictions;
    this.settings = settings;
    this.favorableIsPositive = favorableIsPositive;
    this.binary = binary;
    this.positive = positive;
    this.favorable = favorable;
  }

  AttributeReport analyse(
      Grouping grouping, long seed, List<String> warnings, Cancellation cancel) {
    int groups = grouping.labels().size();
    int[] groupOf = GroupAssignment.ofPredictions(predictions.dataRow, grouping);
    long[][] cells = new long[groups][ClassificationFigures.CELLS];
    for (int i = 0; i < predictions.size; i++) {
      cells[groupOf[i]][
          ClassificationFigures.cell(
              predictions.truth[i], predictions.predicted[i], predictions.correct[i])]++;
    }
    return analyse(
        grouping,
        cells,
        () -> predictions.score == null ? null : GroupScores.of(predictions, groupOf, groups),
        seed,
        warnings,
        cancel);
  }

  /**
   * The report from the groups' cell counts ({@link ClassificationFigures#cell}) and their scores
   * ({@code scores} gives null when the run has no probabilities).
   */
  AttributeReport analyse(
      Grouping grouping,
      long[][] cells,
      java.util.function.Supplier<GroupScores> scoresOf,
      long seed,
      List<String> warnings,
      Cancellation cancel) {
    int groups = grouping.labels().size();
    long[] sizes = new long[groups];
    long total = 0;
    for (int g = 0; g < groups; g++) {
      for (long v : cells[g]) {
        sizes[g] += v;
      }
      total += sizes[g];
    }
    boolean[] judged = new boolean[groups];
    for (int g = 0; g < groups; g++) {
      judged[g] = sizes[g] >= settings.minGroupSize();
    }
    GroupAssignment.Reference reference =
        GroupAssignment.reference(grouping, sizes, judged, settings, warnings);
    ClassificationFigures figures =
        new ClassificationFigures(judged, reference.index(), favorableIsPositive);
    double[] point = new double[figures.size()];
    figures.compute(cells, point);
    double[][] intervals =
        BootstrapIntervals.classification(cells, figures, settings.resamples(), seed, cancel);
    GroupScores scores = scoresOf.get();
    List<GroupReport> reports = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      Map<String, Interval> ci = new LinkedHashMap<>();
      for (int r = 0; r < ClassificationFigures.RATES.length; r++) {
        String key = ClassificationFigures.RATES[r];
        metrics.put(key, point[figures.rate(g, r)]);
        double[] bounds = intervals[figures.rate(g, r)];
        ci.put(key, new Interval(bounds[0], bounds[1], Interval.BOOTSTRAP));
      }
      if (scores != null) {
        double[] auc = scores.rocAuc(g);
        metrics.put("roc_auc", auc[0]);
        ci.put("roc_auc", new Interval(auc[1], auc[2], Interval.DELONG));
      }
      long[] confusion = ClassificationFigures.confusion(cells[g]);
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("tp", confusion[0]);
      counts.put("fp", confusion[1]);
      counts.put("fn", confusion[2]);
      counts.put("tn", confusion[3]);
      reports.add(
          new GroupReport(
              grouping.labels().get(g),
              sizes[g],
              total == 0 ? Double.NaN : (double) sizes[g] / total,
              judged[g],
              judged[g] ? null : GroupAssignment.tooSmall(sizes[g], settings.minGroupSize()),
              metrics,
              ci,
              counts));
    }
    List<Disparity> disparities =
        new ClassificationDisparities(
                cells,
                figures,
                point,
                intervals,
                judged,
                reference.index(),
                grouping.labels(),
                settings,
                positive,
                favorable)
            .all();
    ThresholdAnalysis thresholds = null;
    if (binary && scores != null) {
      thresholds =
          new ThresholdSweep(scores, grouping.labels(), judged, reference.index()).analyse();
    }
    return new AttributeReport(
        grouping.name(),
        grouping.columns(),
        grouping.binning(),
        reference.index() < 0 ? null : grouping.labels().get(reference.index()),
        reference.source(),
        reports,
        disparities,
        thresholds);
  }
}
