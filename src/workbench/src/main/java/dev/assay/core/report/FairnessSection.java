package dev.assay.core.report;

import dev.assay.core.AssayException;
import dev.assay.core.NotFoundException;
import dev.assay.core.fairness.AttributeReport;
import dev.assay.core.fairness.Disparity;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.FairnessStore;
import dev.assay.core.fairness.GroupComparison;
import dev.assay.core.fairness.GroupReport;
import dev.assay.core.fairness.Interval;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.fairness.ThresholdAnalysis;
import dev.assay.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Fairness sheet from the newest stored fairness report on a run of the model version (or the
 * one named): per-group figures with intervals, disparities with thresholds, intervals, p-values
 * and verdicts, and the threshold analysis. Verdicts are indicators against the report's
 * thresholds, not legal findings.
 */
public final class FairnessSection implements WorkbookSection {
  private static final double GRID_STEP = 0.05;

  private final FairnessStore reports;

  public FairnessSection(FairnessStore reports) {
    this.reports = reports;
  }

  @Override
  public String sheetName() {
    return "Fairness";
  }

  @Override
  public String kind() {
    return "fairness report";
  }

  @Override
  public String howToProduce(ModelVersion model) {
    return "run one on the Fairness screen or with `assay fairness --run RUN_ID --sensitive COLUMN`"
        + " for a run of "
        + model.ref();
  }

  @Override
  public Optional<SectionContent> content(ModelVersion model, Long reportId) {
    StoredFairnessReport stored;
    if (reportId != null) {
      try {
        stored = reports.get(reportId);
      } catch (NotFoundException e) {
        throw new AssayException("no fairness report " + reportId, e);
      }
      if (!stored.report().model().equals(model.ref())) {
        throw new AssayException(
            "fairness report "
                + reportId
                + " is about "
                + stored.report().model()
                + ", not "
                + model.ref());
      }
    } else {
      Optional<StoredFairnessReport> newest = reports.latestForModelVersion(model.id());
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      stored = newest.get();
    }
    return Optional.of(content(stored.id(), stored.report()));
  }

  private static SectionContent content(long id, FairnessReport r) {
    List<SectionContent.Fact> facts = new ArrayList<>();
    facts.add(fact("Evaluation run", r.runId(), CellFormat.INTEGER));
    facts.add(fact("Dataset", r.dataset(), CellFormat.TEXT));
    facts.add(fact("Target", r.target(), CellFormat.TEXT));
    facts.add(fact("Rows", r.rows(), CellFormat.INTEGER));
    facts.add(
        fact("Sensitive columns", String.join(", ", r.settings().sensitive()), CellFormat.TEXT));
    facts.add(fact("Positive class (selected)", r.positiveLabel(), CellFormat.TEXT));
    facts.add(fact("Favourable outcome", r.favorableLabel(), CellFormat.TEXT));
    facts.add(
        fact(
            "Groups smaller than this are not judged",
            r.settings().minGroupSize(),
            CellFormat.INTEGER));
    facts.add(fact("Bootstrap resamples", r.settings().resamples(), CellFormat.INTEGER));
    facts.add(fact("Seed", r.settings().seed(), CellFormat.INTEGER));
    facts.add(fact("Significance level", r.settings().alpha(), CellFormat.DECIMAL));
    facts.add(
        fact(
            "Note",
            "Verdicts are indicators against the thresholds shown, not legal findings; the"
                + " four-fifths rule (29 CFR 1607.4(D)) is a rule of thumb.",
            CellFormat.TEXT));
    for (String warning : r.warnings()) {
      facts.add(fact("Warning", warning, CellFormat.TEXT));
    }
    List<SectionContent.Table> tables = new ArrayList<>();
    for (AttributeReport a : r.attributes()) {
      tables.add(groups(a));
      tables.add(intervals(a));
      tables.add(disparities(a));
      if (a.thresholds() != null) {
        tables.add(grid(a));
        tables.add(policies(a));
      }
    }
    return new SectionContent(
        "Fairness report "
            + id
            + ": "
            + r.model()
            + " on "
            + r.dataset()
            + " (run "
            + r.runId()
            + ")",
        id,
        r.createdAt(),
        r.createdBy(),
        verdict(id, r),
        facts,
        tables,
        Set.of(Evidence.FAIR));
  }

