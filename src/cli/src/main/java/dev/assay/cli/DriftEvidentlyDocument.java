package dev.assay.cli;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.EvidentlyDrift;
import dev.assay.core.drift.EvidentlyFeature;
import dev.assay.core.drift.EvidentlyReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON and text of {@code assay drift --mode evidently}: the same top-level shape as the sound
 * mode ({@code reference}, {@code current}, {@code settings}, {@code features}, {@code drift}),
 * with {@code settings.mode = "evidently"}, each feature's Evidently test ({@code stattest}, {@code
 * score}, {@code threshold}) and the dataset rule ({@code share_drifted} against {@code
 * drift_share}).
 */
final class DriftEvidentlyDocument {
  private DriftEvidentlyDocument() {}

  static Map<String, Object> of(
      DatasetVersion reference, DatasetVersion current, EvidentlyReport r) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("mode", "evidently");
    settings.put(
        "rule",
        "Evidently's default (legacy DataDriftPreset): n_reference <= "
            + EvidentlyDrift.SMALL_REFERENCE
            + ": ks p <= 0.05 (numerical), chisquare / z p < 0.05 (categorical, or <= 5 values);"
            + " larger: wasserstein normed >= 0.1 (numerical), jensenshannon >= 0.1; dataset"
            + " drift when the drifted share >= "
            + EvidentlyDrift.DRIFT_SHARE);
    settings.put("alpha", EvidentlyDrift.P_THRESHOLD);
    settings.put("correction", "none");
    settings.put("distance_threshold", EvidentlyDrift.DISTANCE_THRESHOLD);
    settings.put("small_reference", EvidentlyDrift.SMALL_REFERENCE);
    settings.put("unique_as_categorical", EvidentlyDrift.UNIQUE_AS_CATEGORICAL);
    settings.put("drift_share", EvidentlyDrift.DRIFT_SHARE);
    settings.put("chunking", null);
    List<Object> features = new ArrayList<>();
    r.features().forEach(f -> features.add(feature(f)));
    Map<String, Object> doc =
        DriftDocuments.top(reference, current, settings, features, r.drifted());
    doc.put("number_of_columns", r.tested());
    doc.put("number_of_drifted_columns", r.driftedCount());
    doc.put("share_drifted", r.shareDrifted());
    doc.put("drift", r.drift());
    return doc;
  }

  private static Map<String, Object> feature(EvidentlyFeature f) {
    Map<String, Object> m =
        DriftDocuments.feature(f.name(), f.kind(), f.nReference(), f.nCurrent());
    m.put("n_unique", f.nUnique());
    m.put("stattest", f.stattest());
    m.put("score", number(f.score()));
    m.put("threshold", number(f.threshold()));
    Map<String, Object> tests = new LinkedHashMap<>();
    if (f.stattest() != null) {
      switch (f.stattest()) {
        case "ks" -> tests.put("ks", test(f));
        case "chisquare" -> {
          Map<String, Object> t = test(f);
          t.put("dof", f.dof());
          t.put("form", "goodness_of_fit");
          tests.put("chi2", t);
        }
        case "z" -> tests.put("z", test(f));
        case "wasserstein" -> tests.put("wasserstein_normed", f.score());
        default -> tests.put("jensen_shannon_nats", f.score());
      }
    }
    m.put("tests", tests);
    m.put("p_value", f.pValueScore() ? number(f.score()) : null);
    m.put("p_adjusted", null);
    m.put("effect", f.pValueScore() ? null : number(f.score()));
    m.put("effect_measure", f.stattest());
    m.put("drift", f.drift());
    return m;
  }

  private static Map<String, Object> test(EvidentlyFeature f) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("statistic", number(f.statistic()));
    t.put("p_value", f.score());
    return t;
  }

  static void print(PrintWriter out, DatasetVersion ref, DatasetVersion cur, EvidentlyReport r) {
    out.printf(
        "Drift of %s against %s (Evidently-compatible mode: Evidently's default tests and"
            + " thresholds)%n",
        cur.ref(), ref.ref());
    out.printf(
        Locale.ROOT,
        "%-24s %-12s %-14s %12s %10s  %s%n",
        "feature",
        "kind",
        "test",
        "score",
        "threshold",
        "verdict");
    for (EvidentlyFeature f : r.features()) {
      out.printf(
          Locale.ROOT,
          "%-24s %-12s %-14s %12.4g %10s  %s%n",
          f.name(),
          f.kind(),
          f.stattest() == null ? "none" : f.stattest(),
          f.score(),
          f.stattest() == null
              ? ""
              : ("ks".equals(f.stattest()) ? "p<=" : f.pValueScore() ? "p<" : ">=") + f.threshold(),
          f.stattest() == null ? "no values" : f.drift() ? "DRIFT" : "ok");
    }
    out.printf(
        Locale.ROOT,
        "%d of %d columns drifted (share %.3f, dataset drift from %.1f): %s%n",
        r.driftedCount(),
        r.tested(),
        r.shareDrifted(),
        EvidentlyDrift.DRIFT_SHARE,
        r.drift() ? "DATASET DRIFT" : "no dataset drift");
  }

  private static Double number(double v) {
    return DriftDocuments.number(v);
  }
}
