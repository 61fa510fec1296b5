package dev.assay.ui.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A SHAP dependence plot of one feature: each explained row's φ of that feature against the
 * feature's value, the rows sorted by value. Rows whose value is not a number (text, missing, or
 * not stored) are left out and counted. No JavaFX.
 *
 * @param feature the feature
 * @param values the feature's values, ascending
 * @param phi each of those rows' φ of the feature
 * @param left the explained rows left out (no numeric value)
 */
record ShapDependence(String feature, double[] values, double[] phi, int left) {

  /** The features by stored mean |φ|, largest first (ties in feature order): the picker's order. */
  static List<String> order(ExplainedRows rows) {
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < rows.features().size(); i++) {
      index.add(i);
    }
    index.sort(Comparator.comparingDouble(i -> -rows.meanAbs()[i]));
    return index.stream().map(rows.features()::get).toList();
  }

  /** The plot of {@code feature}; null when the explanation has no such feature. */
  static ShapDependence of(ExplainedRows rows, String feature) {
    int f = rows.features().indexOf(feature);
    if (f < 0) {
      return null;
    }
    List<double[]> points = new ArrayList<>();
    int left = 0;
    for (ExplainedRows.Row r : rows.rows()) {
      double v = r.values()[f];
      if (Double.isFinite(v) && Double.isFinite(r.phi()[f])) {
        points.add(new double[] {v, r.phi()[f]});
      } else {
        left++;
      }
    }
    points.sort(Comparator.comparingDouble(p -> p[0]));
    double[] values = new double[points.size()];
    double[] phi = new double[points.size()];
    for (int k = 0; k < points.size(); k++) {
      values[k] = points.get(k)[0];
      phi[k] = points.get(k)[1];
    }
    return new ShapDependence(feature, values, phi, left);
  }
}
