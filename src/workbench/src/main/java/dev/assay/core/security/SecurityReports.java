package dev.assay.core.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
          long id;
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO security_report (kind, model_version_id, subject, sha256,"
                      + " highest_severity, finding_count, created_at, created_by, report_json)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, kind);
            if (modelVersionId == null) {
              insert.setNull(2, Types.BIGINT);
            } else {
              insert.setLong(2, modelVersionId);
            }
            insert.setString(3, subject);
            insert.setString(4, sha256);
            insert.setString(5, highest.label());
            insert.setInt(6, findingCount);
            insert.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            insert.setString(8, osUser);
            insert.setString(9, text);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
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

  /** Stored reports, newest first. */
  public List<StoredReport> list() {
    return database.read(
        connection -> {
          List<StoredReport> reports = new ArrayList<>();
          try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT id, kind, subject, sha256, highest_severity, finding_count,"
                          + " created_at, created_by FROM security_report ORDER BY id DESC");
              ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
              reports.add(
                  new StoredReport(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      Severity.of(rs.getString(5)),
                      rs.getInt(6),
                      rs.getObject(7, OffsetDateTime.class).toInstant(),
                      rs.getString(8)));
            }
          }
          return reports;
        });
  }

  /**
   * Stored reports of one model version, newest first: those stored for it and those of a file
   * whose SHA-256 is the version's (a scan of {@code models/x.onnx} counts for the version that
   * holds those bytes).
   */
  public List<StoredReport> forModel(long modelVersionId) {
    return database.read(
        connection -> {
          List<StoredReport> reports = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, kind, subject, sha256, highest_severity, finding_count, created_at,"
                      + " created_by FROM security_report WHERE model_version_id = ?"
                      + " OR sha256 = (SELECT sha256 FROM model_version WHERE id = ?)"
                      + " ORDER BY id DESC")) {
            query.setLong(1, modelVersionId);
            query.setLong(2, modelVersionId);
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                reports.add(
                    new StoredReport(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Severity.of(rs.getString(5)),
                        rs.getInt(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant(),
                        rs.getString(8)));
              }
            }
          }
          return reports;
        });
  }

  /** A stored report's JSON. */
  public Optional<String> json(long id) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement("SELECT report_json FROM security_report WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }
}
