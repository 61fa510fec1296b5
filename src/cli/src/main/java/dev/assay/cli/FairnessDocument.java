package dev.assay.cli;

import dev.assay.core.fairness.AttributeReport;
import dev.assay.core.fairness.Disparity;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.fairness.GroupComparison;
import dev.assay.core.fairness.GroupReport;
import dev.assay.core.fairness.Interval;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.fairness.ThresholdAnalysis;
import dev.assay.core.fairness.VersionComparison;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code assay fairness}: {@code groups} and {@code disparities} keyed by sensitive
 * column (or intersection) and group value as written in the data; undefined figures are null.
 */
final class FairnessDocument {
  private FairnessDocument() {}

  static Map<String, Object> report(StoredFairnessReport stored) {
    FairnessReport r = stored.report();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("report_id", stored.id());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", r.runId());
    run.put("model", r.model());
    run.put("dataset", r.dataset());
    run.put("target", r.target());
    doc.put("run", run);
    doc.put("task", r.task());
    doc.put("class_order", r.classOrder());
    doc.put("positive_label", r.positiveLabel());
    doc.put("favorable_label", r.favorableLabel());
    doc.put("label_source", r.labelSource());
    doc.put("rows", r.rows());
    doc.put("verdict", r.verdict());
    doc.put("created_at", r.createdAt().toString());
    doc.put("created_by", r.createdBy());
    doc.put("settings", settings(r.settings()));
    Map<String, Object> groups = new LinkedHashMap<>();
    Map<String, Object> disparities = new LinkedHashMap<>();
    Map<String, Object> references = new LinkedHashMap<>();
    Map<String, Object> binning = new LinkedHashMap<>();
    Map<String, Object> thresholds = new LinkedHashMap<>();
    for (AttributeReport a : r.attributes()) {
      Map<String, Object> byValue = new LinkedHashMap<>();
      a.groups().forEach(g -> byValue.put(g.value(), group(g)));
      groups.put(a.name(), byValue);
      Map<String, Object> byMetric = new LinkedHashMap<>();
      a.disparities().forEach(d -> byMetric.put(d.metric(), disparity(d)));
      disparities.put(a.name(), byMetric);
      references.put(a.name(), a.reference());
      binning.put(a.name(), a.binning());
      if (a.thresholds() != null) {
        thresholds.put(a.name(), thresholds(a.thresholds()));
      }
    }
    doc.put("groups", groups);
    doc.put("disparities", disparities);
    doc.put("reference", references);
    doc.put("binning", binning);
    doc.put("threshold_analysis", thresholds);
    doc.put("warnings", r.warnings());
    return doc;
  }

