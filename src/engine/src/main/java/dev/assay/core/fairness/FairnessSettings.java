package dev.assay.core.fairness;

import dev.assay.core.AssayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fairness report covers and how it judges.
 *
 * @param sensitive the sensitive columns (at least one); they need not be model inputs
 * @param intersectional with several columns, also report their Cartesian product
 * @param binEdges user-given bin edges per numeric column ({@code [e1, e2]} gives the groups {@code
 *     < e1}, {@code [e1, e2)}, {@code >= e2})
 * @param quantileBins number of quantile bins for a numeric column with many values and no edges
 * @param maxCategories a numeric column with more distinct values than this is binned
 * @param reference reference group per attribute name ({@code afam}, or {@code afam & single} for
 *     an intersection); the key {@code *} applies to every attribute having that group; absent: the
 *     largest group
 * @param positiveLabel the positive class (selection rate, TPR...); null: the run's positive class
 * @param favorableLabel the favourable outcome; null: the positive class
 * @param thresholds the limits the verdicts use
 * @param resamples bootstrap resamples for the confidence intervals
 * @param seed bootstrap seed (same seed, same intervals)
 * @param minGroupSize groups with fewer rows are flagged "too small to judge" and not judged
 * @param alpha significance level of the tests
 */
public record FairnessSettings(
    List<String> sensitive,
    boolean intersectional,
    Map<String, List<Double>> binEdges,
    int quantileBins,
    int maxCategories,
    Map<String, String> reference,
    String positiveLabel,
    String favorableLabel,
    FairnessThresholds thresholds,
    int resamples,
    long seed,
    int minGroupSize,
    double alpha) {

  /** The key of {@link #reference()} that applies to every attribute. */
  public static final String ANY_ATTRIBUTE = "*";

  public FairnessSettings {
    if (sensitive == null || sensitive.isEmpty()) {
      throw new AssayException("name at least one sensitive column");
    }
    sensitive = List.copyOf(sensitive);
    if (sensitive.stream().distinct().count() != sensitive.size()) {
      throw new AssayException("a sensitive column is named twice: " + sensitive);
    }
    binEdges = binEdges == null ? Map.of() : Map.copyOf(binEdges);
    binEdges.forEach(FairnessSettings::checkEdges);
    reference = reference == null ? Map.of() : Map.copyOf(reference);
    thresholds = thresholds == null ? FairnessThresholds.DEFAULTS : thresholds;
    positiveLabel = blankToNull(positiveLabel);
    favorableLabel = blankToNull(favorableLabel);
    if (quantileBins < 2) {
      throw new AssayException("quantile bins must be at least 2, not " + quantileBins);
    }
    if (resamples < 0) {
      throw new AssayException("bootstrap resamples must be >= 0, not " + resamples);
    }
    if (minGroupSize < 1) {
      throw new AssayException("the smallest judged group must be >= 1 row, not " + minGroupSize);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new AssayException("the significance level must lie between 0 and 1, not " + alpha);
    }
  }

  /** Defaults: intersectional, quartiles, 1000 resamples, seed 42, groups of 20, alpha 0.05. */
  public static FairnessSettings of(List<String> sensitive) {
    return new FairnessSettings(
        sensitive,
        true,
        Map.of(),
        4,
        10,
        Map.of(),
        null,
        null,
        FairnessThresholds.DEFAULTS,
        1000,
        42,
        20,
        0.05);
  }

  public FairnessSettings withFavorable(String favorable) {
    return new FairnessSettings(
        sensitive,
        intersectional,
        binEdges,
        quantileBins,
        maxCategories,
        reference,
        positiveLabel,
        favorable,
        thresholds,
        resamples,
        seed,
        minGroupSize,
        alpha);
  }

  public FairnessSettings withPositive(String positive) {
    return new FairnessSettings(
        sensitive,
        intersectional,
        binEdges,
        quantileBins,
        maxCategories,
        reference,
        positive,
        favorableLabel,
        thresholds,
        resamples,
        seed,
        minGroupSize,
        alpha);
  }

  public FairnessSettings withReference(String attribute, String group) {
    Map<String, String> map = new LinkedHashMap<>(reference);
    map.put(attribute, group);
    return new FairnessSettings(
        sensitive,
        intersectional,
        binEdges,
        quantileBins,
        maxCategories,
        map,
        positiveLabel,
        favorableLabel,
        thresholds,
        resamples,
        seed,
        minGroupSize,
        alpha);
  }

  public FairnessSettings withBins(String column, List<Double> edges) {
    Map<String, List<Double>> map = new LinkedHashMap<>(binEdges);
    map.put(column, List.copyOf(edges));
    return new FairnessSettings(
        sensitive,
        intersectional,
        map,
        quantileBins,
        maxCategories,
        reference,
        positiveLabel,
        favorableLabel,
        thresholds,
        resamples,
        seed,
        minGroupSize,
        alpha);
  }

  public FairnessSettings withThresholds(FairnessThresholds limits) {
    return new FairnessSettings(
        sensitive,
        intersectional,
        binEdges,
        quantileBins,
        maxCategories,
        reference,
        positiveLabel,
        favorableLabel,
        limits,
        resamples,
        seed,
        minGroupSize,
        alpha);
  }

  public FairnessSettings withBootstrap(int count, long rngSeed) {
    return new FairnessSettings(
        sensitive,
        intersectional,
        binEdges,
        quantileBins,
        maxCategories,
        reference,
        positiveLabel,
        favorableLabel,
        thresholds,
        count,
        rngSeed,
        minGroupSize,
        alpha);
  }

  public FairnessSettings withGrouping(boolean cross, int bins, int minGroup) {
    return new FairnessSettings(
        sensitive,
        cross,
        binEdges,
        bins,
        maxCategories,
        reference,
        positiveLabel,
        favorableLabel,
        thresholds,
        resamples,
        seed,
        minGroup,
        alpha);
  }

  /** The reference group chosen for {@code attribute}, or null for the largest. */
  public String referenceFor(String attribute) {
    String chosen = reference.get(attribute);
    return chosen != null ? chosen : reference.get(ANY_ATTRIBUTE);
  }

  private static void checkEdges(String column, List<Double> edges) {
    if (edges.isEmpty()) {
      throw new AssayException("bins of '" + column + "': give at least one edge");
    }
    for (int i = 0; i < edges.size(); i++) {
      if (!Double.isFinite(edges.get(i)) || (i > 0 && !(edges.get(i) > edges.get(i - 1)))) {
        throw new AssayException(
            "bins of '" + column + "': edges must be finite and increase: " + edges);
      }
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
