package dev.assay.core.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adverse-action reasons as statements: for each explained row on the adverse side of the decision
 * (a denied applicant: output at or above the threshold when higher is adverse, else at or below),
 * its reason codes in order with each feature's statement from the {@link ReasonText} table, and a
 * flag where the feature is a sensitive attribute itself or a close proxy of one ({@link
 * ProxyAssociation}: the strongest association with any sensitive attribute at or above the
 * threshold).
 *
 * @param threshold the decision threshold in the explained output space
 * @param textSource where the statements come from
 * @param denied the denied rows, in row order
 * @param proxies every feature's association with every sensitive attribute (empty when none)
 * @param proxyThreshold the association at or above which a feature is flagged
 * @param sensitive the sensitive attributes checked
 */
public record AdverseActionReasons(
    double threshold,
    String textSource,
    List<Denied> denied,
    List<ProxyAssociation.Association> proxies,
    double proxyThreshold,
    List<String> sensitive) {
  public AdverseActionReasons {
    denied = List.copyOf(denied);
    proxies = List.copyOf(proxies);
    sensitive = List.copyOf(sensitive);
  }

  /**
   * One reason as a statement.
   *
   * @param rank 1 for the reason that pushed most
   * @param reference the feature's background mean
   * @param sensitiveAttribute whether the feature is itself a sensitive attribute
   * @param proxy the feature's strongest flagged association, or null
   */
  public record Statement(
      int rank,
      String feature,
      String text,
      double value,
      double reference,
      double contribution,
      boolean sensitiveAttribute,
      ProxyAssociation.Association proxy) {}

  /** A denied row (0-based data row) with its output and its statements. */
  public record Denied(int row, double prediction, List<Statement> reasons) {
    public Denied {
      reasons = List.copyOf(reasons);
    }
  }

  /** The statements of {@code codes}' denied rows. */
  public static AdverseActionReasons of(
      ExplanationReport report,
      ReasonCodes codes,
      double threshold,
      ReasonText texts,
      List<String> sensitive,
      List<ProxyAssociation.Association> proxies,
      double proxyThreshold) {
    List<String> features = report.features();
    Set<String> sensitiveSet = Set.copyOf(sensitive);
    Map<String, ProxyAssociation.Association> strongest = new LinkedHashMap<>();
    for (ProxyAssociation.Association a : proxies) {
      ProxyAssociation.Association held = strongest.get(a.feature());
      if (a.flagged() && (held == null || a.value() > held.value())) {
        strongest.put(a.feature(), a);
      }
    }
    List<Denied> denied = new ArrayList<>();
    for (int r = 0; r < codes.rows().size(); r++) {
      double prediction = report.rows().get(r).attribution().prediction();
      boolean adverse = codes.adverseHigher() ? prediction >= threshold : prediction <= threshold;
      if (!adverse) {
        continue;
      }
      ReasonCodes.RowReasons row = codes.rows().get(r);
      List<Statement> statements = new ArrayList<>();
      for (ReasonCodes.Reason reason : row.reasons()) {
        int i = features.indexOf(reason.feature());
        double reference = report.backgroundMean()[i];
        statements.add(
            new Statement(
                statements.size() + 1,
                reason.feature(),
                texts.text(reason.feature(), reason.value(), reference),
                reason.value(),
                reference,
                reason.contribution(),
                sensitiveSet.contains(reason.feature()),
                strongest.get(reason.feature())));
      }
      denied.add(new Denied(row.row(), prediction, statements));
    }
    return new AdverseActionReasons(
        threshold, texts.source(), denied, proxies, proxyThreshold, sensitive);
  }

  /**
   * The JSON parts this adds to the {@code reasons} document: {@code threshold}, {@code
   * text_source}, {@code denied_rows}, {@code adverse_action} [{@code row}, {@code prediction},
   * {@code reasons} [{@code rank}, {@code feature}, {@code text}, {@code value}, {@code
   * background_mean}, {@code contribution}, {@code sensitive_attribute}, {@code proxy} (null or
   * {@code attribute}, {@code measure}, {@code value})]] and {@code proxies} ({@code measure},
   * {@code threshold}, {@code attributes}, {@code associations}).
   */
  public Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("threshold", threshold);
    doc.put("text_source", textSource);
    doc.put("denied_rows", denied.size());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Denied d : denied) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Statement s : d.reasons()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", s.rank());
        m.put("feature", s.feature());
        m.put("text", s.text());
        m.put("value", s.value());
        m.put("background_mean", s.reference());
        m.put("contribution", s.contribution());
        m.put("sensitive_attribute", s.sensitiveAttribute());
        m.put("proxy", s.proxy() == null ? null : association(s.proxy()));
        list.add(m);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("row", d.row());
      row.put("prediction", d.prediction());
      row.put("reasons", list);
      rows.add(row);
    }
    doc.put("adverse_action", rows);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(
        "measure",
        "correlation ratio eta (|point-biserial r| for two groups) for features with more than "
            + ProxyAssociation.DISCRETE_LIMIT
            + " distinct values, else Cramér's V; flagged at or above the threshold");
    p.put("threshold", proxyThreshold);
    p.put("attributes", sensitive);
    List<Map<String, Object>> associations = new ArrayList<>();
    for (ProxyAssociation.Association a : proxies) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("feature", a.feature());
      m.putAll(association(a));
      m.put("flagged", a.flagged());
      associations.add(m);
    }
    p.put("associations", associations);
    doc.put("proxies", p);
    return doc;
  }

  private static Map<String, Object> association(ProxyAssociation.Association a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("attribute", a.attribute());
    m.put("measure", a.measure());
    m.put("value", a.value());
    return m;
  }
}
