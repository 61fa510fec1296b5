package dev.assay.core.fairness;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.inference.ClassLabels;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Computes a {@link FairnessReport} from a run's stored predictions and its dataset's sensitive
 * columns: reads the predictions and the CSV once each (in parallel), joins them by data-row
 * number, forms the groups of each attribute and computes the figures, intervals, tests, verdicts
 * and threshold analysis. Stateless; safe to share.
 */
public final class FairnessAnalyzer {
  /**
   * What the analyzer needs of a stored run.
   *
   * @param task {@code classification} or {@code regression}
   * @param positiveLabel the run's positive class, or null
   * @param predictions a copy of the run's stored predictions ({@code PredictionsFile} format)
   * @param datasetFile the dataset's managed CSV copy
   */
  public record RunInputs(
      long runId,
      String model,
      String dataset,
      String target,
      String task,
      List<String> classOrder,
      String positiveLabel,
      String labelSource,
      Path predictions,
      Path datasetFile) {}

  /**
   * Computes the report.
   *
   * @throws AssayException for a missing column, an unknown class or reference group, or groups
   *     that cannot be formed, naming the column and the values there are
   */
  public FairnessReport analyse(
      RunInputs run,
      FairnessSettings settings,
      Instant createdAt,
      String createdBy,
      Progress progress,
      Cancellation cancel) {
    boolean regression = "regression".equals(run.task());
    List<String> warnings = new ArrayList<>();
    int positive = -1;
    int favorable = -1;
    String positiveLabel = null;
    String favorableLabel = null;
    if (!regression) {
      int[] outcomes = outcomeClasses(run.classOrder(), run.positiveLabel(), settings);
      positive = outcomes[0];
      favorable = outcomes[1];
      positiveLabel = run.classOrder().get(positive);
      favorableLabel = run.classOrder().get(favorable);
      if (settings.favorableLabel() == null) {
        warnings.add(noFavorable(positiveLabel));
      }
    }
    progress.update(0, 3, "reading the predictions and the sensitive columns");
    int pos = positive;
    int fav = favorable;
    CompletableFuture<SensitiveColumns> columns =
        CompletableFuture.supplyAsync(
            () ->
                SensitiveColumns.read(
                    run.datasetFile(), run.dataset(), settings.sensitive(), cancel));
    ScoredPredictions predictions =
        regression
            ? ScoredPredictions.regression(run.predictions())
            : ScoredPredictions.classification(run.predictions(), pos, fav);
    SensitiveColumns sensitive = join(columns);
    cancel.throwIfCancelled();
    progress.update(1, 3, "forming groups");
    List<Grouping> groupings = groupings(sensitive, settings);
    progress.update(2, 3, "computing figures, intervals and tests");
    List<AttributeReport> attributes = new ArrayList<>();
    String positiveWords = regression ? "" : "'" + run.target() + " = " + positiveLabel + "'";
    String favorableWords = regression ? "" : "'" + run.target() + " = " + favorableLabel + "'";
    for (int a = 0; a < groupings.size(); a++) {
      long seed = settings.seed() ^ (0x9E3779B97F4A7C15L * (a + 1));
      Grouping grouping = groupings.get(a);
      attributes.add(
          regression
              ? new RegressionAnalysis(predictions, settings)
                  .analyse(grouping, seed, warnings, cancel)
              : new ClassificationAnalysis(
                      predictions,
                      settings,
                      pos == fav,
                      run.classOrder().size() == 2,
                      positiveWords,
                      favorableWords)
                  .analyse(grouping, seed, warnings, cancel));
    }
    if (!regression && predictions.score == null) {
      warnings.add("the run stored no probabilities: no ROC AUC per group, no threshold analysis");
    }
    progress.update(3, 3, "done");
    return new FairnessReport(
        run.runId(),
        run.model(),
        run.dataset(),
        run.target(),
        regression ? "regression" : "classification",
        regression ? List.of() : run.classOrder(),
        positiveLabel,
        favorableLabel,
        run.labelSource(),
        predictions.size,
        settings,
        createdAt,
        createdBy,
        attributes,
        warnings,
        FairnessReport.overall(attributes));
  }

  private static String noFavorable(String positiveLabel) {
    return "no favourable outcome was given: taken to be the positive class '"
        + positiveLabel
        + "' (for a denial model, name the approval class as favourable)";
  }

  /**
   * The positive and favourable classes' indexes in {@code classOrder} under {@code settings}, as a
   * report of a run whose positive class is {@code runPositive} (null when it has none) takes them.
   *
   * @return {@code {positive, favorable}}
   * @throws AssayException when a named class is not one of the model's, or a run of more than two
   *     classes names no positive class
   */
  public static int[] outcomeClasses(
      List<String> classOrder, String runPositive, FairnessSettings settings) {
    int positive;
    if (settings.positiveLabel() != null) {
      positive = classIndex(classOrder, settings.positiveLabel(), "positive class");
    } else if (runPositive != null) {
      positive = classIndex(classOrder, runPositive, "positive class");
    } else if (classOrder.size() == 2) {
      positive = 1;
    } else {
      throw new AssayException(
          "the run has "
              + classOrder.size()
              + " classes: name the positive class the group rates are about; classes: "
              + String.join(", ", classOrder));
    }
    int favorable =
        settings.favorableLabel() == null
            ? positive
            : classIndex(classOrder, settings.favorableLabel(), "favourable outcome");
    return new int[] {positive, favorable};
  }

