package dev.assay.ui.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the Explanations screen plots and tabulates beyond importance and reasons, read from a
 * stored explanation's JSON: the ALE curves ({@code global.ale}), the partial dependence and ICE
 * curves ({@code partial_dependence}) and the counterfactuals ({@code recourse}).
 */
final class ExplanationPlots {
  private ExplanationPlots() {}

  /**
   * One feature's accumulated local effects.
   *
   * @param feature the column
   * @param grid the interval edges (feature values)
   * @param values the centred effect at each edge, in the explanation's output space
   */
  public record AleCurve(String feature, double[] grid, double[] values) {}

  /**
   * One feature's partial dependence and, when stored ({@code --ice}), its ICE curves.
   *
   * @param feature the column
   * @param grid the feature values the model was evaluated at
   * @param average the partial dependence: the mean over the rows at each grid value
   * @param rows the 0-based data row of each ICE curve, empty without ICE
   * @param individual {@code individual[k][g]}: row {@code rows[k]}'s output at grid value g
   */
  public record PdpCurve(
      String feature, double[] grid, double[] average, long[] rows, double[][] individual) {
    /** Whether the ICE curves are stored. */
    public boolean hasIce() {
      return individual.length > 0;
    }
  }

  /**
   * One counterfactual of an adverse row, as a table row.
   *
   * @param row the 0-based data row
   * @param prediction the row's output
   * @param rank 1 for the nearest counterfactual of the row
   * @param distance L-infinity in standard deviations plus 1 per changed category
   * @param counterfactualPrediction the counterfactual's output, re-scored
   * @param changes the changed features, {@code feature from → to}, separated by "; "
   */
  public record Counterfactual(
      long row,
      double prediction,
      int rank,
      double distance,
      double counterfactualPrediction,
      String changes) {}

  static List<AleCurve> ale(JsonNode doc) {
    List<AleCurve> curves = new ArrayList<>();
    for (JsonNode c : doc.path("global").path("ale").path("curves")) {
      curves.add(
          new AleCurve(
              c.path("feature").asText(), numbers(c.path("grid")), numbers(c.path("values"))));
    }
    return List.copyOf(curves);
  }

  static List<PdpCurve> pdp(JsonNode doc) {
    List<PdpCurve> curves = new ArrayList<>();
    for (JsonNode c : doc.path("partial_dependence").path("curves")) {
      JsonNode ice = c.path("individual");
      long[] rows = new long[ice.size()];
      double[][] individual = new double[ice.size()][];
      for (int k = 0; k < rows.length; k++) {
        rows[k] = ice.get(k).path("row").asLong();
        individual[k] = numbers(ice.get(k).path("values"));
      }
      curves.add(
          new PdpCurve(
              c.path("feature").asText(),
              numbers(c.path("grid")),
              numbers(c.path("average")),
              rows,
              individual));
    }
    return List.copyOf(curves);
  }

  static List<Counterfactual> recourse(JsonNode doc) {
    List<Counterfactual> out = new ArrayList<>();
    for (JsonNode row : doc.path("recourse").path("rows")) {
      int rank = 0;
      for (JsonNode cf : row.path("counterfactuals")) {
        List<String> parts = new ArrayList<>();
        for (JsonNode c : cf.path("changes")) {
          parts.add(
              c.path("feature").asText()
                  + " "
                  + ExplanationsViewModel.value(c.path("from").asDouble())
                  + " → "
                  + ExplanationsViewModel.value(c.path("to").asDouble()));
        }
        out.add(
            new Counterfactual(
                row.path("row").asLong(),
                row.path("prediction").asDouble(),
                ++rank,
                cf.path("distance").asDouble(),
                cf.path("prediction").asDouble(),
                String.join("; ", parts)));
      }
    }
    return List.copyOf(out);
  }

  /** The recourse settings line, or "" when the explanation has no recourse. */
  static String recourseSettings(JsonNode doc) {
    JsonNode r = doc.path("recourse");
    if (r.isMissingNode()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "decision at %s (adverse %s), margin %s; %d adverse rows; distance: %s",
        ExplanationsViewModel.value(r.path("threshold").asDouble()),
        r.path("adverse").asText(),
        ExplanationsViewModel.value(r.path("margin").asDouble()),
        r.path("rows").size(),
        r.path("distance").asText());
  }

  static double[] numbers(JsonNode array) {
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).asDouble();
    }
    return v;
  }
}
