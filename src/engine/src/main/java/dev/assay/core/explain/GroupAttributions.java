package dev.assay.core.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributions averaged per group of the explained rows (a sensitive attribute's values, or the
 * predicted class), and the gap between a group's mean prediction and the reference group's split
 * into features: {@code mean f(A) − mean f(R) = Σ_i (mean φ_i(A) − mean φ_i(R)) + residual}, where
 * the residual is the difference of the groups' mean efficiency errors (0 up to float32 rounding:
 * every row's attributions add up to f(x) − base, and the base is the same for all rows).
 */
public final class GroupAttributions {
  private GroupAttributions() {}

  /**
   * One group's averages.
   *
   * @param value the group's label
   * @param rows explained rows in the group
   * @param meanPrediction mean model output over the group's rows
   * @param meanPhi mean attribution per feature over the group's rows
   */
  public record Group(String value, int rows, double meanPrediction, double[] meanPhi) {}

  /**
   * A group's gap to the reference group, split into features.
   *
   * @param predictionGap {@code mean f(group) − mean f(reference)}
   * @param featureGap per feature {@code mean φ_i(group) − mean φ_i(reference)}
   * @param residual {@code predictionGap − Σ featureGap}
   */
  public record Gap(
      String group, String reference, double predictionGap, double[] featureGap, double residual) {}

  /**
   * The groups of {@code rows}, in order of first appearance; {@code labels.get(k)} is the group of
   * {@code rows.get(k)}.
   */
  public static List<Group> of(List<Explainer.RowAttribution> rows, List<String> labels) {
    if (rows.size() != labels.size()) {
      throw new IllegalArgumentException(rows.size() + " rows but " + labels.size() + " labels");
    }
    Map<String, List<Attribution>> members = new LinkedHashMap<>();
    for (int k = 0; k < rows.size(); k++) {
      members.computeIfAbsent(labels.get(k), g -> new ArrayList<>()).add(rows.get(k).attribution());
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, List<Attribution>> e : members.entrySet()) {
      List<Attribution> list = e.getValue();
      int m = list.getFirst().phi().length;
      double[] phi = new double[m];
      double prediction = 0;
      for (Attribution a : list) {
        prediction += a.prediction();
        for (int i = 0; i < m; i++) {
          phi[i] += a.phi()[i];
        }
      }
      for (int i = 0; i < m; i++) {
        phi[i] /= list.size();
      }
      groups.add(new Group(e.getKey(), list.size(), prediction / list.size(), phi));
    }
    return groups;
  }

  /** The reference group: the one with the most rows (the first of equals). */
  public static Group reference(List<Group> groups) {
    Group best = groups.getFirst();
    for (Group g : groups) {
      if (g.rows() > best.rows()) {
        best = g;
      }
    }
    return best;
  }

  /** {@code group}'s gap to {@code reference}, split into features. */
  public static Gap gap(Group group, Group reference) {
    double[] features = new double[group.meanPhi().length];
    double sum = 0;
    for (int i = 0; i < features.length; i++) {
      features[i] = group.meanPhi()[i] - reference.meanPhi()[i];
      sum += features[i];
    }
    double predictionGap = group.meanPrediction() - reference.meanPrediction();
    return new Gap(group.value(), reference.value(), predictionGap, features, predictionGap - sum);
  }
}