  private static String verdict(long id, FairnessReport r) {
    List<String> outside = new ArrayList<>();
    int judged = 0;
    for (AttributeReport a : r.attributes()) {
      for (Disparity d : a.disparities()) {
        if (d.verdict().equals(Disparity.FAIR) || d.verdict().equals(Disparity.UNFAIR)) {
          judged++;
        }
        if (d.verdict().equals(Disparity.UNFAIR)) {
          outside.add(
              String.format(
                  Locale.ROOT,
                  "%s %s %.4f (95%% CI %.4f to %.4f; threshold %s)",
                  a.name(),
                  d.title(),
                  d.value(),
                  d.ciLow(),
                  d.ciHigh(),
                  d.rule()));
        }
      }
    }
    String head =
        "Fairness report "
            + id
            + " (run "
            + r.runId()
            + ", sensitive "
            + String.join(", ", r.settings().sensitive())
            + "): ";
    if (judged == 0) {
      return head + "not judged (too few comparable groups).";
    }
    return head
        + (outside.isEmpty()
            ? "all " + judged + " judged disparities are within their thresholds."
            : outside.size()
                + " of "
                + judged
                + " judged disparities are outside their thresholds: "
                + String.join("; ", outside)
                + ".")
        + " Indicators, not legal findings.";
  }

  private static SectionContent.Table groups(AttributeReport a) {
    Set<String> metrics = new LinkedHashSet<>();
    Set<String> counts = new LinkedHashSet<>();
    for (GroupReport g : a.groups()) {
      metrics.addAll(g.metrics().keySet());
      if (g.counts() != null) {
        counts.addAll(g.counts().keySet());
      }
    }
    List<SectionContent.Column> columns =
        new ArrayList<>(
            List.of(
                text("Group"),
                new SectionContent.Column("Rows", CellFormat.INTEGER),
                new SectionContent.Column("Share", CellFormat.PERCENT),
                text("Judged"),
                text("Note")));
    metrics.forEach(m -> columns.add(new SectionContent.Column(m, CellFormat.DECIMAL)));
    counts.forEach(c -> columns.add(new SectionContent.Column(c, CellFormat.INTEGER)));
    List<List<Object>> rows = new ArrayList<>();
    for (GroupReport g : a.groups()) {
      List<Object> row =
          new ArrayList<>(
              Arrays.asList(
                  g.value() + (g.value().equals(a.reference()) ? " (reference)" : ""),
                  g.n(),
                  g.share(),
                  g.judged() ? "yes" : "no",
                  g.note()));
      metrics.forEach(m -> row.add(g.metric(m)));
      counts.forEach(c -> row.add(g.counts() == null ? null : g.counts().get(c)));
      rows.add(row);
    }
    return new SectionContent.Table(
        "Groups of "
            + a.name()
            + " (reference group: "
            + a.reference()
            + ", "
            + a.referenceSource()
            + ")",
        columns,
        rows);
  }

  private static SectionContent.Table intervals(AttributeReport a) {
    List<List<Object>> rows = new ArrayList<>();
    for (GroupReport g : a.groups()) {
      for (Map.Entry<String, Interval> e : g.intervals().entrySet()) {
        rows.add(
            Arrays.asList(
                g.value(),
                e.getKey(),
                g.metric(e.getKey()),
                e.getValue().low(),
                e.getValue().high(),
                e.getValue().method()));
      }
    }
    return new SectionContent.Table(
        "95% intervals of the group figures (" + a.name() + ")",
        List.of(
            text("Group"),
            text("Figure"),
            decimal("Value"),
            decimal("95% CI low"),
            decimal("95% CI high"),
            text("Method")),
        rows);
  }

