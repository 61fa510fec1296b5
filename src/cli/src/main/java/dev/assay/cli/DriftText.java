package dev.assay.cli;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.FeatureDrift;
import dev.assay.core.drift.FeatureStatistics;
import java.io.PrintWriter;
import java.util.Locale;

/** The text report of {@code assay drift}: one row per feature with its verdict. */
final class DriftText {
  private DriftText() {}

  static void print(
      PrintWriter out, DatasetVersion reference, DatasetVersion current, DriftReport r) {
    out.printf(
        Locale.ROOT,
        "drift: %s (%d rows) -> %s (%d rows); %s at alpha %s, minimum effect %s%n",
        reference.ref(),
        reference.rows(),
        current.ref(),
        current.rows(),
        r.settings().correction().label(),
        r.settings().alpha(),
        r.settings().minEffect());
    out.printf(
        Locale.ROOT,
        "%-24s %-11s %-6s %10s %10s %8s %8s %8s %8s %10s  %s%n",
        "feature",
        "kind",
        "test",
        "p",
        "p_adj",
        "effect",
        "delta",
        "psi",
        "js",
        "missing",
        "verdict");
    for (FeatureDrift f : r.features()) {
      FeatureStatistics s = f.statistics();
      String kind = DriftDocument.kind(s);
      String test = kind.equals("numeric") ? "ks" : kind.equals("categorical") ? "chi2" : "-";
      double psi = Double.NaN;
      double js = Double.NaN;
      if (s instanceof dev.assay.core.drift.NumericStatistics n) {
        psi = n.psi();
        js = n.jensenShannon();
      } else if (s instanceof dev.assay.core.drift.CategoricalStatistics c) {
        psi = c.psi();
        js = c.jensenShannon();
      }
      out.printf(
          Locale.ROOT,
          "%-24s %-11s %-6s %10s %10s %8s %8s %8s %8s %10s  %s%n",
          truncate(s.name()),
          kind,
          test,
          p(s.pValue()),
          p(f.pAdjusted()),
          fixed(s.effect()),
          fixed(f.threshold()),
          fixed(psi),
          fixed(js),
          String.format(
              Locale.ROOT,
              "%.3f>%.3f",
              f.missing().rate().reference(),
              f.missing().rate().current()),
          verdict(f));
    }
    out.println(
        r.drift()
            ? "DRIFT in "
                + r.drifted().size()
                + " of "
                + r.features().size()
                + " features: "
                + String.join(", ", r.drifted())
            : "no drift in " + r.features().size() + " features");
  }

  private static String verdict(FeatureDrift f) {
    if (!f.drift()) {
      return "ok";
    }
    StringBuilder why = new StringBuilder("DRIFT");
    if (f.distributionDrift()) {
      why.append(" distribution");
    }
    if (f.missing().drift()) {
      why.append(" missing-rate");
    }
    if (f.nonFinite() != null && f.nonFinite().drift()) {
      why.append(" non-finite-rate");
    }
    return why.toString();
  }

  private static String truncate(String name) {
    return name.length() <= 24 ? name : name.substring(0, 23) + "~";
  }

  private static String p(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String fixed(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
