package dev.assay.ui.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The group view of a stored explanation ({@code assay explain --group-by COL|predicted}, JSON
 * {@code groups}): attributions averaged per group of the explained rows and each group's gap in
 * mean output to the reference (largest) group, split into features plus a residual.
 */
final class ExplanationGroups {
  private ExplanationGroups() {}

  /**
   * One feature's part of a group.
   *
   * @param feature the column
   * @param meanAttribution mean φ over the group's rows
   * @param gap mean φ of the group minus the reference group's
   */
  public record Part(String feature, double meanAttribution, double gap) {}

  /**
   * One group.
   *
   * @param value the group's label (a column value, or the predicted class)
   * @param rows explained rows in the group
   * @param meanPrediction mean output over the group's rows
   * @param gap mean output minus the reference group's
   * @param residual the gap minus the sum of the features' gaps
   * @param reference whether this is the reference group
   * @param parts per feature, in the explanation's feature order
   */
  public record Group(
      String value,
      int rows,
      double meanPrediction,
      double gap,
      double residual,
      boolean reference,
      List<Part> parts) {}

  /**
   * The group view.
   *
   * @param by the column, or {@code predicted}
   * @param reference the reference group's label
   * @param settings one line saying what was grouped and what the gap is
   * @param groups the groups in order of first appearance
   */
  public record Groups(String by, String reference, String settings, List<Group> groups) {}

  /** The stored group view, or null when the explanation has none. */
  static Groups of(JsonNode doc, String outputSpace) {
    JsonNode g = doc.path("groups");
    if (g.isMissingNode() || g.isNull()) {
      return null;
    }
    String reference = g.path("reference").asText();
    List<Group> groups = new ArrayList<>();
    for (JsonNode group : g.path("groups")) {
      List<Part> parts = new ArrayList<>();
      JsonNode gapFeatures = group.path("gap").path("features");
      group
          .path("mean_attributions")
          .fields()
          .forEachRemaining(
              e ->
                  parts.add(
                      new Part(
                          e.getKey(),
                          e.getValue().asDouble(),
                          gapFeatures.path(e.getKey()).asDouble())));
      String value = group.path("value").asText();
      groups.add(
          new Group(
              value,
              group.path("rows").asInt(),
              group.path("mean_prediction").asDouble(),
              group.path("gap").path("prediction").asDouble(),
              group.path("gap").path("residual").asDouble(),
              value.equals(reference),
              List.copyOf(parts)));
    }
    String by = g.path("by").asText();
    JsonNode decision = g.path("decision");
    String what =
        decision.isNumber()
            ? "the predicted class (decision at "
                + ExplanationsViewModel.value(decision.asDouble())
                + ")"
            : by;
    int referenceRows =
        groups.stream().filter(Group::reference).mapToInt(Group::rows).findFirst().orElse(0);
    String settings =
        String.format(
            Locale.ROOT,
            "Grouped by %s: %d groups; reference '%s' (the largest, %d rows). Mean: a group's"
                + " mean output (%s), a feature's mean attribution; Gap: minus the reference's (a"
                + " group's gap = the sum of its features' gaps + the residual)",
            what,
            groups.size(),
            reference,
            referenceRows,
            outputSpace);
    return new Groups(by, reference, settings, List.copyOf(groups));
  }
}