  private static SectionContent.Table disparities(AttributeReport a) {
    List<List<Object>> rows = new ArrayList<>();
    for (Disparity d : a.disparities()) {
      rows.add(
          Arrays.asList(
              d.title(),
              d.value(),
              d.ciLow(),
              d.ciHigh(),
              d.pValue(),
              d.test(),
              d.rule(),
              d.verdict(),
              d.significant() ? "yes" : "no",
              String.join(", ", d.groups()),
              d.explanation()));
      if (d.perGroup() != null) {
        for (GroupComparison g : d.perGroup()) {
          rows.add(
              Arrays.asList(
                  "  " + d.title() + ": " + g.group() + " vs " + a.reference(),
                  g.value(),
                  g.ciLow(),
                  g.ciHigh(),
                  g.pValue(),
                  d.test(),
                  d.rule(),
                  g.verdict(),
                  null,
                  g.group(),
                  null));
        }
      }
    }
    return new SectionContent.Table(
        "Disparities of " + a.name() + " with thresholds, intervals, tests and verdicts",
        List.of(
            text("Disparity"),
            decimal("Value"),
            decimal("95% CI low"),
            decimal("95% CI high"),
            decimal("p-value"),
            text("Test"),
            text("Threshold"),
            text("Verdict"),
            text("Significant"),
            text("Groups"),
            text("Explanation")),
        rows);
  }

  private static SectionContent.Table grid(AttributeReport a) {
    ThresholdAnalysis t = a.thresholds();
    List<List<Object>> rows = new ArrayList<>();
    double next = GRID_STEP;
    for (int i = 0; i < t.thresholds().length; i++) {
      if (t.thresholds()[i] + 1e-9 >= next) {
        rows.add(
            Arrays.asList(
                t.thresholds()[i],
                t.demographicParityDifference()[i],
                t.equalOpportunityDifference()[i],
                t.equalizedOddsDifference()[i],
                t.accuracy()[i]));
        next += GRID_STEP;
      }
    }
    return new SectionContent.Table(
        String.format(
            Locale.ROOT,
            "Threshold analysis of %s (every %.2f; analysis only, baseline threshold %.2f with"
                + " accuracy %.4f)",
            a.name(),
            GRID_STEP,
            t.baselineThreshold(),
            t.baselineAccuracy()),
        List.of(
            decimal("Threshold"),
            decimal("Demographic parity difference"),
            decimal("Equal opportunity difference"),
            decimal("Equalized odds difference"),
            decimal("Accuracy")),
        rows);
  }

  private static SectionContent.Table policies(AttributeReport a) {
    List<List<Object>> rows = new ArrayList<>();
    for (ThresholdAnalysis.ThresholdPolicy p : a.thresholds().policies()) {
      for (ThresholdAnalysis.GroupThreshold g : p.groups()) {
        rows.add(
            Arrays.asList(
                p.goal(),
                g.group(),
                g.threshold(),
                g.rate(),
                g.selectionRate(),
                g.accuracy(),
                p.accuracy(),
                p.accuracyCost(),
                p.disparity(),
                p.explanation()));
      }
    }
    return new SectionContent.Table(
        "Group-specific thresholds that would equalise a rate (" + a.name() + "; not applied)",
        List.of(
            text("Goal"),
            text("Group"),
            decimal("Threshold"),
            decimal("Rate"),
            decimal("Selection rate"),
            decimal("Group accuracy"),
            decimal("Overall accuracy"),
            decimal("Accuracy cost"),
            decimal("Gap afterwards"),
            text("Explanation")),
        rows);
  }

  private static SectionContent.Fact fact(String label, Object value, CellFormat format) {
    return new SectionContent.Fact(label, value, format);
  }

  private static SectionContent.Column text(String header) {
    return new SectionContent.Column(header, CellFormat.TEXT);
  }

  private static SectionContent.Column decimal(String header) {
    return new SectionContent.Column(header, CellFormat.DECIMAL);
  }
}
