package dev.assay.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The outputs and target maps remembered per model version, the way {@link ModelRegistry} remembers
 * a binding: what a user chose once ({@code --probabilities-output}, {@code --label-output}, {@code
 * --target-map} or a screen) is used again for that version (and, for a target map, that dataset
 * name) until chosen otherwise. A change is written with its audit entry.
 */
public final class OutputChoices implements dev.assay.core.inference.ChoiceMemory {
  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ObjectMapper json;

  OutputChoices(Database database, AuditLog audit, Clock clock, String osUser, ObjectMapper json) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.json = json;
  }

  /** The outputs remembered for a version; {@link OutputChoice#AUTOMATIC} when none. */
  public OutputChoice outputs(ModelVersion version) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT probabilities_output, label_output FROM model_output_choice"
                      + " WHERE model_version_id = ?")) {
            query.setLong(1, version.id());
            try (ResultSet rs = query.executeQuery()) {
              return rs.next()
                  ? new OutputChoice(rs.getString(1), rs.getString(2))
                  : OutputChoice.AUTOMATIC;
            }
          }
        });
  }

  /** Remembers the outputs chosen for a version (audited when they change). */
  public void remember(ModelVersion version, OutputChoice choice) {
    if (choice.equals(outputs(version))) {
      return;
    }
    database.inTransaction(
        connection -> {
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO model_output_choice (model_version_id, probabilities_output,"
                      + " label_output, updated_at, updated_by) KEY (model_version_id)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            merge.setLong(1, version.id());
            merge.setString(2, choice.probabilities());
            merge.setString(3, choice.label());
            merge.setObject(4, now());
            merge.setString(5, osUser);
            merge.executeUpdate();
          }
          audit.append(
              connection,
              "model.outputs",
              version.ref(),
              "probabilities=" + choice.probabilities() + " label=" + choice.label());
          return null;
        });
  }

  /** The target map remembered for a version and dataset name, if any. */
  public Optional<TargetMap> targetMap(ModelVersion version, String datasetName) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT map_json FROM model_target_map"
                      + " WHERE model_version_id = ? AND dataset_name = ?")) {
            query.setLong(1, version.id());
            query.setString(2, datasetName);
            try (ResultSet rs = query.executeQuery()) {
              if (!rs.next()) {
                return Optional.<TargetMap>empty();
              }
              try {
                Map<String, String> values =
                    json.readValue(rs.getString(1), new TypeReference<Map<String, String>>() {});
                return Optional.of(new TargetMap(values));
              } catch (JsonProcessingException e) {
                return Optional.<TargetMap>empty();
              }
            }
          }
        });
  }

  /** Remembers the target map used for a version and dataset name (audited when it changes). */
  public void remember(ModelVersion version, String datasetName, TargetMap map) {
    if (targetMap(version, datasetName).filter(map::equals).isPresent()) {
      return;
    }
    String text;
    try {
      text = json.writeValueAsString(map.values());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a target map", e);
    }
    database.inTransaction(
        connection -> {
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO model_target_map (model_version_id, dataset_name, map_json,"
                      + " updated_at, updated_by) KEY (model_version_id, dataset_name)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            merge.setLong(1, version.id());
            merge.setString(2, datasetName);
            merge.setString(3, text);
            merge.setObject(4, now());
            merge.setString(5, osUser);
            merge.executeUpdate();
          }
          audit.append(connection, "model.target_map", version.ref(), datasetName + ": " + map);
          return null;
        });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }
}
