package dev.assay.core.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.monitor.MonitorEvent;
import dev.assay.core.monitor.Windower;
import dev.assay.core.store.Cover;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The incremental parts of a monitored stream's stored state: the open windows' events as segments
 * ({@code monitor_pending}, V19) and the pruning of label-book deltas ({@code monitor_label_delta})
 * that no restart can need. Each row written is covered by the store's audit entry, and each row
 * deleted is recorded in it as removed, so {@code audit verify} tells a pruned row from one deleted
 * outside Assay.
 */
final class MonitorJournal {
  private static final TypeReference<List<MonitorEvent.Prediction>> EVENTS =
      new TypeReference<>() {};

  private final ObjectMapper json;

  MonitorJournal(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Appends the segment (unless it is empty or already expired) and deletes the stream's segments
   * that expired; returns the covers for both.
   */
  List<Cover> storePending(
      Connection connection, long streamId, Windower.Pending pending, long retainFrom)
      throws SQLException {
    List<Cover> covers = new ArrayList<>();
    List<Long> expired = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT id FROM monitor_pending WHERE stream_id = ? AND expires < ? ORDER BY id")) {
      query.setLong(1, streamId);
      query.setLong(2, retainFrom);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          expired.add(rs.getLong(1));
        }
      }
    }
    delete(connection, "monitor_pending", expired);
    expired.forEach(id -> covers.add(Cover.removed(CoveredTable.MONITOR_PENDING, id)));
    if (pending != null && !pending.events().isEmpty() && pending.expires() >= retainFrom) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO monitor_pending (stream_id, first_arrival, expires, events_json)"
                  + " VALUES (?, ?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, streamId);
        insert.setLong(2, pending.firstArrival());
        insert.setLong(3, pending.expires());
        insert.setString(4, write(pending.events()));
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          covers.add(Cover.of(connection, CoveredTable.MONITOR_PENDING, keys.getLong(1)));
        }
      }
    }
    return covers;
  }

  /**
   * Deletes the stream's label-book deltas older than its snapshot {@code snapshotId}: a restart
   * replays the newest snapshot and what follows it only. Returns the removal covers.
   */
  static List<Cover> pruneDeltas(Connection connection, long streamId, long snapshotId)
      throws SQLException {
    List<Long> old = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT id FROM monitor_label_delta WHERE stream_id = ? AND id < ? ORDER BY id")) {
      query.setLong(1, streamId);
      query.setLong(2, snapshotId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          old.add(rs.getLong(1));
        }
      }
    }
    delete(connection, "monitor_label_delta", old);
    List<Cover> covers = new ArrayList<>();
    old.forEach(id -> covers.add(Cover.removed(CoveredTable.MONITOR_LABEL_DELTA, id)));
    return covers;
  }

  private static void delete(Connection connection, String table, List<Long> ids)
      throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      for (long id : ids) {
        delete.setLong(1, id);
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  /** The stream's stored pending segments, oldest first. */
  List<Windower.Pending> pending(Database database, long streamId) {
    return database.read(
        connection -> {
          List<Windower.Pending> list = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT first_arrival, expires, events_json FROM monitor_pending"
                      + " WHERE stream_id = ? ORDER BY id")) {
            query.setLong(1, streamId);
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                try {
                  list.add(
                      new Windower.Pending(
                          rs.getLong(1), rs.getLong(2), json.readValue(rs.getString(3), EVENTS)));
                } catch (JsonProcessingException e) {
                  throw new AssayException("the stored monitor events are unreadable", e);
                }
              }
            }
          }
          return list;
        });
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise monitor events: " + e.getMessage(), e);
    }
  }
}
