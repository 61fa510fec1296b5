package dev.assay.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.security.AttackResult;
import dev.assay.core.security.Finding;
import dev.assay.core.security.RobustnessReport;
import dev.assay.core.security.ScanReport;
import dev.assay.core.security.SecurityReports;
import dev.assay.core.security.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Security sheet from the stored security reports of the model version: the newest file scan
 * (findings with severity and MITRE ATLAS technique, signature, isolated load) and the newest
 * robustness test (perturbations, fuzzing, determinism, evasion attacks). A report named by id is
 * shown with the newest report of the other kind.
 */
public final class SecuritySection implements WorkbookSection {
  private static final List<SectionContent.Column> FINDING_COLUMNS =
      List.of(
          text("Severity"),
          text("Finding"),
          text("Title"),
          text("Evidence"),
          text("Explanation"),
          text("ATLAS"),
          text("ATLAS technique"));

  private final SecurityReports reports;
  private final ObjectMapper json;

  public SecuritySection(SecurityReports reports, ObjectMapper json) {
    this.reports = reports;
    this.json = json;
  }

  @Override
  public String sheetName() {
    return "Security";
  }

  @Override
  public String kind() {
    return "security report";
  }

  @Override
  public String howToProduce(ModelVersion model) {
    return "scan it on the Security screen or with `assay security scan "
        + model.ref()
        + "`, and test its robustness with `assay security robustness --model "
        + model.ref()
        + " --data DATASET --target COLUMN`";
  }