  static Map<String, Object> comparison(
      List<StoredFairnessReport> reports, VersionComparison comparison) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("reports", reports.stream().map(FairnessDocument::report).toList());
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("versions", comparison.versions());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (VersionComparison.Row row : comparison.rows()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("attribute", row.attribute());
      r.put("figure", row.figure());
      r.put("group", row.group());
      List<Map<String, Object>> cells = new ArrayList<>();
      for (VersionComparison.Cell c : row.cells()) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("value", number(c.value()));
        cell.put("ci_low", number(c.ciLow()));
        cell.put("ci_high", number(c.ciHigh()));
        cell.put("p_value", number(c.pValue()));
        cell.put("verdict", c.verdict());
        cells.add(cell);
      }
      r.put("cells", cells);
      rows.add(r);
    }
    table.put("rows", rows);
    table.put("notes", comparison.notes());
    doc.put("comparison", table);
    return doc;
  }

  private static Map<String, Object> settings(FairnessSettings s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("sensitive", s.sensitive());
    doc.put("intersectional", s.intersectional());
    doc.put("bins", s.binEdges());
    doc.put("quantile_bins", s.quantileBins());
    doc.put("reference", s.reference());
    doc.put("resamples", s.resamples());
    doc.put("seed", s.seed());
    doc.put("min_group_size", s.minGroupSize());
    doc.put("alpha", s.alpha());
    Map<String, Object> limits = new LinkedHashMap<>();
    s.thresholds().toMap().forEach(limits::put);
    doc.put("thresholds", limits);
    return doc;
  }

  private static Map<String, Object> group(GroupReport g) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("n", g.n());
    doc.put("share", number(g.share()));
    doc.put("judged", g.judged());
    doc.put("note", g.note());
    g.metrics().forEach((k, v) -> doc.put(k, number(v)));
    if (!g.counts().isEmpty()) {
      doc.put("counts", g.counts());
    }
    Map<String, Object> ci = new LinkedHashMap<>();
    for (Map.Entry<String, Interval> e : g.intervals().entrySet()) {
      ci.put(e.getKey(), interval(e.getValue().low(), e.getValue().high()));
    }
    doc.put("ci", ci);
    return doc;
  }

  private static Map<String, Object> disparity(Disparity d) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("value", number(d.value()));
    doc.put("ci_low", number(d.ciLow()));
    doc.put("ci_high", number(d.ciHigh()));
    doc.put("p_value", number(d.pValue()));
    doc.put("test", d.test());
    doc.put("threshold", d.threshold());
    doc.put("rule", d.rule());
    doc.put("verdict", d.verdict());
    doc.put("significant", d.significant());
    doc.put("groups", d.groups());
    doc.put("explanation", d.explanation());
    if (!d.perGroup().isEmpty()) {
      List<Map<String, Object>> per = new ArrayList<>();
      for (GroupComparison c : d.perGroup()) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("group", c.group());
        g.put("value", number(c.value()));
        g.put("ci_low", number(c.ciLow()));
        g.put("ci_high", number(c.ciHigh()));
        g.put("p_value", number(c.pValue()));
        g.put("verdict", c.verdict());
        per.add(g);
      }
      doc.put("per_group", per);
    }
    return doc;
  }

  private static Map<String, Object> thresholds(ThresholdAnalysis t) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("thresholds", numbers(t.thresholds()));
    Map<String, Object> groups = new LinkedHashMap<>();
    for (ThresholdAnalysis.GroupCurve c : t.groups()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("judged", c.judged());
      g.put("selection_rate", numbers(c.selectionRate()));
      g.put("tpr", numbers(c.tpr()));
      g.put("fpr", numbers(c.fpr()));
      g.put("accuracy", numbers(c.accuracy()));
      groups.put(c.group(), g);
    }
    doc.put("groups", groups);
    doc.put("demographic_parity_difference", numbers(t.demographicParityDifference()));
    doc.put("equal_opportunity_difference", numbers(t.equalOpportunityDifference()));
    doc.put("equalized_odds_difference", numbers(t.equalizedOddsDifference()));
    doc.put("accuracy", numbers(t.accuracy()));
    doc.put("baseline_threshold", t.baselineThreshold());
    doc.put("baseline_accuracy", number(t.baselineAccuracy()));
    List<Map<String, Object>> policies = new ArrayList<>();
    for (ThresholdAnalysis.ThresholdPolicy p : t.policies()) {
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("goal", p.goal());
      policy.put("target", number(p.target()));
      policy.put("accuracy", number(p.accuracy()));
      policy.put("accuracy_cost", number(p.accuracyCost()));
      policy.put("disparity_after", number(p.disparity()));
      Map<String, Object> groupThresholds = new LinkedHashMap<>();
      for (ThresholdAnalysis.GroupThreshold g : p.groups()) {
        Map<String, Object> gt = new LinkedHashMap<>();
        gt.put("threshold", number(g.threshold()));
        gt.put("rate", number(g.rate()));
        gt.put("selection_rate", number(g.selectionRate()));
        gt.put("accuracy", number(g.accuracy()));
        groupThresholds.put(g.group(), gt);
      }
      policy.put("groups", groupThresholds);
      policy.put("explanation", p.explanation());
      policies.add(policy);
    }
    doc.put("policies", policies);
    return doc;
  }

  private static List<Double> interval(double low, double high) {
    return Arrays.asList(number(low), number(high));
  }

  private static List<Double> numbers(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(number(v));
    }
    return list;
  }

  static Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
