package dev.assay.cli;

import dev.assay.core.data.DatasetVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JSON documents of {@code assay drift} share in either mode ({@link DriftDocument},
 * {@link DriftEvidentlyDocument}): the top-level shape ({@code reference}, {@code current}, {@code
 * settings}, {@code features}, {@code drifted_features}), the head of each feature and null for an
 * undefined figure.
 */
final class DriftDocuments {
  private DriftDocuments() {}

  /** The top of a document; the caller adds its own figures and then {@code drift}. */
  static Map<String, Object> top(
      DatasetVersion reference,
      DatasetVersion current,
      Map<String, Object> settings,
      List<Object> features,
      List<String> drifted) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("reference", dataset(reference));
    doc.put("current", dataset(current));
    doc.put("settings", settings);
    doc.put("features", features);
    doc.put("drifted_features", drifted);
    return doc;
  }

  /** A dataset: its reference, rows and SHA-256. */
  static Map<String, Object> dataset(DatasetVersion d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", d.ref());
    m.put("rows", d.rows());
    m.put("sha256", d.sha256());
    return m;
  }

  /** The head of a feature: name, kind and the values on each side. */
  static Map<String, Object> feature(String name, String kind, long nReference, long nCurrent) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", kind);
    m.put("n_reference", nReference);
    m.put("n_current", nCurrent);
    return m;
  }

  /** The number, or null when it is not finite (JSON has no NaN). */
  static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