  @Override
  public Optional<SectionContent> content(ModelVersion model, Long reportId) {
    List<SecurityReports.StoredReport> stored = reports.forModel(model.id());
    SecurityReports.StoredReport scan = newest(stored, "scan");
    SecurityReports.StoredReport robustness = newest(stored, "robustness");
    if (reportId != null) {
      SecurityReports.StoredReport named =
          stored.stream()
              .filter(r -> r.id() == reportId)
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssayException("no security report " + reportId + " of " + model.ref()));
      if (named.kind().equals("scan")) {
        scan = named;
      } else {
        robustness = named;
      }
    }
    if (scan == null && robustness == null) {
      return Optional.empty();
    }
    List<SectionContent.Fact> facts = new ArrayList<>();
    List<SectionContent.Table> tables = new ArrayList<>();
    List<String> verdict = new ArrayList<>();
    Set<Evidence> evidence = EnumSet.noneOf(Evidence.class);
    if (scan != null) {
      ScanReport report = read(scan, ScanReport.class);
      scan(model, scan, report, facts, tables, verdict);
      evidence.add(Evidence.SEC);
    }
    if (robustness != null) {
      RobustnessReport report = read(robustness, RobustnessReport.class);
      robustness(robustness, report, facts, tables, verdict);
      evidence.add(Evidence.ADV);
    }
    SecurityReports.StoredReport main = scan != null ? scan : robustness;
    String title =
        "Security of "
            + model.ref()
            + ": "
            + (scan == null ? "no file scan" : "scan " + scan.id())
            + ", "
            + (robustness == null ? "no robustness test" : "robustness test " + robustness.id());
    if (scan == null) {
      verdict.add("The model file was not scanned.");
    }
    if (robustness == null) {
      verdict.add("Robustness was not tested.");
    }
    return Optional.of(
        new SectionContent(
            title,
            main.id(),
            main.createdAt(),
            main.createdBy(),
            String.join(" ", verdict),
            facts,
            tables,
            evidence));
  }

  private static void scan(
      ModelVersion model,
      SecurityReports.StoredReport stored,
      ScanReport report,
      List<SectionContent.Fact> facts,
      List<SectionContent.Table> tables,
      List<String> verdict) {
    facts.add(fact("Scan report", stored.id(), CellFormat.INTEGER));
    facts.add(fact("Scanned (UTC)", report.scannedAt(), CellFormat.TIMESTAMP));
    facts.add(fact("Scanned file SHA-256", report.sha256(), CellFormat.TEXT));
    facts.add(
        fact(
            "Same bytes as the model version",
            model.sha256().equals(report.sha256()) ? "yes" : "NO: the scan is of other bytes",
            CellFormat.TEXT));
    facts.add(fact("ONNX Runtime checked against", report.onnxRuntime(), CellFormat.TEXT));
    facts.add(
        fact(
            "Signature",
            report.signature().state().label() + ": " + report.signature().detail(),
            CellFormat.TEXT));
    facts.add(fact("Isolated load", report.isolation().describe(), CellFormat.TEXT));
    facts.add(fact("Highest severity", report.highestSeverity().label(), CellFormat.TEXT));
    tables.add(findings("File scan findings (most severe first)", report.findings()));
    String counts =
        Arrays.stream(Severity.values())
            .map(s -> report.count(s) + " " + s.label())
            .collect(Collectors.joining(", "));
    verdict.add(
        (report.blocking() ? "BLOCKING: the file scan found a critical or high finding. " : "")
            + "File scan "
            + stored.id()
            + ": "
            + counts
            + "; signature "
            + report.signature().state().label()
            + "; "
            + report.isolation().describe()
            + ".");
  }

  private static void robustness(
      SecurityReports.StoredReport stored,
      RobustnessReport report,
      List<SectionContent.Fact> facts,
      List<SectionContent.Table> tables,
      List<String> verdict) {
    facts.add(fact("Robustness report", stored.id(), CellFormat.INTEGER));
    facts.add(fact("Tested (UTC)", report.createdAt(), CellFormat.TIMESTAMP));
    facts.add(fact("Dataset", report.dataset(), CellFormat.TEXT));
    facts.add(fact("Rows", report.rows(), CellFormat.INTEGER));
    facts.add(fact("Seed", report.seed(), CellFormat.INTEGER));
    facts.add(fact("Perturbed features", String.join(", ", report.perturbed()), CellFormat.TEXT));
    facts.add(
        fact("Left alone (immutable)", String.join(", ", report.immutable()), CellFormat.TEXT));
    List<List<Object>> rows = new ArrayList<>();
    RobustnessReport.Perturbation worst = null;
    for (RobustnessReport.Perturbation p : report.perturbation()) {
      rows.add(
          Arrays.asList(
              p.test(),
              p.description(),
              p.changedRows(),
              p.changedRate(),
              p.verdict(),
              p.mostSensitive() == null
                  ? ""
                  : p.mostSensitive().stream()
                      .map(
                          f ->
                              f.feature()
                                  + String.format(Locale.ROOT, " (%.2f%%)", 100 * f.changedRate()))
                      .collect(Collectors.joining(", "))));
      if (worst == null || p.changedRate() > worst.changedRate()) {
        worst = p;
      }
    }
    tables.add(
        new SectionContent.Table(
            "Robustness: perturbations (issue at 5% changed predictions, major at 10%)",
            List.of(
                text("Test"),
                text("Description"),
                new SectionContent.Column("Changed rows", CellFormat.INTEGER),
                new SectionContent.Column("Changed share", CellFormat.PERCENT),
                text("Verdict"),
                text("Most sensitive features")),
            rows));
    tables.add(
        new SectionContent.Table(
            "Robustness: input fuzzing",
            List.of(text("Input"), text("Outcome"), text("Detail")),
            report.fuzzing().stream()
                .map(f -> Arrays.<Object>asList(f.input(), f.outcome(), nz(f.detail())))
                .toList()));
    tables.add(
        new SectionContent.Table(
            "Robustness: determinism",
            List.of(
                text("Check"),
                text("Outcome"),
                new SectionContent.Column("Largest difference", CellFormat.DECIMAL),
                text("Detail")),
            report.determinism().stream()
                .map(
                    d ->
                        Arrays.<Object>asList(
                            d.check(), d.outcome(), d.maxDifference(), nz(d.detail())))
                .toList()));
    if (report.attacks() != null && !report.attacks().isEmpty()) {
      tables.add(attacks(report.attacks()));
    }
    tables.add(findings("Robustness findings", report.findings()));
    verdict.add(
        (report.blocking()
                ? "BLOCKING: the robustness test found a critical or high finding. "
                : "")
            + "Robustness test "
            + stored.id()
            + " on "
            + report.dataset()
            + ": "
            + report.findings().size()
            + " finding(s)"
            + (worst == null
                ? "."
                : String.format(
                    Locale.ROOT,
                    "; the worst perturbation (%s) changes %.2f%% of predictions (%s).",
                    worst.test(),
                    100 * worst.changedRate(),
                    worst.verdict())));
  }

  /** One row per attack and epsilon (one row for a skipped attack, with the reason). */
  private static SectionContent.Table attacks(List<AttackResult> attacks) {
    List<List<Object>> rows = new ArrayList<>();
    for (AttackResult a : attacks) {
      if (!a.completed()) {
        rows.add(
            Arrays.asList(
                a.attack(), a.kind(), null, null, null, null, null, null, null, a.reason()));
        continue;
      }
      String note =
          String.format(
              Locale.ROOT,
              "%d rows, clean accuracy %.4f, budget %d queries per row%s",
              a.rows(),
              a.cleanAccuracy(),
              a.queryBudget(),
              a.sensitive() == null ? "" : ", groups of " + a.sensitive());
      for (AttackResult.Epsilon e : a.epsilons()) {
        rows.add(
            Arrays.asList(
                a.attack(),
                a.kind(),
                e.epsilon(),
                e.robustAccuracy(),
                e.successRate(),
                e.medianPerturbation(),
                e.queries(),
                e.groupGap(),
                e.groupSuccessGap(),
                note));
      }
    }
    return new SectionContent.Table(
        "Robustness: evasion attacks (perturbation: L-infinity in standard deviations)",
        List.of(
            text("Attack"),
            text("Kind"),
            new SectionContent.Column("Epsilon", CellFormat.DECIMAL),
            new SectionContent.Column("Robust accuracy", CellFormat.DECIMAL),
            new SectionContent.Column("Success rate", CellFormat.PERCENT),
            new SectionContent.Column("Median perturbation", CellFormat.DECIMAL),
            new SectionContent.Column("Queries", CellFormat.INTEGER),
            new SectionContent.Column("Group gap (robust accuracy)", CellFormat.DECIMAL),
            new SectionContent.Column("Group gap (success rate)", CellFormat.DECIMAL),
            text("Note")),
        rows);
  }

  private static SectionContent.Table findings(String title, List<Finding> findings) {
    return new SectionContent.Table(
        title,
        FINDING_COLUMNS,
        findings.stream()
            .map(
                f ->
                    Arrays.<Object>asList(
                        f.severity().label(),
                        f.id(),
                        f.title(),
                        f.evidence(),
                        f.explanation(),
                        f.atlas(),
                        f.atlasName()))
            .toList());
  }

  private <T> T read(SecurityReports.StoredReport stored, Class<T> type) {
    String text =
        reports
            .json(stored.id())
            .orElseThrow(() -> new AssayException("security report " + stored.id() + " vanished"));
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new AssayException(
          "security report " + stored.id() + " cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  private static SecurityReports.StoredReport newest(
      List<SecurityReports.StoredReport> stored, String kind) {
    return stored.stream().filter(r -> r.kind().equals(kind)).findFirst().orElse(null);
  }

  private static SectionContent.Fact fact(String label, Object value, CellFormat format) {
    return new SectionContent.Fact(label, value, format);
  }

  private static SectionContent.Column text(String header) {
    return new SectionContent.Column(header, CellFormat.TEXT);
  }

  private static String nz(String text) {
    return text == null ? "" : text;
  }
}
