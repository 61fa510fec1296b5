package dev.assay.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.data.DatasetProfile;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelRef;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dataset_version} rows of the {@link DatasetRegistry}: the next version's insert (with
 * its audit entry) and the queries, each over a connection the registry's transaction or read
 * gives.
 */
final class DatasetRows {
  private static final String SELECT =
      "SELECT id, name, version, sha256, size_bytes, row_count, file_name, imported_at, imported_by,"
          + " source_path, profile_json FROM dataset_version";

  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ObjectMapper json;

  DatasetRows(AuditLog audit, Clock clock, String osUser, ObjectMapper json) {
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.json = json;
  }

  /** Records {@code name}'s next version of the stored file, audited; returns it. */
  DatasetVersion insert(
      Connection connection,
      String name,
      String sha256,
      String source,
      String note,
      ContentStore.StoredFile stored,
      DatasetProfile profile)
      throws SQLException {
    int version;
    try (PreparedStatement next =
        connection.prepareStatement(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM dataset_version WHERE name = ?")) {
      next.setString(1, name);
      try (ResultSet rs = next.executeQuery()) {
        rs.next();
        version = rs.getInt(1);
      }
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    long id;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO dataset_version (name, version, sha256, size_bytes, row_count, file_name,"
                + " imported_at, imported_by, source_path, profile_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, name);
      insert.setInt(2, version);
      insert.setString(3, sha256);
      insert.setLong(4, stored.sizeBytes());
      insert.setLong(5, profile.rows());
      insert.setString(6, stored.relativePath());
      insert.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      insert.setString(8, osUser);
      insert.setString(9, source);
      insert.setString(10, write(profile));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    audit.append(
        connection,
        "dataset.import",
        name + ":" + version,
        "sha256=" + sha256 + " rows=" + profile.rows() + " " + note);
    return byId(connection, id).orElseThrow();
  }

  /** All dataset versions by name and version. */
  List<DatasetVersion> all(Connection connection) throws SQLException {
    List<DatasetVersion> list = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(SELECT + " ORDER BY name, version");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        list.add(map(rs));
      }
    }
    return list;
  }

  /** The version {@code ref} names (the newest when it names none). */
  Optional<DatasetVersion> byRef(Connection connection, ModelRef ref) throws SQLException {
    String sql =
        ref.version() == null
            ? SELECT + " WHERE name = ? ORDER BY version DESC LIMIT 1"
            : SELECT + " WHERE name = ? AND version = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, ref.name());
      if (ref.version() != null) {
        query.setInt(2, ref.version());
      }
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  /**
   * The newest version imported from {@code sourcePath} with {@code sizeBytes} bytes, if any: a
   * likely match for the file there now, to be confirmed by its hash.
   */
  Optional<DatasetVersion> bySource(Connection connection, String sourcePath, long sizeBytes)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            SELECT + " WHERE source_path = ? AND size_bytes = ? ORDER BY id DESC LIMIT 1")) {
      query.setString(1, sourcePath);
      query.setLong(2, sizeBytes);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  /** The first version holding exactly these bytes, if any. */
  Optional<DatasetVersion> bySha(Connection connection, String sha256) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(SELECT + " WHERE sha256 = ? ORDER BY id LIMIT 1")) {
      query.setString(1, sha256);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  Optional<DatasetVersion> byId(Connection connection, long id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(SELECT + " WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  private DatasetVersion map(ResultSet rs) throws SQLException {
    return new DatasetVersion(
        rs.getLong(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getString(7),
        rs.getObject(8, OffsetDateTime.class).toInstant(),
        rs.getString(9),
        rs.getString(10),
        read(rs.getString(11)));
  }

  private String write(DatasetProfile profile) {
    try {
      return json.writeValueAsString(profile);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a dataset profile", e);
    }
  }

  private DatasetProfile read(String text) {
    try {
      return json.readValue(text, DatasetProfile.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored dataset profile is not readable: " + e.getMessage(), e);
    }
  }
}