  /**
   * The report of a classification run from its {@link FairnessTally} instead of its stored
   * predictions and dataset ({@code run}'s files are not read): the same groups, figures,
   * intervals, tests, verdicts and threshold analysis.
   *
   * @throws AssayException as {@link #analyse(RunInputs, FairnessSettings, Instant, String,
   *     Progress, Cancellation)}, and for a regression run
   */
  public FairnessReport analyse(
      RunInputs run,
      FairnessTally tally,
      FairnessSettings settings,
      Instant createdAt,
      String createdBy) {
    if ("regression".equals(run.task())) {
      throw new AssayException("a fairness tally holds classifications, not a regression run");
    }
    List<String> warnings = new ArrayList<>();
    int[] outcomes = outcomeClasses(run.classOrder(), run.positiveLabel(), settings);
    if (outcomes[0] != tally.positive() || outcomes[1] != tally.favorable()) {
      throw new IllegalStateException(
          "the tally was counted for other positive/favourable classes");
    }
    String positiveLabel = run.classOrder().get(outcomes[0]);
    String favorableLabel = run.classOrder().get(outcomes[1]);
    if (settings.favorableLabel() == null) {
      warnings.add(noFavorable(positiveLabel));
    }
    var ordered = tally.ordered();
    List<List<String>> texts = ordered.stream().map(java.util.Map.Entry::getKey).toList();
    List<FairnessTally.Key> keys = ordered.stream().map(java.util.Map.Entry::getValue).toList();
    long[] weights = new long[keys.size()];
    for (int k = 0; k < weights.length; k++) {
      // every data row, with a prediction or not, counts in the quantiles (as locally)
      weights[k] = keys.get(k).rows;
    }
    List<Grouping> groupings =
        groupings(SensitiveColumns.of(settings.sensitive(), texts), settings, weights);
    List<AttributeReport> attributes = new ArrayList<>();
    String positiveWords = "'" + run.target() + " = " + positiveLabel + "'";
    String favorableWords = "'" + run.target() + " = " + favorableLabel + "'";
    for (int a = 0; a < groupings.size(); a++) {
      long seed = settings.seed() ^ (0x9E3779B97F4A7C15L * (a + 1));
      Grouping grouping = groupings.get(a);
      int groups = grouping.labels().size();
      int[] groupOfKey = grouping.groupOfRow();
      long[][] cells = new long[groups][ClassificationFigures.CELLS];
      for (int k = 0; k < keys.size(); k++) {
        for (int c = 0; c < ClassificationFigures.CELLS; c++) {
          cells[groupOfKey[k]][c] += keys.get(k).cells[c];
        }
      }
      attributes.add(
          new ClassificationAnalysis(
                  null,
                  settings,
                  outcomes[0] == outcomes[1],
                  run.classOrder().size() == 2,
                  positiveWords,
                  favorableWords)
              .analyse(
                  grouping,
                  cells,
                  () ->
                      tally.scored()
                          ? GroupScores.sorted(
                              FairnessTally.scores(keys, groupOfKey, groups, true),
                              FairnessTally.scores(keys, groupOfKey, groups, false))
                          : null,
                  seed,
                  warnings,
                  Cancellation.NONE));
    }
    if (!tally.scored()) {
      warnings.add("the run stored no probabilities: no ROC AUC per group, no threshold analysis");
    }
    return new FairnessReport(
        run.runId(),
        run.model(),
        run.dataset(),
        run.target(),
        "classification",
        run.classOrder(),
        positiveLabel,
        favorableLabel,
        run.labelSource(),
        tally.predictions(),
        settings,
        createdAt,
        createdBy,
        attributes,
        warnings,
        FairnessReport.overall(attributes));
  }

  private static List<Grouping> groupings(SensitiveColumns sensitive, FairnessSettings settings) {
    return groupings(sensitive, settings, null);
  }

  private static List<Grouping> groupings(
      SensitiveColumns sensitive, FairnessSettings settings, long[] weights) {
    List<Grouping> groupings = new ArrayList<>();
    for (String column : settings.sensitive()) {
      groupings.add(Grouping.of(sensitive.column(column), settings, weights));
    }
    if (settings.intersectional() && groupings.size() > 1) {
      groupings.add(Grouping.intersection(List.copyOf(groupings)));
    }
    for (String attribute : settings.reference().keySet()) {
      String group = settings.reference().get(attribute);
      boolean found =
          groupings.stream()
              .anyMatch(
                  g ->
                      (attribute.equals(FairnessSettings.ANY_ATTRIBUTE)
                              || g.name().equals(attribute))
                          && g.labels().contains(group));
      boolean named =
          attribute.equals(FairnessSettings.ANY_ATTRIBUTE)
              || groupings.stream().anyMatch(g -> g.name().equals(attribute));
      if (!named) {
        throw new AssayException(
            "the reference names '"
                + attribute
                + "', which is not a sensitive column or intersection of this report");
      }
      if (!found) {
        throw new AssayException(
            "the reference group '"
                + group
                + "' is not a group of "
                + (attribute.equals(FairnessSettings.ANY_ATTRIBUTE) ? "any attribute" : attribute)
                + "; groups: "
                + String.join(
                    "; ",
                    groupings.stream()
                        .map(g -> g.name() + ": " + String.join(", ", g.labels()))
                        .toList()));
      }
    }
    return groupings;
  }

  private static int classIndex(List<String> classOrder, String label, String what) {
    int index = ClassLabels.indexOf(classOrder, label);
    if (index < 0) {
      throw new AssayException(
          "the " + what + " '" + label + "' is not one of the model's classes " + classOrder);
    }
    return index;
  }

  private static SensitiveColumns join(CompletableFuture<SensitiveColumns> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
