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
      positive = positiveIndex(run, settings);
      positiveLabel = run.classOrder().get(positive);
      if (settings.favorableLabel() == null) {
        favorable = positive;
        warnings.add(
            "no favourable outcome was given: taken to be the positive class '"
                + positiveLabel
                + "' (for a denial model, name the approval class as favourable)");
      } else {
        favorable = classIndex(run, settings.favorableLabel(), "favourable outcome");
      }
      favorableLabel = run.classOrder().get(favorable);
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

  private static List<Grouping> groupings(SensitiveColumns sensitive, FairnessSettings settings) {
    List<Grouping> groupings = new ArrayList<>();
    for (String column : settings.sensitive()) {
      groupings.add(Grouping.of(sensitive.column(column), settings));
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

  private static int positiveIndex(RunInputs run, FairnessSettings settings) {
    if (settings.positiveLabel() != null) {
      return classIndex(run, settings.positiveLabel(), "positive class");
    }
    if (run.positiveLabel() != null) {
      return classIndex(run, run.positiveLabel(), "positive class");
    }
    if (run.classOrder().size() == 2) {
      return 1;
    }
    throw new AssayException(
        "the run has "
            + run.classOrder().size()
            + " classes: name the positive class the group rates are about; classes: "
            + String.join(", ", run.classOrder()));
  }

  private static int classIndex(RunInputs run, String label, String what) {
    int index = ClassLabels.indexOf(run.classOrder(), label);
    if (index < 0) {
      throw new AssayException(
          "the " + what + " '" + label + "' is not one of the model's classes " + run.classOrder());
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
