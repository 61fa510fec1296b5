package dev.assay.core.report;

import dev.assay.core.AssayException;
import dev.assay.core.NotFoundException;
import dev.assay.core.compare.ComparisonReport;
import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Comparison sheet from a stored comparison that includes the model version (as baseline or
 * challenger): metric differences with intervals, tests and p-values, and how the versions'
 * predictions disagree.
 */
public final class ComparisonSection implements WorkbookSection {
  private static final int LISTED_ROWS = 200;

  private final ComparisonStore comparisons;

  public ComparisonSection(ComparisonStore comparisons) {
    this.comparisons = comparisons;
  }

  @Override
  public String sheetName() {
    return "Comparison";
  }

  @Override
  public String kind() {
    return "comparison report";
  }

  @Override
  public String howToProduce(ModelVersion model) {
    return "compare it with another version on the Compare screen or with `assay compare "
        + model.name()
        + ":OTHER "
        + model.ref()
        + " --data DATASET --target COLUMN`";
  }

  @Override
  public Optional<SectionContent> content(ModelVersion model, Long reportId) {
    ComparisonReport report;
    if (reportId != null) {
      try {
        report = comparisons.report(reportId);
      } catch (NotFoundException e) {
        throw new AssayException("no comparison report " + reportId, e);
      }
      if (!includes(report, model)) {
        throw new AssayException("comparison " + reportId + " does not include " + model.ref());
      }
    } else {
      report = null;
      for (ComparisonStore.Summary summary : comparisons.list()) {
        ComparisonReport candidate = comparisons.report(summary.id());
        if (includes(candidate, model)) {
          report = candidate;
          break;
        }
      }
      if (report == null) {
        return Optional.empty();
      }
    }
    return Optional.of(content(report));
  }

  private static boolean includes(ComparisonReport report, ModelVersion model) {
    return report.models().stream().anyMatch(m -> m.model().equals(model.ref()));
  }

  private static SectionContent content(ComparisonReport r) {
    String baseline = r.models().getFirst().model();
    List<SectionContent.Fact> facts = new ArrayList<>();
    facts.add(new SectionContent.Fact("Baseline", baseline, CellFormat.TEXT));
    facts.add(
        new SectionContent.Fact(
            "Compared",
            String.join(
                ", ",
                r.models().stream().map(m -> m.model() + " (run " + m.runId() + ")").toList()),
            CellFormat.TEXT));
    facts.add(new SectionContent.Fact("Dataset", r.dataset(), CellFormat.TEXT));
    facts.add(new SectionContent.Fact("Target", r.target(), CellFormat.TEXT));
    facts.add(new SectionContent.Fact("Rows", r.rows(), CellFormat.INTEGER));
    facts.add(new SectionContent.Fact("Bootstrap resamples", r.resamples(), CellFormat.INTEGER));
    facts.add(new SectionContent.Fact("Seed", r.seed(), CellFormat.INTEGER));
    for (String warning : r.warnings()) {
      facts.add(new SectionContent.Fact("Warning", warning, CellFormat.TEXT));
    }
    List<SectionContent.Table> tables = new ArrayList<>();
    tables.add(deltas(r));
    tables.add(disagreement(r));
    for (ComparisonReport.Disagreement d : r.disagreements()) {
      tables.add(rows(d));
    }
    return new SectionContent(
        "Comparison "
            + r.id()
            + ": "
            + String.join(
                " vs ", r.models().stream().map(ComparisonReport.ModelRun::model).toList())
            + " on "
            + r.dataset(),
        r.id(),
        r.createdAt(),
        null,
        verdict(r),
        facts,
        tables,
        Set.of(Evidence.CMP));
  }

