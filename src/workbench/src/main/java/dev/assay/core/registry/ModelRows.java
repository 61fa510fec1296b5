package dev.assay.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.NotFoundException;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of {@code model_version}: the columns read, a row as a {@link ModelVersion}, look-ups.
 */
final class ModelRows {
  static final String SELECT_VERSION =
      "SELECT id, name, version, sha256, size_bytes, imported_at, imported_by, source_path, notes,"
          + " inspection_json, (SELECT LISTAGG(t.tag, CHAR(31)) WITHIN GROUP (ORDER BY t.tag)"
          + " FROM model_tag t WHERE t.model_version_id = model_version.id) AS tags"
          + " FROM model_version";

  private final ObjectMapper json;

  ModelRows(ObjectMapper json) {
    this.json = json;
  }

  static boolean exists(Connection connection, String name, int version) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM model_version WHERE name = ? AND version = ?")) {
      query.setString(1, name);
      query.setInt(2, version);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  static int nextVersion(Connection connection, String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM model_version WHERE name = ?")) {
      query.setString(1, name);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  Optional<ModelVersion> load(Connection connection, long id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(SELECT_VERSION + " WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(map(connection, rs)) : Optional.empty();
      }
    }
  }

  ModelVersion map(Connection connection, ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    return new ModelVersion(
        id,
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getObject(6, OffsetDateTime.class).toInstant(),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        tags(rs.getString(11)),
        fromJson(rs.getString(10)));
  }

  private static List<String> tags(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split("\u001f"));
  }

  String toJson(ModelInspection inspection) {
    try {
      return json.writeValueAsString(inspection);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an inspection", e);
    }
  }

  private ModelInspection fromJson(String text) {
    try {
      return json.readValue(text, ModelInspection.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored inspection is not readable: " + e.getMessage(), e);
    }
  }

  /** All versions, by name then version. */
  List<ModelVersion> list(Connection connection) throws SQLException {
    List<ModelVersion> versions = new ArrayList<>();
    try (PreparedStatement query =
            connection.prepareStatement(SELECT_VERSION + " ORDER BY name, version");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        versions.add(map(connection, rs));
      }
    }
    return versions;
  }

  /** The version {@code ref} names, the newest when it names none. */
  ModelVersion get(Connection connection, ModelRef ref) throws SQLException {
    String sql =
        ref.version() == null
            ? SELECT_VERSION + " WHERE name = ? ORDER BY version DESC LIMIT 1"
            : SELECT_VERSION + " WHERE name = ? AND version = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, ref.name());
      if (ref.version() != null) {
        query.setInt(2, ref.version());
      }
      try (ResultSet rs = query.executeQuery()) {
        if (rs.next()) {
          return map(connection, rs);
        }
      }
    }
    throw new NotFoundException(
        ref.version() == null ? "no model named '" + ref.name() + "'" : "no model version " + ref);
  }

  /** The first version holding exactly these bytes, if any. */
  Optional<ModelVersion> findBySha(Connection connection, String sha256) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(SELECT_VERSION + " WHERE sha256 = ? ORDER BY id LIMIT 1")) {
      query.setString(1, sha256);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(map(connection, rs)) : Optional.empty();
      }
    }
  }
}
