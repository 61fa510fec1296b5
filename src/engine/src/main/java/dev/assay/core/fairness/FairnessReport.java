package dev.assay.core.fairness;

import java.time.Instant;
import java.util.List;

/**
 * A bias report: group fairness of one stored evaluation run, computed from its stored predictions
 * joined with the dataset's sensitive columns (no inference again).
 *
 * @param runId the evaluation run
 * @param model the model version ({@code name:version})
 * @param dataset the dataset version
 * @param task {@code classification} or {@code regression}
 * @param classOrder the model's classes (empty for regression)
 * @param positiveLabel the class whose prediction counts as "selected" (selection rate, TPR...)
 * @param favorableLabel the outcome that benefits the person (favourable rate, disparate impact)
 * @param labelSource where the run's predicted labels came from
 * @param rows rows of the run joined with the dataset
 * @param attributes one report per sensitive column, then the intersection when asked for
 * @param verdict {@code fair} when every judged disparity is fair, {@code unfair} when one is not,
 *     {@code not_judged} when none could be judged
 */
public record FairnessReport(
    long runId,
    String model,
    String dataset,
    String target,
    String task,
    List<String> classOrder,
    String positiveLabel,
    String favorableLabel,
    String labelSource,
    long rows,
    FairnessSettings settings,
    Instant createdAt,
    String createdBy,
    List<AttributeReport> attributes,
    List<String> warnings,
    String verdict) {

  /** The attribute report named {@code name}, or null. */
  public AttributeReport attribute(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
  }

  /** The overall verdict over the attributes' disparities. */
  static String overall(List<AttributeReport> attributes) {
    boolean anyJudged = false;
    for (AttributeReport a : attributes) {
      for (Disparity d : a.disparities()) {
        if (d.verdict().equals(Disparity.UNFAIR)) {
          return Disparity.UNFAIR;
        }
        anyJudged |= d.verdict().equals(Disparity.FAIR);
      }
    }
    return anyJudged ? Disparity.FAIR : Disparity.NOT_JUDGED;
  }
}
