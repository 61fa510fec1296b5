package dev.assay.cli;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.BinShare;
import dev.assay.core.drift.CategoricalStatistics;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureDrift;
import dev.assay.core.drift.FeatureStatistics;
import dev.assay.core.drift.KsResult;
import dev.assay.core.drift.NoValues;
import dev.assay.core.drift.NumericStatistics;
import dev.assay.core.drift.RateVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON of {@code assay drift} (snake_case; undefined figures are null). */
final class DriftDocument {
  private DriftDocument() {}

  static Map<String, Object> of(DatasetVersion reference, DatasetVersion current, DriftReport r) {
    List<Object> features = new ArrayList<>();
    r.features().forEach(f -> features.add(feature(f)));
    Map<String, Object> doc =
        DriftDocuments.top(reference, current, settings(r.settings()), features, r.drifted());
    doc.put("drift", r.drift());
    return doc;
  }

  private static Map<String, Object> settings(DriftSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", "sound");
    m.put("alpha", s.alpha());
    m.put("correction", s.correction().label());
    m.put("min_effect", s.minEffect());
    m.put("resamples", s.resamples());
    m.put("seed", s.seed());
    m.put("bins", s.bins());
    m.put("top_k", s.topK());
    m.put("psi_pseudo_count", 0.5);
    m.put("chunking", null);
    return m;
  }

  static Map<String, Object> feature(FeatureDrift f) {
    FeatureStatistics s = f.statistics();
    Map<String, Object> m = DriftDocuments.feature(s.name(), kind(s), s.nReference(), s.nCurrent());
    m.put("tests", tests(s));
    m.put("missing_rate", rate(f.missing()));
    if (f.nonFinite() != null) {
      m.put("non_finite_rate", rate(f.nonFinite()));
    }
    m.put("p_value", number(s.pValue()));
    m.put("p_adjusted", number(f.pAdjusted()));
    m.put("effect", number(s.effect()));
    m.put("effect_measure", s instanceof CategoricalStatistics ? "linf" : "ks");
    m.put("threshold", number(f.threshold()));
    m.put("drift", f.drift());
    List<Object> contributions = new ArrayList<>();
    for (BinShare b : s.contributions()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("bin", b.label());
      c.put("reference", b.reference());
      c.put("current", b.current());
      c.put("psi", b.psi());
      contributions.add(c);
    }
    m.put("contributions", contributions);
    return m;
  }

  static String kind(FeatureStatistics s) {
    return switch (s) {
      case NumericStatistics n -> "numeric";
      case CategoricalStatistics c -> "categorical";
      case NoValues v -> "empty";
    };
  }

  private static Map<String, Object> tests(FeatureStatistics s) {
    Map<String, Object> t = new LinkedHashMap<>();
    switch (s) {
      case NumericStatistics n -> {
        KsResult ks = n.ks();
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("statistic", ks.statistic());
        k.put("p_value", ks.pValue());
        k.put("method", ks.method().name().toLowerCase(Locale.ROOT));
        t.put("ks", k);
        t.put("wasserstein", n.wasserstein());
        t.put("wasserstein_normed", number(n.wassersteinNormed()));
        t.put("psi", n.psi());
        t.put("jensen_shannon", n.jensenShannon());
        t.put("hellinger", n.hellinger());
        t.put("linf", n.linf());
        DriftSketchDocument.add(t, k, n.sketch());
      }
      case CategoricalStatistics c -> {
        Map<String, Object> chi = new LinkedHashMap<>();
        chi.put("statistic", c.chi2().statistic());
        chi.put("p_value", c.chi2().pValue());
        chi.put("dof", c.chi2().dof());
        t.put("chi2", chi);
        t.put("jensen_shannon", c.jensenShannon());
        t.put("hellinger", c.hellinger());
        t.put("linf", c.linf());
        t.put("psi", c.psi());
        t.put("unseen_share", c.unseenShare());
      }
      case NoValues v -> {}
    }
    return t;
  }

  private static Map<String, Object> rate(RateVerdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reference", v.rate().reference());
    m.put("current", v.rate().current());
    m.put("p_value", v.rate().pValue());
    m.put("p_adjusted", number(v.pAdjusted()));
    m.put("drift", v.drift());
    return m;
  }

  private static Double number(double v) {
    return DriftDocuments.number(v);
  }
}
