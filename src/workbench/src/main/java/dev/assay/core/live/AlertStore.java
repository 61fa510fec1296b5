package dev.assay.core.live;

import dev.assay.core.AssayException;
import dev.assay.core.monitor.AlertRule;
import dev.assay.core.monitor.AlertTracker;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.Cover;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert rules of monitored model versions (table {@code monitor_alert_rule}, each added with an
 * audit entry {@code monitor.rule}) and the alerts they fired ({@code monitor_alert}, written and
 * audited in the transaction of the windows that fired them, see {@link MonitorStore}).
 */
public final class AlertStore {
  /** A fired alert as stored. */
  public record StoredAlert(
      long id, String rule, String metric, long streamId, long windowIndex, double value) {}

  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;

  public AlertStore(Database database, AuditLog audit, Clock clock, String osUser) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
  }

  /**
   * Stores a rule of {@code modelVersionId}.
   *
   * @return the rule with its id
   * @throws AssayException when the version has a rule of that name
   */
  public AlertRule add(long modelVersionId, AlertRule rule) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement q =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM monitor_alert_rule WHERE model_version_id = ? AND name = ?")) {
            q.setLong(1, modelVersionId);
            q.setString(2, rule.name());
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              if (rs.getLong(1) > 0) {
                throw new AssayException(
                    "this model version already has an alert rule named " + rule.name());
              }
            }
          }
          long id;
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO monitor_alert_rule (model_version_id, name, metric, comparison,"
                      + " threshold, for_windows, created_at, created_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, modelVersionId);
            insert.setString(2, rule.name());
            insert.setString(3, rule.metric());
            insert.setString(4, rule.comparison());
            insert.setDouble(5, rule.threshold());
            insert.setInt(6, rule.forWindows());
            insert.setObject(7, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
            insert.setString(8, osUser);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          audit.append(
              connection,
              "monitor.rule",
              "monitor-rule:" + id,
              "model_version=" + modelVersionId + " " + rule.describe(),
              CoveredTable.MONITOR_ALERT_RULE,
              id);
          return new AlertRule(
              id,
              rule.name(),
              rule.metric(),
              rule.comparison(),
              rule.threshold(),
              rule.forWindows());
        });
  }

  /** The rules of {@code modelVersionId}, oldest first. */
  public List<AlertRule> rules(long modelVersionId) {
    return database.read(
        connection -> {
          List<AlertRule> list = new ArrayList<>();
          try (PreparedStatement q =
              connection.prepareStatement(
                  "SELECT id, name, metric, comparison, threshold, for_windows"
                      + " FROM monitor_alert_rule WHERE model_version_id = ? ORDER BY id")) {
            q.setLong(1, modelVersionId);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                list.add(
                    new AlertRule(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getDouble(5),
                        rs.getInt(6)));
              }
            }
          }
          return list;
        });
  }

  /** The alerts fired on {@code streamId}, in window then rule order. */
  public List<StoredAlert> alerts(long streamId) {
    return database.read(
        connection -> {
          List<StoredAlert> list = new ArrayList<>();
          try (PreparedStatement q =
              connection.prepareStatement(
                  "SELECT a.id, r.name, r.metric, a.stream_id, a.window_index, a.metric_value"
                      + " FROM monitor_alert a JOIN monitor_alert_rule r ON r.id = a.rule_id"
                      + " WHERE a.stream_id = ? ORDER BY a.window_index, a.rule_id")) {
            q.setLong(1, streamId);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                list.add(
                    new StoredAlert(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getDouble(6)));
              }
            }
          }
          return list;
        });
  }

  /** Inserts fired alerts within the caller's transaction; their audit covers. */
  static List<Cover> insert(
      Connection connection, long streamId, List<AlertTracker.Fired> fired, OffsetDateTime now)
      throws SQLException {
    List<Cover> covers = new ArrayList<>();
    for (AlertTracker.Fired f : fired) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO monitor_alert (rule_id, stream_id, window_index, metric_value,"
                  + " created_at) VALUES (?, ?, ?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, f.rule().id());
        insert.setLong(2, streamId);
        insert.setLong(3, f.windowIndex());
        insert.setDouble(4, f.value());
        insert.setObject(5, now);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          covers.add(Cover.of(connection, CoveredTable.MONITOR_ALERT, keys.getLong(1)));
        }
      }
    }
    return covers;
  }
}
