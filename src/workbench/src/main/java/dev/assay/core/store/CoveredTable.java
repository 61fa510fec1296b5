package dev.assay.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table whose rows the audit trail covers: each audit entry that writes a row records the SHA-256
 * of the row's content, so a row changed, inserted or deleted outside Assay no longer matches the
 * newest entry that covers it. The content is the listed columns in order; operational columns
 * (owner process, a foreign key that the database clears on removal) are left out.
 */
public enum CoveredTable {
  SIGNOFF(
      "signoff",
      "id",
      "model_version_id, reviewer, role, decision, conditions, signed_at, model_sha256, run_id,"
          + " run_result_sha256, covered_json"),
  USER_ROLE("user_role", "os_user", "role, granted_at, granted_by"),
  EVAL_RUN(
      "eval_run",
      "id",
      "model_version_id, dataset_id, target_column, config_json, provider_requested,"
          + " provider_used, batch_size, environment_json, status, started_at, ended_at,"
          + " started_by, row_count, error, result_json, prediction_format, predictions",
      "predictions_sha256, predictions_size"),
  COMPARISON(
      "comparison",
      "id",
      "created_at, created_by, dataset_id, target_column, models, run_ids, report_json"),
  FAIRNESS_REPORT(
      "fairness_report",
      "id",
      "run_id, sensitive, verdict, settings_json, report_json, created_at, created_by"),
  SECURITY_REPORT(
      "security_report",
      "id",
      "kind, subject, sha256, highest_severity, finding_count, created_at, created_by,"
          + " report_json"),
  EXPLANATION(
      "explanation",
      "id",
      "model_version_id, dataset_id, method, output_space, row_count, max_efficiency_error,"
          + " report_json, created_at, created_by"),
  MODEL_CARD(
      "model_card",
      "model_version_id",
      "owner, intended_use, out_of_scope, limitations, updated_at, updated_by"),
  MONITOR_STREAM(
      "monitor_stream",
      "id",
      "model_version_id, reference_dataset_id, source, settings_json, position, windows,"
          + " state_json, created_at, created_by"),
  MONITOR_WINDOW(
      "monitor_window",
      "id",
      "stream_id, window_index, window_start, window_end, predictions, drifted, alarms,"
          + " result_json, position_after, created_at, created_by"),
  MONITOR_ALERT_RULE(
      "monitor_alert_rule",
      "id",
      "model_version_id, name, metric, comparison, threshold, for_windows, created_at,"
          + " created_by"),
  MONITOR_ALERT(
      "monitor_alert", "id", "rule_id, stream_id, window_index, metric_value, created_at"),
  MONITOR_LABEL_DELTA("monitor_label_delta", "id", "stream_id, snapshot, ops_json"),
  MONITOR_PENDING("monitor_pending", "id", "stream_id, first_arrival, expires, events_json"),
  DRIFT_PROFILE(
      "drift_profile",
      "id",
      "model_version_id, dataset_id, columns_json, row_count, profile_sha256, profile_size,"
          + " created_at, created_by"),
  DRIFT_REPORT(
      "drift_report",
      "id",
      "model_version_id, profile_id, reference_dataset_id, current_dataset_id, verdict, drifted,"
          + " settings_json, report_json, created_at, created_by"),
  DATA_CONTRACT(
      "data_contract",
      "id",
      "model_version_id, revision, source, dataset_id, contract_json, contract_sha256, created_at,"
          + " created_by"),
  ROLLOUT_PLAN(
      "rollout_plan",
      "id",
      "challenger_version_id, champion_version_id, stages, min_events, max_drop, start_window_id,"
          + " created_at, created_by",
      "fairness_column, fairness_metric, fairness_threshold, fairness_min_group"),
  ROLLOUT_DECISION(
      "rollout_decision",
      "id",
      "plan_id, stage_index, action, gate_verdict, overridden, decided_by, reason, evidence_json,"
          + " after_window_id, created_at, created_by");

  /** Columns of a table added after rows were covered: hashed only when not null. */
  private final java.util.Set<String> late;

  private final String table;
  private final String key;
  private final String columns;

  CoveredTable(String table, String key, String columns) {
    this(table, key, columns, "");
  }

  /**
   * @param late columns added later, hashed only when not null, so that the hash of a row covered
   *     before they existed does not change
   */
  CoveredTable(String table, String key, String columns, String late) {
    this.table = table;
    this.key = key;
    this.columns = late.isEmpty() ? columns : columns + ", " + late;
    this.late =
        late.isEmpty()
            ? java.util.Set.of()
            : java.util.Set.copyOf(java.util.Arrays.asList(late.split(",\\s*")));
  }

  /** The table's name in the database and in audit entries. */
  public String tableName() {
    return table;
  }

  /** The table named {@code name}, or null. */
  public static CoveredTable named(String name) {
    for (CoveredTable t : values()) {
      if (t.table.equals(name)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The content hash of the row with key {@code keyValue}, or null when there is no such row.
   *
   * @throws SQLException when the database cannot be read
   */
  public String contentHash(Connection connection, String keyValue) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + key + ", " + columns + " FROM " + table + " WHERE " + key + " = ?")) {
      query.setString(1, keyValue);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? hashRow(rs, late) : null;
      }
    }
  }

  /**
   * Every row's content hash by key, in key order.
   *
   * @throws SQLException when the database cannot be read
   */
  public Map<String, String> contentHashes(Connection connection) throws SQLException {
    Map<String, String> hashes = new LinkedHashMap<>();
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT " + key + ", " + columns + " FROM " + table + " ORDER BY " + key);
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        hashes.put(rs.getString(1), hashRow(rs, late));
      }
    }
    return hashes;
  }

  /**
   * Hashes columns 2.. of the current row: each as its name, a null marker or its value; a {@code
   * late} column only when it holds a value.
   */
  private static String hashRow(ResultSet rs, java.util.Set<String> late) throws SQLException {
    MessageDigest digest = sha256();
    ResultSetMetaData meta = rs.getMetaData();
    for (int i = 2; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
      String value = value(rs, i, meta.getColumnType(i));
      if (value == null && late.contains(name)) {
        continue;
      }
      update(digest, name);
      update(digest, value == null ? "\u0000null" : "=" + value);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String value(ResultSet rs, int column, int type) throws SQLException {
    return switch (type) {
      case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> blobHash(rs, column);
      case Types.TIMESTAMP_WITH_TIMEZONE -> {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        yield t == null ? null : t.toInstant().toString();
      }
      default -> rs.getString(column);
    };
  }

  private static String blobHash(ResultSet rs, int column) throws SQLException {
    Blob blob = rs.getBlob(column);
    if (blob == null) {
      return null;
    }
    MessageDigest digest = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = blob.getBinaryStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      blob.free();
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
