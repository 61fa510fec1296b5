package dev.assay.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.AssayException;
import dev.assay.core.NotFoundException;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Drift sheet from the newest stored drift report of the model version (or the one named): the
 * reference and current data, the decision settings, and per feature its test, p-value (raw and
 * adjusted), effect against its calibrated threshold, PSI, Jensen-Shannon, missing rates and
 * verdict; with chunks, one row per chunk and feature.
 */
public final class DriftSection implements WorkbookSection {
  private final DriftReportStore reports;

  public DriftSection(DriftReportStore reports) {
    this.reports = reports;
  }

  @Override
  public String sheetName() {
    return "Drift";
  }

  @Override
  public String kind() {
    return "drift report";
  }

  @Override
  public String howToProduce(ModelVersion model) {
    return "run `assay drift --model "
        + model.ref()
        + " --reference DATASET --current DATASET` against its reference data";
  }

  @Override
  public Optional<SectionContent> content(ModelVersion model, Long reportId) {
    DriftReportStore.Stored stored;
    if (reportId != null) {
      try {
        stored = reports.get(reportId);
      } catch (NotFoundException e) {
        throw new AssayException("no drift report " + reportId, e);
      }
      if (!model.ref().equals(stored.summary().model())) {
        throw new AssayException(
            "drift report "
                + reportId
                + " is "
                + (stored.summary().model() == null
                    ? "not about a model version"
                    : "about " + stored.summary().model())
                + ", not "
                + model.ref());
      }
    } else {
      Optional<DriftReportStore.Stored> newest = reports.latestForModelVersion(model.id());
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      stored = newest.get();
    }
    return Optional.of(content(stored));
  }

  private static SectionContent content(DriftReportStore.Stored stored) {
    DriftReportStore.Summary s = stored.summary();
    JsonNode doc = stored.document();
    JsonNode settings = doc.path("settings");
    List<SectionContent.Fact> facts = new ArrayList<>();
    facts.add(fact("Reference", s.reference(), CellFormat.TEXT));
    facts.add(
        fact("Reference rows", doc.path("reference").path("rows").asLong(), CellFormat.INTEGER));
    facts.add(fact("Current", s.current(), CellFormat.TEXT));
    facts.add(fact("Current rows", doc.path("current").path("rows").asLong(), CellFormat.INTEGER));
    facts.add(
        fact(
            "Reference profile",
            s.profileId() == null ? "none (both datasets read)" : "stored profile " + s.profileId(),
            CellFormat.TEXT));
    facts.add(fact("Significance level", settings.path("alpha").asDouble(), CellFormat.DECIMAL));
    facts.add(fact("Correction", settings.path("correction").asText(), CellFormat.TEXT));
    facts.add(fact("Minimum effect", settings.path("min_effect").asDouble(), CellFormat.DECIMAL));
    facts.add(
        fact(
            "Chunking",
            settings.path("chunking").isNull() || settings.path("chunking").isMissingNode()
                ? "none"
                : settings.path("chunking").toString(),
            CellFormat.TEXT));
    facts.add(
        fact(
            "Rule",
            "evidently".equals(settings.path("mode").asText())
                ? "Evidently-compatible mode: " + settings.path("rule").asText()
                : "A feature drifts when its adjusted p-value is below the significance level and its"
                    + " effect (KS D, or L-infinity for categories) exceeds a threshold calibrated on"
                    + " the reference and at least the minimum effect; missing and non-finite rates"
                    + " are tested on their own.",
            CellFormat.TEXT));
    List<SectionContent.Table> tables = new ArrayList<>();
    tables.add(features("Features", doc.path("features"), null));
    if (doc.path("chunks").isArray() && !doc.path("chunks").isEmpty()) {
      List<List<Object>> rows = new ArrayList<>();
      SectionContent.Table first = null;
      for (JsonNode chunk : doc.path("chunks")) {
        SectionContent.Table t = features("Chunks", chunk.path("features"), chunk);
        first = first == null ? t : first;
        rows.addAll(t.rows());
      }
      tables.add(new SectionContent.Table("Chunks", first.columns(), rows));
    }
    return new SectionContent(
        "Drift report " + s.id() + ": " + s.current() + " against " + s.reference(),
        s.id(),
        s.createdAt(),
        s.createdBy(),
        verdict(s),
        facts,
        tables,
        Set.of(Evidence.DRIFT));
  }

  private static String verdict(DriftReportStore.Summary s) {
    String head =
        "Drift report " + s.id() + " (" + s.current() + " against " + s.reference() + "): ";
    return head
        + ("drift".equals(s.verdict())
            ? "drift in " + s.drifted().replace(",", ", ") + "."
            : "no feature drifted.");
  }

  private static SectionContent.Table features(String title, JsonNode features, JsonNode chunk) {
    List<SectionContent.Column> columns = new ArrayList<>();
    if (chunk != null) {
      columns.add(text("Chunk"));
    }
    columns.addAll(
        List.of(
            text("Feature"),
            text("Kind"),
            new SectionContent.Column("Reference n", CellFormat.INTEGER),
            new SectionContent.Column("Current n", CellFormat.INTEGER),
            text("Test"),
            decimal("Statistic"),
            text("p-value"),
            text("Adjusted p"),
            decimal("Effect"),
            decimal("Threshold"),
            decimal("PSI"),
            decimal("Jensen-Shannon"),
            new SectionContent.Column("Missing (reference)", CellFormat.PERCENT),
            new SectionContent.Column("Missing (current)", CellFormat.PERCENT),
            text("Drift")));
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode f : features) {
      JsonNode tests = f.path("tests");
      String test = tests.has("ks") ? "ks" : tests.has("chi2") ? "chi2" : null;
      String label =
          f.hasNonNull("stattest")
              ? "Evidently " + f.path("stattest").asText()
              : test == null ? null : test.equals("ks") ? "Kolmogorov-Smirnov" : "chi-square";
      List<Object> row = new ArrayList<>();
      if (chunk != null) {
        row.add(chunk.path("label").asText());
      }
      row.addAll(
          Arrays.asList(
              f.path("name").asText(),
              f.path("kind").asText(),
              f.path("n_reference").asLong(),
              f.path("n_current").asLong(),
              label,
              test == null ? null : number(tests.path(test).path("statistic")),
              p(f.path("p_value")),
              p(f.path("p_adjusted")),
              number(f.path("effect")),
              number(f.path("threshold")),
              number(tests.path("psi")),
              number(tests.path("jensen_shannon")),
              number(f.path("missing_rate").path("reference")),
              number(f.path("missing_rate").path("current")),
              f.path("drift").asBoolean() ? "drift" : "no"));
      rows.add(row);
    }
    return new SectionContent.Table(title, columns, rows);
  }

  private static Double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : null;
  }

  private static String p(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.3g", n.asDouble()) : null;
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
