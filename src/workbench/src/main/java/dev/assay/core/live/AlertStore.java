package dev.assay.core.live;

import dev.assay.core.AssayException;
import dev.assay.core.monitor.AlertRule;
import dev.assay.core.monitor.AlertTracker;
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
          long existing =
              Rows.first(
                      connection,
                      "SELECT COUNT(*) FROM monitor_alert_rule WHERE model_version_id = ? AND name = ?",
                      rs -> rs.getLong(1),
                      modelVersionId,
                      rule.name())
                  .orElse(0L);
          if (existing > 0) {
            throw new AssayException(
                "this model version already has an alert rule named " + rule.name());
          }
          long id =
              Rows.insert(
                  connection,
                  "INSERT INTO monitor_alert_rule (model_version_id, name, metric, comparison,"
                      + " threshold, for_windows, created_at, created_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  modelVersionId,
                  rule.name(),
                  rule.metric(),
                  rule.comparison(),
                  rule.threshold(),
                  rule.forWindows(),
                  OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)),
                  osUser);
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
        connection ->
            Rows.list(
                connection,
                "SELECT id, name, metric, comparison, threshold, for_windows"
                    + " FROM monitor_alert_rule WHERE model_version_id = ? ORDER BY id",
                rs ->
                    new AlertRule(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getDouble(5),
                        rs.getInt(6)),
                modelVersionId));
  }

  /** The alerts fired on {@code streamId}, in window then rule order. */
  public List<StoredAlert> alerts(long streamId) {
    return database.read(
        connection ->
            Rows.list(
                connection,
                "SELECT a.id, r.name, r.metric, a.stream_id, a.window_index, a.metric_value"
                    + " FROM monitor_alert a JOIN monitor_alert_rule r ON r.id = a.rule_id"
                    + " WHERE a.stream_id = ? ORDER BY a.window_index, a.rule_id",
                rs ->
                    new StoredAlert(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getDouble(6)),
                streamId));
  }

  /** Inserts fired alerts within the caller's transaction; their audit covers. */
  static List<Cover> insert(
      Connection connection, long streamId, List<AlertTracker.Fired> fired, OffsetDateTime now)
      throws SQLException {
    List<Cover> covers = new ArrayList<>();
    for (AlertTracker.Fired f : fired) {
      long id =
          Rows.insert(
              connection,
              "INSERT INTO monitor_alert (rule_id, stream_id, window_index, metric_value,"
                  + " created_at) VALUES (?, ?, ?, ?, ?)",
              f.rule().id(),
              streamId,
              f.windowIndex(),
              f.value(),
              now);
      covers.add(Cover.of(connection, CoveredTable.MONITOR_ALERT, id));
    }
    return covers;
  }
}
