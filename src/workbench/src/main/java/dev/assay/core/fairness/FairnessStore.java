package dev.assay.core.fairness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.NotFoundException;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Fairness reports in the workbench database (table {@code fairness_report}), each stored with an
 * audit entry ({@code fairness.report}) in the same transaction.
 */
public final class FairnessStore {
  private static final String SUMMARY =
      "SELECT f.id, f.run_id, m.name || ':' || m.version, d.name || ':' || d.version, f.sensitive,"
          + " f.verdict, f.created_at, f.created_by FROM fairness_report f"
          + " JOIN eval_run r ON r.id = f.run_id"
          + " JOIN model_version m ON m.id = r.model_version_id"
          + " JOIN dataset_version d ON d.id = r.dataset_id";

  private final Database database;
  private final AuditLog audit;
  private final ObjectMapper json;

  public FairnessStore(Database database, AuditLog audit, ObjectMapper json) {
    this.database = database;
    this.audit = audit;
    this.json = json;
  }

  /** Stores a report and its audit entry in one transaction; returns its id. */
  public long save(FairnessReport report) {
    String reportJson = write(report);
    String settingsJson = write(report.settings());
    String sensitive = write(report.settings().sensitive());
    return database.inTransaction(
        connection -> {
          long id =
              Rows.insert(
                  connection,
                  "INSERT INTO fairness_report (run_id, sensitive, verdict, settings_json,"
                      + " report_json, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  report.runId(),
                  sensitive,
                  report.verdict(),
                  settingsJson,
                  reportJson,
                  OffsetDateTime.ofInstant(report.createdAt(), ZoneOffset.UTC),
                  report.createdBy());
          audit.append(
              connection,
              "fairness.report",
              "fairness:" + id,
              "run="
                  + report.runId()
                  + " model="
                  + report.model()
                  + " sensitive="
                  + String.join(",", report.settings().sensitive())
                  + " verdict="
                  + report.verdict(),
              CoveredTable.FAIRNESS_REPORT,
              id);
          return id;
        });
  }

  /**
   * A stored report.
   *
   * @throws NotFoundException when there is none with that id
   */
  public StoredFairnessReport get(long id) {
    String text =
        database.read(
            connection ->
                Rows.first(
                        connection,
                        "SELECT report_json FROM fairness_report WHERE id = ?",
                        rs -> rs.getString(1),
                        id)
                    .orElse(null));
    if (text == null) {
      throw new NotFoundException("no fairness report " + id);
    }
    try {
      return new StoredFairnessReport(id, json.readValue(text, FairnessReport.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored fairness report " + id + " is unreadable", e);
    }
  }

  /** Reports, newest first; of one run when {@code runId} is not null. */
  public List<FairnessReportSummary> list(Long runId) {
    return database.read(
        connection ->
            Rows.list(
                connection,
                SUMMARY + (runId == null ? "" : " WHERE f.run_id = ?") + " ORDER BY f.id DESC",
                this::summary,
                Rows.nonNull(runId)));
  }

  /** The newest report on any run of a model version. */
  public Optional<StoredFairnessReport> latestForModelVersion(long modelVersionId) {
    Long id =
        database.read(
            connection ->
                Rows.first(
                        connection,
                        "SELECT f.id FROM fairness_report f JOIN eval_run r ON r.id = f.run_id"
                            + " WHERE r.model_version_id = ? ORDER BY f.id DESC LIMIT 1",
                        rs -> rs.getLong(1),
                        modelVersionId)
                    .orElse(null));
    return id == null ? Optional.empty() : Optional.of(get(id));
  }

  private FairnessReportSummary summary(ResultSet rs) throws SQLException {
    List<String> sensitive;
    try {
      sensitive = json.readValue(rs.getString(5), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      sensitive = List.of(rs.getString(5));
    }
    return new FairnessReportSummary(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        sensitive,
        rs.getString(6),
        rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getString(8));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the fairness report: " + e.getMessage(), e);
    }
  }
}