  private static SectionContent.Table deltas(ComparisonReport r) {
    List<List<Object>> rows = new ArrayList<>();
    for (ComparisonReport.MetricDelta d : r.deltas()) {
      rows.add(
          Arrays.asList(
              d.baseline(),
              d.model(),
              d.metric(),
              d.baselineValue(),
              d.value(),
              d.difference(),
              d.ciLow(),
              d.ciHigh(),
              d.pValue(),
              d.test(),
              d.verdict()));
    }
    return new SectionContent.Table(
        "Metric differences (model minus baseline; real difference when p < 0.05)",
        List.of(
            text("Baseline"),
            text("Model"),
            text("Metric"),
            decimal("Baseline value"),
            decimal("Model value"),
            decimal("Difference"),
            decimal("95% CI low"),
            decimal("95% CI high"),
            decimal("p-value"),
            text("Test"),
            text("Verdict")),
        rows);
  }

  private static SectionContent.Table disagreement(ComparisonReport r) {
    List<List<Object>> rows = new ArrayList<>();
    for (ComparisonReport.Disagreement d : r.disagreements()) {
      ComparisonReport.Equivalence e = d.equivalence();
      rows.add(
          Arrays.asList(
              d.baseline(),
              d.model(),
              d.rows(),
              d.disagreements(),
              d.rate(),
              d.flipsToCorrect(),
              d.flipsToWrong(),
              d.bothWrong(),
              e == null ? null : e.maxAbsDifference(),
              e == null ? "no probabilities" : e.pass() ? "equivalent" : "not equivalent"));
    }
    return new SectionContent.Table(
        "Disagreement between the predictions",
        List.of(
            text("Baseline"),
            text("Model"),
            integer("Rows"),
            integer("Rows that differ"),
            new SectionContent.Column("Share that differs", CellFormat.PERCENT),
            integer("Wrong to right"),
            integer("Right to wrong"),
            integer("Both wrong"),
            decimal("Largest probability difference"),
            text("Numerical equivalence")),
        rows);
  }

  private static SectionContent.Table rows(ComparisonReport.Disagreement d) {
    List<List<Object>> rows = new ArrayList<>();
    for (ComparisonReport.DisagreementRow row :
        d.rowsListed().subList(0, Math.min(LISTED_ROWS, d.rowsListed().size()))) {
      rows.add(
          Arrays.asList(
              row.row(),
              row.truth(),
              row.baselinePrediction(),
              row.modelPrediction(),
              row.change()));
    }
    return new SectionContent.Table(
        String.format(
            Locale.ROOT,
            "Rows where %s and %s disagree (first %d of %,d)",
            d.baseline(),
            d.model(),
            rows.size(),
            d.disagreements()),
        List.of(
            integer("Data row"),
            text("Actual"),
            text(d.baseline()),
            text(d.model()),
            text("Change")),
        rows);
  }

  private static String verdict(ComparisonReport r) {
    List<String> real = new ArrayList<>();
    for (ComparisonReport.MetricDelta d : r.deltas()) {
      if (ComparisonReport.REAL.equals(d.verdict())) {
        real.add(
            String.format(
                Locale.ROOT,
                "%s %s by %+.4f (p = %.4f, %s)",
                d.model(),
                d.metric(),
                d.difference(),
                d.pValue(),
                d.test()));
      }
    }
    StringBuilder text =
        new StringBuilder(
            "Comparison "
                + r.id()
                + " against the baseline "
                + r.models().getFirst().model()
                + ": ");
    text.append(
        real.isEmpty()
            ? "no real difference (all p >= 0.05)"
            : "real differences: " + String.join("; ", real));
    for (ComparisonReport.Disagreement d : r.disagreements()) {
      text.append(
          String.format(
              Locale.ROOT,
              ". %s and %s predict differently on %.2f%% of rows",
              d.baseline(),
              d.model(),
              100 * d.rate()));
    }
    return text.append('.').toString();
  }

  private static SectionContent.Column text(String header) {
    return new SectionContent.Column(header, CellFormat.TEXT);
  }

  private static SectionContent.Column decimal(String header) {
    return new SectionContent.Column(header, CellFormat.DECIMAL);
  }

  private static SectionContent.Column integer(String header) {
    return new SectionContent.Column(header, CellFormat.INTEGER);
  }
}
