package dev.assay.core.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.NotFoundException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunStore;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.Rows;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stored comparisons: the report as JSON with the ids of the evaluation runs it made, saved in one
 * transaction with the audit entry {@code compare.run}. A stored comparison reopens with each
 * model's stored evaluation result.
 */
public final class ComparisonStore {
  private final Database database;
  private final AuditLog audit;
  private final RunStore runs;
  private final String osUser;
  private final ObjectMapper json;

  public ComparisonStore(
      Database database, AuditLog audit, RunStore runs, String osUser, ObjectMapper json) {
    this.database = database;
    this.audit = audit;
    this.runs = runs;
    this.osUser = osUser;
    this.json = json;
  }

  /** A stored comparison as listed. */
  public record Summary(
      long id, Instant createdAt, String dataset, String target, String models, String runIds) {}

  /** Stores {@code report}; returns it with its id. */
  public ComparisonReport save(ComparisonReport report, DatasetVersion dataset) {
    String models =
        report.models().stream()
            .map(ComparisonReport.ModelRun::label)
            .collect(Collectors.joining(", "));
    String runIds =
        report.models().stream()
            .map(m -> Long.toString(m.runId()))
            .collect(Collectors.joining(","));
    return database.inTransaction(
        connection -> {
          long id =
              Rows.insert(
                  connection,
                  "INSERT INTO comparison (created_at, created_by, dataset_id, target_column,"
                      + " models, run_ids, report_json) VALUES (?, ?, ?, ?, ?, ?, '{}')",
                  OffsetDateTime.ofInstant(
                      report.createdAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC),
                  osUser,
                  dataset.id(),
                  report.target(),
                  models,
                  runIds);
          ComparisonReport stored = report.withId(id);
          Rows.update(
              connection, "UPDATE comparison SET report_json = ? WHERE id = ?", write(stored), id);
          try (PreparedStatement link =
              connection.prepareStatement(
                  "INSERT INTO comparison_run (comparison_id, position, run_id) VALUES (?, ?, ?)")) {
            for (int i = 0; i < report.models().size(); i++) {
              link.setLong(1, id);
              link.setInt(2, i);
              link.setLong(3, report.models().get(i).runId());
              link.addBatch();
            }
            link.executeBatch();
          }
          audit.append(
              connection,
              "compare.run",
              "comparison:" + id,
              "models=" + models + " dataset=" + report.dataset() + " runs=" + runIds,
              CoveredTable.COMPARISON,
              id);
          return stored;
        });
  }

  /** Stored comparisons, newest first. */
  public List<Summary> list() {
    return database.read(
        connection ->
            Rows.list(
                connection,
                "SELECT c.id, c.created_at, d.name || ':' || d.version, c.target_column,"
                    + " c.models, c.run_ids FROM comparison c"
                    + " JOIN dataset_version d ON d.id = c.dataset_id ORDER BY c.id DESC",
                rs ->
                    new Summary(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6))));
  }

  /** The stored report of comparison {@code id}. */
  public ComparisonReport report(long id) {
    String text =
        database.read(
            connection ->
                Rows.first(
                        connection,
                        "SELECT report_json FROM comparison WHERE id = ?",
                        rs -> rs.getString(1),
                        id)
                    .orElseThrow(() -> new NotFoundException("no comparison " + id)));
    try {
      return json.readValue(text, ComparisonReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored comparison " + id + " is unreadable", e);
    }
  }

  /** Reopens comparison {@code id} with each model's stored evaluation result. */
  public Comparison open(long id) {
    ComparisonReport report = report(id);
    List<EvaluationResult> results = new ArrayList<>();
    for (ComparisonReport.ModelRun model : report.models()) {
      results.add(runs.result(model.runId()));
    }
    return new Comparison(report, List.copyOf(results));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the comparison: " + e.getMessage(), e);
    }
  }
}
