package dev.assay.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.NotFoundException;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.PredictionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluation runs in the database. A run is recorded as {@code running} when it starts, and
 * finishes in one transaction with its metrics and per-row predictions; a run whose process died is
 * marked {@code interrupted} at the next start, never left half-written.
 */
public final class RunStore {
  private static final String SELECT =
      "SELECT r.id, r.model_version_id, m.name || ':' || m.version, r.dataset_id,"
          + " d.name || ':' || d.version, r.target_column, r.provider_requested, r.provider_used,"
          + " r.batch_size, r.status, r.started_at, r.ended_at, r.started_by, r.row_count, r.error,"
          + " r.result_json FROM eval_run r JOIN model_version m ON m.id = r.model_version_id"
          + " JOIN dataset_version d ON d.id = r.dataset_id";

  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ObjectMapper json;
  private final PredictionStore predictionFiles;

  /**
   * @param predictionFiles where completed runs' per-row predictions are stored
   */
  public RunStore(
      Database database,
      AuditLog audit,
      Clock clock,
      String osUser,
      ObjectMapper json,
      PredictionStore predictionFiles) {
    this.predictionFiles = predictionFiles;
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.json = json;
  }

  /** Records a new run as running; returns its id. */
  public long start(
      EvaluationRequest request, Map<String, Object> config, Map<String, Object> env) {
    return database.inTransaction(
        connection -> {
          long id;
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO eval_run (model_version_id, dataset_id, target_column, config_json,"
                      + " provider_requested, batch_size, environment_json, status, started_at,"
                      + " started_by, owner_pid, owner_host) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?,"
                      + " ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, request.model().id());
            insert.setLong(2, request.dataset().id());
            insert.setString(3, request.target());
            insert.setString(4, write(config));
            insert.setString(5, request.provider().id());
            insert.setInt(6, request.batchSize());
            insert.setString(7, write(env));
            insert.setObject(8, now());
            insert.setString(9, osUser);
            insert.setLong(10, ProcessHandle.current().pid());
            insert.setString(11, hostName());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          audit.append(
              connection,
              "eval.start",
              "run:" + id,
              "model=" + request.model().ref() + " dataset=" + request.dataset().ref(),
              CoveredTable.EVAL_RUN,
              id);
          return id;
        });
  }

  /**
   * Completes a run with its result and predictions, in one transaction: the predictions file is
   * moved into the prediction store first (a crash before the commit leaves a file the next start
   * removes), and the row records its SHA-256 and size, which the audit entry covers.
   *
   * @throws dev.assay.core.AssayException when the predictions cannot be stored
   */
  public void complete(long id, EvaluationResult result, Path predictions, String format) {
    PredictionStore.Stored stored = predictionFiles.publish(predictions);
    database.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE eval_run SET status = 'completed', ended_at = ?, provider_used = ?,"
                      + " row_count = ?, result_json = ?, prediction_format = ?,"
                      + " predictions_sha256 = ?, predictions_size = ? WHERE id = ?")) {
            update.setObject(1, now());
            update.setString(2, result.run().provider());
            update.setLong(3, result.rows());
            update.setString(4, write(result));
            update.setString(5, format);
            update.setString(6, stored.sha256());
            update.setLong(7, stored.sizeBytes());
            update.setLong(8, id);
            update.executeUpdate();
          }
          audit.append(
              connection,
              "eval.complete",
              "run:" + id,
              "rows=" + result.rows() + " provider=" + result.run().provider(),
              CoveredTable.EVAL_RUN,
              id);
          return null;
        });
  }

  /** Ends a run that did not complete. */
  public void finish(long id, RunStatus status, String error) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE eval_run SET status = ?, ended_at = ?, error = ? WHERE id = ?")) {
            update.setString(1, status.id());
            update.setObject(2, now());
            update.setString(3, error);
            update.setLong(4, id);
            update.executeUpdate();
          }
          audit.append(
              connection,
              "eval." + status.id(),
              "run:" + id,
              error == null ? "" : error,
              CoveredTable.EVAL_RUN,
              id);
          return null;
        });
  }

  /**
   * Marks runs left {@code running} by a process that no longer exists as interrupted.
   *
   * @return how many runs were marked
   */
  public int markInterrupted() {
    return database.inTransaction(
        connection -> {
          List<Long> dead = new ArrayList<>();
          String host = hostName();
          try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT id, owner_pid, owner_host, started_at FROM eval_run"
                          + " WHERE status = 'running'");
              ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
              boolean sameHost = host.equals(rs.getString(3));
              boolean alive =
                  sameHost
                      && ownerRuns(
                          rs.getLong(2), rs.getObject(4, OffsetDateTime.class).toInstant());
              if (!alive) {
                dead.add(rs.getLong(1));
              }
            }
          }
          for (long id : dead) {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE eval_run SET status = 'interrupted', ended_at = ?, error = ? WHERE id = ?")) {
              update.setObject(1, now());
              update.setString(2, "the process running it ended before it finished");
              update.setLong(3, id);
              update.executeUpdate();
            }
            audit.append(
                connection,
                "eval.interrupted",
                "run:" + id,
                "found at start",
                CoveredTable.EVAL_RUN,
                id);
          }
          return dead.size();
        });
  }

  /**
   * Whether the process {@code pid} that started a run at {@code started} still runs: this process,
   * or a live process with that id that started before the run (not a later process that got the id
   * of a dead one).
   */
  private static boolean ownerRuns(long pid, java.time.Instant started) {
    if (pid == ProcessHandle.current().pid()) {
      return true;
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(
            p ->
                p.info()
                    .startInstant()
                    .map(start -> !start.isAfter(started.plusSeconds(1)))
                    .orElse(true))
        .orElse(false);
  }

  /** Runs, newest first; of one model version when {@code modelVersionId} is not null. */
  public List<RunSummary> list(Long modelVersionId) {
    return database.read(
        connection -> {
          String sql =
              SELECT
                  + (modelVersionId == null ? "" : " WHERE r.model_version_id = ?")
                  + " ORDER BY r.id DESC";
          List<RunSummary> runs = new ArrayList<>();
          try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (modelVersionId != null) {
              query.setLong(1, modelVersionId);
            }
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                runs.add(map(rs));
              }
            }
          }
          return runs;
        });
  }

  public RunSummary get(long id) {
    return database.read(
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(SELECT + " WHERE r.id = ?")) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
              if (rs.next()) {
                return map(rs);
              }
            }
          }
          throw new NotFoundException("no run " + id);
        });
  }

  /** The stored result of a completed run. */
  public EvaluationResult result(long id) {
    RunSummary run = get(id);
    if (run.resultJson() == null) {
      throw new NotFoundException("run " + id + " has no result (" + run.status().id() + ")");
    }
    try {
      return json.readValue(run.resultJson(), EvaluationResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored result of run " + id + " is unreadable", e);
    }
  }

  /**
   * The configuration and environment documents stored with a run, as JSON exactly as stored (for
   * hashing and reproducing the run).
   */
  public record Documents(String configJson, String environmentJson) {}

  /** The stored configuration and environment of a run. */
  public Documents documents(long id) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT config_json, environment_json FROM eval_run WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("no run " + id);
              }
              return new Documents(rs.getString(1), rs.getString(2));
            }
          }
        });
  }

  /**
   * Copies a run's stored predictions to {@code target}, streaming: from the prediction store, or
   * from the database for runs completed before predictions moved out of it.
   *
   * @throws NotFoundException when the run has no stored predictions
   * @throws dev.assay.core.AssayException when the stored file is missing or was changed
   */
  public void copyPredictions(long id, Path target) {
    String sha256 =
        database.read(
            connection -> {
              try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT predictions_sha256, predictions FROM eval_run WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet rs = query.executeQuery()) {
                  if (!rs.next()) {
                    throw new NotFoundException("run " + id + " has no stored predictions");
                  }
                  if (rs.getString(1) != null) {
                    return rs.getString(1);
                  }
                  if (rs.getBlob(2) == null) {
                    throw new NotFoundException("run " + id + " has no stored predictions");
                  }
                  try (InputStream in = rs.getBinaryStream(2)) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  return null;
                }
              }
            });
    if (sha256 != null) {
      predictionFiles.copy(sha256, target);
    }
  }

  private RunSummary map(ResultSet rs) throws SQLException {
    OffsetDateTime ended = rs.getObject(12, OffsetDateTime.class);
    long rowValue = rs.getLong(14);
    Long rows = rs.wasNull() ? null : rowValue;
    return new RunSummary(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getInt(9),
        RunStatus.of(rs.getString(10)),
        rs.getObject(11, OffsetDateTime.class).toInstant(),
        ended == null ? null : ended.toInstant(),
        rs.getString(13),
        rows,
        rs.getString(15),
        rs.getString(16));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(
        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(),
          e);
    }
  }
}
