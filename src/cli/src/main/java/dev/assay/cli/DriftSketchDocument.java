package dev.assay.cli;

import dev.assay.core.drift.SketchBounds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of a numeric feature compared against a stored reference sketch: the KS statistic's
 * bounds and error, the Wasserstein error, and the sketch's size, so that a reader knows which
 * figures are not exact.
 */
final class DriftSketchDocument {
  private DriftSketchDocument() {}

  /**
   * Adds the sketch's bounds to a feature's {@code tests} and its {@code ks} part; none when null.
   */
  static void add(Map<String, Object> tests, Map<String, Object> ks, SketchBounds sketch) {
    if (sketch == null) {
      return;
    }
    ks.put("statistic_error", sketch.ksError());
    ks.put("statistic_bounds", new double[] {sketch.ksLow(), sketch.ksHigh()});
    tests.put("wasserstein_error", sketch.wassersteinError());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("grid_points", sketch.gridPoints());
    s.put("max_gap", sketch.maxGap());
    s.put(
        "note",
        "reference held as a sketch in the stored profile: KS D and Wasserstein within the stated"
            + " error of their exact values, the binned distances, rates and counts exact");
    tests.put("reference_sketch", s);
  }
}
