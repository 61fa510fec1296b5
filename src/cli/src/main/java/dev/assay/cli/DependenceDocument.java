package dev.assay.cli;

import dev.assay.core.explain.AccumulatedLocalEffects;
import dev.assay.core.explain.PartialDependence;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code partial_dependence} part of {@code assay explain --pdp}: JSON and text. */
final class DependenceDocument {
  private DependenceDocument() {}

  /**
   * {@code method}, {@code grid_resolution}, {@code percentiles}, {@code curves} [{@code feature},
   * {@code grid}, {@code average}, and with ICE {@code individual} [{@code row}, {@code values}]].
   */
  static Map<String, Object> of(List<PartialDependence.Curve> curves, int firstRow, boolean ice) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("method", "brute");
    doc.put("grid_resolution", PartialDependence.RESOLUTION);
    doc.put("percentiles", List.of(PartialDependence.LOW, PartialDependence.HIGH));
    List<Map<String, Object>> list = new ArrayList<>();
    for (PartialDependence.Curve c : curves) {
      Map<String, Object> curve = new LinkedHashMap<>();
      curve.put("feature", c.feature());
      curve.put("grid", c.grid());
      curve.put("average", c.average());
      if (ice) {
        List<Map<String, Object>> individual = new ArrayList<>();
        for (int r = 0; r < c.individual().length; r++) {
          individual.add(Map.of("row", firstRow + r, "values", c.individual()[r]));
        }
        curve.put("individual", individual);
      }
      list.add(curve);
    }
    doc.put("curves", list);
    return doc;
  }

  /** Each curve as a two-column table, at most 20 grid points shown (all in the JSON). */
  static void print(PrintWriter out, List<PartialDependence.Curve> curves) {
    for (PartialDependence.Curve c : curves) {
      out.printf(
          Locale.ROOT,
          "%npartial dependence of %s (%d grid points, mean over %d rows):%n",
          c.feature(),
          c.grid().length,
          c.individual().length);
      int step = Math.max(1, (c.grid().length + 19) / 20);
      for (int g = 0; g < c.grid().length; g += step) {
        out.printf(Locale.ROOT, "  %14.6g  %12.6f%n", c.grid()[g], c.average()[g]);
      }
    }
  }

  /**
   * {@code global.ale}: {@code min_bin_points}, {@code low_resolution_threshold}, {@code centring},
   * {@code curves} [{@code feature}, {@code bins}, {@code grid}, {@code values}, {@code counts},
   * {@code offset}].
   */
  static Map<String, Object> ale(List<AccumulatedLocalEffects.Curve> curves) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("min_bin_points", AccumulatedLocalEffects.MIN_BIN_POINTS);
    doc.put("low_resolution_threshold", AccumulatedLocalEffects.LOW_RESOLUTION_THRESHOLD);
    doc.put("centring", "mean over the rows, each row's effect interpolated in its interval");
    List<Map<String, Object>> list = new ArrayList<>();
    for (AccumulatedLocalEffects.Curve c : curves) {
      Map<String, Object> curve = new LinkedHashMap<>();
      curve.put("feature", c.feature());
      curve.put("bins", c.bins());
      curve.put("grid", c.grid());
      curve.put("values", c.values());
      curve.put("counts", c.counts());
      curve.put("offset", c.offset());
      list.add(curve);
    }
    doc.put("curves", list);
    return doc;
  }

  /** Each ALE curve as a two-column table, at most 20 edges shown (all in the JSON). */
  static void printAle(PrintWriter out, List<AccumulatedLocalEffects.Curve> curves) {
    for (AccumulatedLocalEffects.Curve c : curves) {
      out.printf(
          Locale.ROOT,
          "%naccumulated local effects of %s (%d intervals, centred to mean 0 over the rows):%n",
          c.feature(),
          c.bins());
      int step = Math.max(1, (c.grid().length + 19) / 20);
      for (int g = 0; g < c.grid().length; g += step) {
        out.printf(Locale.ROOT, "  %14.6g  %12.6f%n", c.grid()[g], c.values()[g]);
      }
    }
  }
}
