package dev.assay.cli;

import dev.assay.core.Json;
import dev.assay.core.data.CsvSource;
import dev.assay.core.explain.AdverseActionReasons;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ProxyAssociation;
import dev.assay.core.explain.ReasonCodes;
import dev.assay.core.explain.ReasonText;
import dev.assay.core.explain.TabularData;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code assay explain --reasons}: the reason codes of the denied rows as statements from the
 * reason-text table, with proxy flags against the sensitive attributes (the model's and {@code
 * --sensitive}).
 */
final class ExplainReasons {
  /** The site-editable table in the workbench, next to the crosswalk. */
  static final String TABLE = "reason-text.csv";

  private ExplainReasons() {}

  /** The statements of the denied rows among {@code codes}. */
  static AdverseActionReasons run(
      Workbench workbench,
      ModelVersion version,
      ExplanationRequest request,
      ExplanationReport report,
      ReasonCodes codes,
      ExplainOptions extra) {
    Path table = extra.reasonText;
    if (table == null) {
      Path site = workbench.home().root().resolve("reports").resolve(TABLE);
      table = Files.isRegularFile(site) ? site : null;
    }
    ReasonText texts =
        table == null ? ReasonText.defaults() : ReasonText.read(table, report.features());
    List<String> header;
    try (CsvSource csv = CsvSource.open(request.data())) {
      header = csv.header();
    }
    Set<String> sensitive = new LinkedHashSet<>();
    sensitive.addAll(extra.sensitive());
    sensitive.addAll(ModelMetadata.sensitive(version.inspection(), Json.newMapper()));
    sensitive.retainAll(header);
    List<ProxyAssociation.Association> proxies = new ArrayList<>();
    if (!sensitive.isEmpty()) {
      double[] values = TabularData.read(request.data(), report.features(), null).values();
      for (String attribute : sensitive) {
        List<String> groups = TabularData.read(request.data(), List.of(), attribute).target();
        for (ProxyAssociation.Association a :
            ProxyAssociation.of(
                report.features(), values, attribute, groups, extra.proxyThreshold)) {
          if (!a.feature().equals(attribute)) {
            proxies.add(a);
          }
        }
      }
    }
    return AdverseActionReasons.of(
        report,
        codes,
        ExplainRecourse.threshold(extra.threshold, report.space()),
        texts,
        List.copyOf(sensitive),
        proxies,
        extra.proxyThreshold);
  }

  /** The denied rows' statements and the flagged proxies as text. */
  static void print(PrintWriter out, AdverseActionReasons reasons) {
    out.printf(
        Locale.ROOT,
        "%nAdverse-action reasons of the %d denied rows (output on the adverse side of %s;"
            + " statements %s):%n",
        reasons.denied().size(),
        number(reasons.threshold()),
        reasons.textSource());
    for (AdverseActionReasons.Denied d : reasons.denied()) {
      out.printf(Locale.ROOT, "row %d (%.4f):%n", d.row(), d.prediction());
      if (d.reasons().isEmpty()) {
        out.println("  none (no feature pushes toward the adverse outcome)");
      }
      for (AdverseActionReasons.Statement s : d.reasons()) {
        out.printf(
            Locale.ROOT,
            "  %d. %s [%s=%s, background mean %.4g]%s%n",
            s.rank(),
            s.text(),
            s.feature(),
            number(s.value()),
            s.reference(),
            flag(s));
      }
    }
    if (reasons.sensitive().isEmpty()) {
      out.println(
          "proxy check: no sensitive attribute (give --sensitive COL[,COL] or the model's"
              + " assay.sensitive metadata)");
    } else {
      long flagged =
          reasons.proxies().stream().filter(ProxyAssociation.Association::flagged).count();
      out.printf(
          Locale.ROOT,
          "proxy check against %s: %d feature-attribute pairs at or above %s (correlation ratio;"
              + " Cramér's V for features of at most %d values)%n",
          String.join(", ", reasons.sensitive()),
          flagged,
          number(reasons.proxyThreshold()),
          ProxyAssociation.DISCRETE_LIMIT);
      for (ProxyAssociation.Association a : reasons.proxies()) {
        if (a.flagged()) {
          out.printf(
              Locale.ROOT,
              "  %s ~ %s: %s %.4f%n",
              a.feature(),
              a.attribute(),
              a.measure(),
              a.value());
        }
      }
    }
    out.flush();
  }

  private static String flag(AdverseActionReasons.Statement s) {
    if (s.sensitiveAttribute()) {
      return "  SENSITIVE ATTRIBUTE";
    }
    if (s.proxy() != null) {
      return String.format(
          Locale.ROOT,
          "  PROXY of %s (%s %.3f)",
          s.proxy().attribute(),
          s.proxy().measure(),
          s.proxy().value());
    }
    return "";
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
