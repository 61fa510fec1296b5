package dev.assay.core.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Stored security reports: each scan (and robustness test) as JSON in the workbench database,
 * recorded in the audit trail as {@code security.report} in the same transaction.
 */
public final class SecurityReports {
  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ObjectMapper json;

  public SecurityReports(
      Database database, AuditLog audit, Clock clock, String osUser, ObjectMapper json) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.json = json;
  }

  /**
   * A stored report's summary.
   *
   * @param kind {@code scan} or {@code robustness}
   * @param subject the model version ({@code name:version}) or file it is about
   */
  public record StoredReport(
      long id,
      String kind,
      String subject,
      String sha256,
      Severity highestSeverity,
      int findingCount,
      Instant createdAt,
      String createdBy) {}

  /** Stores a scan report; returns its id. */
  public long store(ScanReport report, Long modelVersionId) {
    String subject = report.model() != null ? report.model() : report.file();
    return store(
        "scan",
        subject,
        modelVersionId,
        report.sha256(),
        report.highestSeverity(),
        report.findings().size(),
        report);
  }

  /** Stores a robustness report; returns its id. */
  public long store(RobustnessReport report, Long modelVersionId) {
    Severity highest =
        report.findings().stream()
            .map(Finding::severity)
            .min(java.util.Comparator.naturalOrder())
            .orElse(Severity.INFO);
    return store(
        "robustness",
        report.model() + " on " + report.dataset(),
        modelVersionId,
        null,
        highest,
        report.findings().size(),
        report);
  }

  /** Stores any report as JSON; returns its id. */
  public long store(
      String kind,
      String subject,
      Long modelVersionId,
      String sha256,
      Severity highest,
      int findingCount,
      Object report) {
    String text;
    try {
      text = json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a security report", e);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return database.inTransaction(
        connection -> {
          long id =
              Rows.insert(
                  connection,
                  "INSERT INTO security_report (kind, model_version_id, subject, sha256,"
                      + " highest_severity, finding_count, created_at, created_by, report_json)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  kind,
                  modelVersionId,
                  subject,
                  sha256,
                  highest.label(),
                  findingCount,
                  OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                  osUser,
                  text);
          audit.append(
              connection,
              "security.report",
              subject,
              "kind="
                  + kind
                  + " id="
                  + id
                  + (sha256 == null ? "" : " sha256=" + sha256)
                  + " highest="
                  + highest.label()
                  + " findings="
                  + findingCount,
              CoveredTable.SECURITY_REPORT,
              id);
          return id;
        });
  }

  private static final String SUMMARY =
      "SELECT id, kind, subject, sha256, highest_severity, finding_count, created_at, created_by"
          + " FROM security_report";

  /** Stored reports, newest first. */
  public List<StoredReport> list() {
    return database.read(
        connection ->
            Rows.list(connection, SUMMARY + " ORDER BY id DESC", SecurityReports::storedReport));
  }

  /**
   * Stored reports of one model version, newest first: those stored for it and those of a file
   * whose SHA-256 is the version's (a scan of {@code models/x.onnx} counts for the version that
   * holds those bytes).
   */
  public List<StoredReport> forModel(long modelVersionId) {
    return database.read(
        connection ->
            Rows.list(
                connection,
                SUMMARY
                    + " WHERE model_version_id = ?"
                    + " OR sha256 = (SELECT sha256 FROM model_version WHERE id = ?)"
                    + " ORDER BY id DESC",
                SecurityReports::storedReport,
                modelVersionId,
                modelVersionId));
  }

  private static StoredReport storedReport(ResultSet rs) throws SQLException {
    return new StoredReport(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Severity.of(rs.getString(5)),
        rs.getInt(6),
        rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getString(8));
  }

  /** A stored report's JSON. */
  public Optional<String> json(long id) {
    return database.read(
        connection ->
            Rows.first(
                connection,
                "SELECT report_json FROM security_report WHERE id = ?",
                rs -> rs.getString(1),
                id));
  }
}
