package dev.assay.core.driftreports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.NotFoundException;
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
import java.util.List;
import java.util.Optional;

/**
 * Drift reports in the workbench database (table {@code drift_report}): the whole result document
 * as JSON, each stored with an audit entry ({@code drift.report}) in the same transaction. Reports
 * are never updated.
 */
public final class DriftReportStore {
  private static final String SUMMARY =
      "SELECT r.id, m.name || ':' || m.version, a.name || ':' || a.version,"
          + " b.name || ':' || b.version, r.verdict, r.drifted, r.created_at, r.created_by,"
          + " r.profile_id FROM drift_report r"
          + " LEFT JOIN model_version m ON m.id = r.model_version_id"
          + " JOIN dataset_version a ON a.id = r.reference_dataset_id"
          + " JOIN dataset_version b ON b.id = r.current_dataset_id";

  /**
   * What is stored with a report.
   *
   * @param modelVersionId the model version the reference belongs to, or null
   * @param profileId the stored reference profile used, or null
   * @param referenceDatasetId the reference dataset
   * @param currentDatasetId the current dataset
   * @param drift the overall verdict
   * @param drifted the drifted features
   * @param settings the settings as a JSON object
   * @param document the report document
   */
  public record NewReport(
      Long modelVersionId,
      Long profileId,
      long referenceDatasetId,
      long currentDatasetId,
      boolean drift,
      List<String> drifted,
      Object settings,
      Object document) {}

  /** A stored report's listing line. */
  public record Summary(
      long id,
      String model,
      String reference,
      String current,
      String verdict,
      String drifted,
      Instant createdAt,
      String createdBy,
      Long profileId) {}

  /** A stored report: its listing line and document. */
  public record Stored(Summary summary, JsonNode document) {}

  private final Database database;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final Clock clock;
  private final String osUser;

  public DriftReportStore(
      Database database, AuditLog audit, ObjectMapper json, Clock clock, String osUser) {
    this.database = database;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
    this.osUser = osUser;
  }

  /** Stores a report and its audit entry in one transaction; returns its id. */
  public long save(NewReport report, String modelRef, String referenceRef, String currentRef) {
    String settingsJson = write(report.settings());
    String documentJson = write(report.document());
    String drifted = String.join(",", report.drifted());
    String verdict = report.drift() ? "drift" : "no_drift";
    return database.inTransaction(
        connection -> {
          long id =
              Rows.insert(
                  connection,
                  "INSERT INTO drift_report (model_version_id, profile_id, reference_dataset_id,"
                      + " current_dataset_id, verdict, drifted, settings_json, report_json,"
                      + " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  report.modelVersionId(),
                  report.profileId(),
                  report.referenceDatasetId(),
                  report.currentDatasetId(),
                  verdict,
                  drifted.length() > 4000 ? drifted.substring(0, 3997) + "..." : drifted,
                  settingsJson,
                  documentJson,
                  OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                  osUser);
          audit.append(
              connection,
              "drift.report",
              "drift:" + id,
              (modelRef == null ? "" : "model=" + modelRef + " ")
                  + "reference="
                  + referenceRef
                  + " current="
                  + currentRef
                  + " verdict="
                  + verdict,
              CoveredTable.DRIFT_REPORT,
              id);
          return id;
        });
  }

  /**
   * A stored report.
   *
   * @throws NotFoundException when there is none with that id
   */
  public Stored get(long id) {
    Object[] found =
        database.read(
            connection ->
                Rows.first(
                        connection,
                        SUMMARY.replace(
                                " FROM drift_report r", ", r.report_json FROM drift_report r")
                            + " WHERE r.id = ?",
                        rs -> new Object[] {summary(rs), rs.getString(10)},
                        id)
                    .orElse(null));
    if (found == null) {
      throw new NotFoundException("no drift report " + id);
    }
    try {
      return new Stored((Summary) found[0], json.readTree((String) found[1]));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored drift report " + id + " is unreadable", e);
    }
  }

  /** Reports, newest first; of one model version when {@code modelVersionId} is not null. */
  public List<Summary> list(Long modelVersionId) {
    return database.read(
        connection ->
            Rows.list(
                connection,
                SUMMARY
                    + (modelVersionId == null ? "" : " WHERE r.model_version_id = ?")
                    + " ORDER BY r.id DESC",
                DriftReportStore::summary,
                Rows.nonNull(modelVersionId)));
  }

  /** The newest report of a model version. */
  public Optional<Stored> latestForModelVersion(long modelVersionId) {
    List<Summary> all = list(modelVersionId);
    return all.isEmpty() ? Optional.empty() : Optional.of(get(all.get(0).id()));
  }

  private static Summary summary(ResultSet rs) throws SQLException {
    Long profileId = Rows.nullableLong(rs, 9);
    return new Summary(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getString(8),
        profileId);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the drift report: " + e.getMessage(), e);
    }
  }
}
