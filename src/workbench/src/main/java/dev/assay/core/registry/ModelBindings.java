package dev.assay.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.inference.Binding;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The column binding remembered per model version ({@code model_binding}): read, and replaced with
 * an audit entry when it changes.
 */
final class ModelBindings {
  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ObjectMapper json;

  ModelBindings(Database database, AuditLog audit, Clock clock, String osUser, ObjectMapper json) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.json = json;
  }

  /** The column binding remembered for a version, if any. */
  Optional<Binding> binding(ModelVersion version) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT binding_json FROM model_binding WHERE model_version_id = ?")) {
            query.setLong(1, version.id());
            try (ResultSet rs = query.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Binding>empty();
              }
              try {
                return Optional.of(json.readValue(rs.getString(1), Binding.class));
              } catch (JsonProcessingException e) {
                return Optional.<Binding>empty();
              }
            }
          }
        });
  }

  /** Remembers the binding used for a version (recorded in the audit trail when it changes). */
  void remember(ModelVersion version, Binding binding) {
    String text = toJsonValue(binding);
    database.inTransaction(
        connection -> {
          String previous = null;
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT binding_json FROM model_binding WHERE model_version_id = ?")) {
            query.setLong(1, version.id());
            try (ResultSet rs = query.executeQuery()) {
              if (rs.next()) {
                previous = rs.getString(1);
              }
            }
          }
          if (text.equals(previous)) {
            return null;
          }
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO model_binding (model_version_id, binding_json, updated_at, updated_by)"
                      + " KEY (model_version_id) VALUES (?, ?, ?, ?)")) {
            merge.setLong(1, version.id());
            merge.setString(2, text);
            merge.setObject(
                3,
                OffsetDateTime.ofInstant(
                    clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            merge.setString(4, osUser);
            merge.executeUpdate();
          }
          audit.append(connection, "model.bind", version.ref(), "columns=" + binding.columns());
          return null;
        });
  }

  private String toJsonValue(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value, e);
    }
  }
}
