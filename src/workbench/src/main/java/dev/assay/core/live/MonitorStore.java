package dev.assay.core.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.monitor.AlertTracker;
import dev.assay.core.monitor.LabelBook;
import dev.assay.core.monitor.MonitorPipeline;
import dev.assay.core.monitor.WindowResult;
import dev.assay.core.monitor.Windower;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.Cover;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Monitored streams and their windows (tables {@code monitor_stream}, {@code monitor_window}). A
 * stream's windows, its new position and state, and one audit entry ({@code monitor.window})
 * covering all of them are written in one transaction; the position moves only from the value the
 * writer read, so two processes cannot both advance one stream.
 */
public final class MonitorStore {
  /** A monitored stream as stored: where it was read up to and the state after that. */
  public record Stream(long id, long position, long windows, String stateJson) {}

  /** A stored window. */
  public record StoredWindow(long id, long index, long positionAfter, WindowResult result) {}

  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ObjectMapper json;
  private final AlertStore alerts;
  private final MonitorJournal journal;

  public MonitorStore(
      Database database, AuditLog audit, Clock clock, String osUser, ObjectMapper json) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.json = json;
    this.alerts = new AlertStore(database, audit, clock, osUser);
    this.journal = new MonitorJournal(json);
  }

  /** Short reads of the streams, their windows and alerts (the screen's and the workbook's). */
  public MonitorReads reads() {
    return new MonitorReads(database, json);
  }

  /** Rollout plans of model versions and the decisions on their stages. */
  public RolloutStore rollouts() {
    return new RolloutStore(database, audit, clock, osUser, json, alerts);
  }

  /** The alert rules and fired alerts of monitored streams. */
  public AlertStore alerts() {
    return alerts;
  }

  /**
   * The stream of {@code modelVersionId} on {@code source}, created (and audited) when new.
   *
   * @throws AssayException when the stream exists with other settings or another reference
   */
  public Stream open(
      long modelVersionId, long referenceDatasetId, String source, String settingsJson) {
    return database.inTransaction(
        connection -> {
          Optional<Stream> existing =
              Rows.first(
                  connection,
                  "SELECT id, position, windows, state_json, settings_json, reference_dataset_id"
                      + " FROM monitor_stream WHERE model_version_id = ? AND source = ?",
                  rs -> {
                    if (!rs.getString(5).equals(settingsJson)
                        || rs.getLong(6) != referenceDatasetId) {
                      throw new AssayException(
                          source
                              + " is monitored for this model with other settings ("
                              + rs.getString(5)
                              + "); use the same settings and reference, or another events file");
                    }
                    return new Stream(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
                  },
                  modelVersionId,
                  source);
          if (existing.isPresent()) {
            return existing.get();
          }
          long id =
              Rows.insert(
                  connection,
                  "INSERT INTO monitor_stream (model_version_id, reference_dataset_id, source,"
                      + " settings_json, position, windows, created_at, created_by)"
                      + " VALUES (?, ?, ?, ?, 0, 0, ?, ?)",
                  modelVersionId,
                  referenceDatasetId,
                  source,
                  settingsJson,
                  OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)),
                  osUser);
          audit.append(
              connection,
              "monitor.start",
              "monitor:" + id,
              "model_version=" + modelVersionId + " source=" + source,
              CoveredTable.MONITOR_STREAM,
              id);
          return new Stream(id, 0, 0, null);
        });
  }

  /**
   * Stores windows closed by the events before {@code position} with the state after them.
   *
   * @param from the position the caller read the stream at; the store refuses when it moved
   * @throws AssayException when another process advanced the stream meanwhile
   */
  public void saveWindows(
      long streamId, long from, List<WindowResult> results, String stateJson, long position) {
    saveWindows(streamId, from, results, stateJson, position, List.of());
  }

  /**
   * As {@link #saveWindows(long, long, List, String, long)}, with the alerts these windows fired
   * (stored and covered by the same audit entry).
   */
  public void saveWindows(
      long streamId,
      long from,
      List<WindowResult> results,
      String stateJson,
      long position,
      List<AlertTracker.Fired> fired) {
    saveWindows(streamId, from, results, stateJson, (LabelBook.Delta) null, position, fired);
  }

  /**
   * As {@link #saveWindows(long, long, List, String, long, List)}, with the label book's delta
   * since the previous store ({@code monitor_label_delta}, covered by the same audit entry); null
   * when the state holds its book.
   */
  public void saveWindows(
      long streamId,
      long from,
      List<WindowResult> results,
      String stateJson,
      LabelBook.Delta book,
      long position,
      List<AlertTracker.Fired> fired) {
    saveWindows(streamId, from, results, stateJson, book, null, Long.MIN_VALUE, position, fired);
  }

  /**
   * As {@link #saveWindows(long, long, List, String, LabelBook.Delta, long, List)} with what the
   * pipeline journaled: the label book's delta (a snapshot deletes the deltas before it), the
   * events that entered open windows since the previous store ({@code monitor_pending}) and the
   * deletion of the segments no open window needs; all in the one transaction and audit entry.
   */
  public void saveWindows(
      long streamId,
      long from,
      List<WindowResult> results,
      String stateJson,
      MonitorPipeline.Journaled journal,
      long position,
      List<AlertTracker.Fired> fired) {
    saveWindows(
        streamId,
        from,
        results,
        stateJson,
        journal.book(),
        journal.pending(),
        journal.retainFrom(),
        position,
        fired);
  }

  private void saveWindows(
      long streamId,
      long from,
      List<WindowResult> results,
      String stateJson,
      LabelBook.Delta book,
      Windower.Pending pending,
      long retainFrom,
      long position,
      List<AlertTracker.Fired> fired) {
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    database.inTransaction(
        connection -> {
          int updated =
              Rows.update(
                  connection,
                  "UPDATE monitor_stream SET position = ?, windows = windows + ?, state_json = ?"
                      + " WHERE id = ? AND position = ?",
                  position,
                  (long) results.size(),
                  stateJson,
                  streamId,
                  from);
          if (updated != 1) {
            throw new AssayException(
                "another process advanced monitor stream " + streamId + "; stopping");
          }
          List<Cover> covers = new ArrayList<>();
          covers.add(Cover.of(connection, CoveredTable.MONITOR_STREAM, streamId));
          if (book != null) {
            long delta = insert(connection, streamId, book);
            if (book.snapshot()) {
              covers.addAll(MonitorJournal.pruneDeltas(connection, streamId, delta));
            }
            covers.add(Cover.of(connection, CoveredTable.MONITOR_LABEL_DELTA, delta));
          }
          if (pending != null) {
            covers.addAll(journal.storePending(connection, streamId, pending, retainFrom));
          }
          StringBuilder details = new StringBuilder("position=" + position + " windows=");
          for (WindowResult r : results) {
            long id = insert(connection, streamId, r, position, now);
            covers.add(Cover.of(connection, CoveredTable.MONITOR_WINDOW, id));
            details.append(r.index()).append(r == results.getLast() ? "" : ",");
          }
          if (!fired.isEmpty()) {
            covers.addAll(AlertStore.insert(connection, streamId, fired, now));
            details.append(" alerts=");
            for (AlertTracker.Fired f : fired) {
              details.append(f.rule().name()).append('@').append(f.windowIndex());
              details.append(f == fired.getLast() ? "" : ",");
            }
          }
          audit.append(
              connection, "monitor.window", "monitor:" + streamId, details.toString(), covers);
          return null;
        });
  }

  private long insert(
      Connection connection, long streamId, WindowResult r, long position, OffsetDateTime now)
      throws SQLException {
    return Rows.insert(
        connection,
        "INSERT INTO monitor_window (stream_id, window_index, window_start, window_end,"
            + " predictions, drifted, alarms, result_json, position_after, created_at,"
            + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        streamId,
        r.index(),
        OffsetDateTime.ofInstant(r.start(), ZoneOffset.UTC),
        OffsetDateTime.ofInstant(r.end(), ZoneOffset.UTC),
        r.predictions(),
        String.join(",", r.drifted()),
        r.alarms().size(),
        write(r),
        position,
        now,
        osUser);
  }

  private long insert(Connection connection, long streamId, LabelBook.Delta book)
      throws SQLException {
    return Rows.insert(
        connection,
        "INSERT INTO monitor_label_delta (stream_id, snapshot, ops_json) VALUES (?, ?, ?)",
        streamId,
        book.snapshot(),
        write(book.ops()));
  }

  /** The stream's stored label book: its newest snapshot and the deltas after it, oldest first. */
  public List<LabelBook.Delta> labelBook(long streamId) {
    return database.read(
        connection ->
            Rows.list(
                connection,
                "SELECT snapshot, ops_json FROM monitor_label_delta WHERE stream_id = ? AND id >="
                    + " (SELECT COALESCE(MAX(id), 0) FROM monitor_label_delta"
                    + " WHERE stream_id = ? AND snapshot) ORDER BY id",
                rs -> {
                  try {
                    return new LabelBook.Delta(
                        rs.getBoolean(1), json.readValue(rs.getString(2), OPS));
                  } catch (JsonProcessingException e) {
                    throw new AssayException("the stored monitor label book is unreadable", e);
                  }
                },
                streamId,
                streamId));
  }

  private static final TypeReference<List<String[]>> OPS = new TypeReference<>() {};

  /** The stream's stored pending segments (events of open windows), oldest first. */
  public List<Windower.Pending> pending(long streamId) {
    return journal.pending(database, streamId);
  }

  /** The stream's stored windows, oldest first. */
  public List<StoredWindow> windows(long streamId) {
    return database.read(
        connection ->
            Rows.list(
                connection,
                "SELECT id, window_index, position_after, result_json FROM monitor_window"
                    + " WHERE stream_id = ? ORDER BY id",
                rs ->
                    new StoredWindow(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), read(rs.getString(4))),
                streamId));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a monitor window: " + e.getMessage(), e);
    }
  }

  private WindowResult read(String text) {
    try {
      return json.readValue(text, WindowResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored monitor window is unreadable", e);
    }
  }
}
