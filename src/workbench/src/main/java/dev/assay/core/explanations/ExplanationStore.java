package dev.assay.core.explanations;

import dev.assay.core.NotFoundException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.model.ModelVersion;
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
import java.util.Locale;
import java.util.Optional;

/**
 * Explanations in the workbench database (table {@code explanation}), each stored with an audit
 * entry ({@code explanation.report}) covering the row, in the same transaction. The report is kept
 * as the JSON document of {@link ExplanationDocument}. Workbench glue, kept out of the pure
 * explanation engine ({@code dev.assay.core.explain}).
 */
public final class ExplanationStore {
  private static final String SUMMARY =
      "SELECT e.id, m.name || ':' || m.version, d.name || ':' || d.version, e.method,"
          + " e.output_space, e.row_count, e.max_efficiency_error, e.created_at, e.created_by"
          + " FROM explanation e JOIN model_version m ON m.id = e.model_version_id"
          + " JOIN dataset_version d ON d.id = e.dataset_id";

  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;

  public ExplanationStore(Database database, AuditLog audit, Clock clock, String osUser) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
  }

  /** A stored explanation's headline figures. */
  public record Summary(
      long id,
      String model,
      String dataset,
      String method,
      String output,
      int rows,
      double maxEfficiencyError,
      Instant createdAt,
      String createdBy) {}

  /** A stored explanation: its summary and its JSON document. */
  public record Stored(Summary summary, String json) {}

  /** Stores an explanation of {@code model} on {@code dataset} and its audit entry; its id. */
  public long save(
      ExplanationReport report, ModelVersion model, DatasetVersion dataset, String json) {
    Instant now = clock.instant();
    return database.inTransaction(
        connection -> {
          long id =
              Rows.insert(
                  connection,
                  "INSERT INTO explanation (model_version_id, dataset_id, method, output_space,"
                      + " row_count, max_efficiency_error, report_json, created_at, created_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  model.id(),
                  dataset.id(),
                  report.method().id(),
                  report.space().id(),
                  report.rows().size(),
                  report.worstEfficiencyError(),
                  json,
                  OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                  osUser);
          audit.append(
              connection,
              "explanation.report",
              "explanation:" + id,
              String.format(
                  Locale.ROOT,
                  "model=%s dataset=%s method=%s output=%s rows=%d background_sha256=%s",
                  model.ref(),
                  dataset.ref(),
                  report.method().id(),
                  report.space().id(),
                  report.rows().size(),
                  report.backgroundSha256()),
              CoveredTable.EXPLANATION,
              id);
          return id;
        });
  }

  /**
   * A stored explanation.
   *
   * @throws NotFoundException when there is none with that id
   */
  public Stored get(long id) {
    Stored stored =
        database.read(
            connection ->
                Rows.first(
                        connection,
                        SUMMARY.replace("SELECT e.id,", "SELECT e.id, e.report_json,")
                            + " WHERE e.id = ?",
                        rs -> new Stored(summary(rs, 1), rs.getString(2)),
                        id)
                    .orElse(null));
    if (stored == null) {
      throw new NotFoundException("no explanation " + id);
    }
    return stored;
  }

  /** Explanations, newest first; of one model version when {@code modelVersionId} is not null. */
  public List<Summary> list(Long modelVersionId) {
    return database.read(
        connection ->
            Rows.list(
                connection,
                SUMMARY
                    + (modelVersionId == null ? "" : " WHERE e.model_version_id = ?")
                    + " ORDER BY e.id DESC",
                rs -> summary(rs, 0),
                Rows.nonNull(modelVersionId)));
  }

  /** The newest explanation of a model version. */
  public Optional<Stored> latestForModelVersion(long modelVersionId) {
    List<Summary> all = list(modelVersionId);
    return all.isEmpty() ? Optional.empty() : Optional.of(get(all.getFirst().id()));
  }

  /** Reads a summary whose id is column 1 and whose other columns start after {@code skip}. */
  private static Summary summary(ResultSet rs, int skip) throws SQLException {
    int c = 2 + skip;
    return new Summary(
        rs.getLong(1),
        rs.getString(c),
        rs.getString(c + 1),
        rs.getString(c + 2),
        rs.getString(c + 3),
        rs.getInt(c + 4),
        rs.getDouble(c + 5),
        rs.getObject(c + 6, OffsetDateTime.class).toInstant(),
        rs.getString(c + 7));
  }
}
