package dev.assay.core.driftreports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DatasetDrift;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.FeatureSample;
import dev.assay.core.drift.ProfileCodec;
import dev.assay.core.drift.ReferenceProfile;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.PredictionStore;
import dev.assay.core.store.ProcessScratch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Reference profiles in the workbench: one per model version and reference dataset, the profile a
 * file ({@link ProfileCodec}) in the store folder named by its SHA-256, and a row of {@code
 * drift_profile} with the file's hash and size, written with an audit entry ({@code drift.profile})
 * in one transaction. A profile is built once and reused by every later comparison.
 */
public final class DriftProfileStore {
  /** A stored profile's row. */
  public record StoredProfile(
      long id,
      long modelVersionId,
      long datasetId,
      List<String> columns,
      long rows,
      String sha256,
      long sizeBytes) {}

  private final Database database;
  private final AuditLog audit;
  private final PredictionStore files;
  private final ProcessScratch scratch;
  private final ObjectMapper json;
  private final Clock clock;
  private final String osUser;

  /**
   * @param root the folder of the profile files
   */
  public DriftProfileStore(
      Database database,
      AuditLog audit,
      Path root,
      ProcessScratch scratch,
      ObjectMapper json,
      Clock clock,
      String osUser) {
    this.database = database;
    this.audit = audit;
    this.files = new PredictionStore(root, scratch, ".profile", "drift profile");
    this.scratch = scratch;
    this.json = json;
    this.clock = clock;
    this.osUser = osUser;
  }

  /** The stored profile of {@code model} on {@code dataset}, if there is one. */
  public Optional<StoredProfile> find(ModelVersion model, DatasetVersion dataset) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, model_version_id, dataset_id, columns_json, row_count,"
                      + " profile_sha256, profile_size FROM drift_profile"
                      + " WHERE model_version_id = ? AND dataset_id = ?")) {
            query.setLong(1, model.id());
            query.setLong(2, dataset.id());
            try (ResultSet rs = query.executeQuery()) {
              return rs.next() ? Optional.of(row(rs)) : Optional.<StoredProfile>empty();
            }
          }
        });
  }

  /**
   * The stored profile of {@code model} on {@code reference}, built from the dataset and stored
   * first when there is none (every column of the dataset, one pass per column).
   *
   * @throws AssayException when the dataset cannot be read or the profile cannot be stored
   */
  public StoredProfile findOrBuild(
      ModelVersion model,
      DatasetVersion reference,
      DatasetDrift.Source source,
      List<FeatureReader.Feature> columns,
      DriftSettings settings) {
    Optional<StoredProfile> found = find(model, reference);
    if (found.isPresent()) {
      return found.get();
    }
    ReferenceProfile profile = ReferenceProfile.build(source, columns, settings);
    return save(model, reference, profile);
  }

  /**
   * Stores {@code profile} of {@code model} on {@code dataset} with its audit entry. When another
   * process stored one first, that one is kept and returned.
   *
   * @throws AssayException when the file cannot be written
   */
  public StoredProfile save(ModelVersion model, DatasetVersion dataset, ReferenceProfile profile) {
    PredictionStore.Stored stored;
    try {
      Path file = Files.createTempFile(scratch.folder(), "drift-profile-", ".profile");
      ProfileCodec.write(profile, file);
      stored = files.publish(file);
    } catch (IOException e) {
      throw new AssayException("cannot write the drift profile: " + e.getMessage(), e);
    }
    List<String> columns = profile.features().stream().map(FeatureSample::name).toList();
    String columnsJson;
    try {
      columnsJson = json.writeValueAsString(columns);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      long id =
          database.inTransaction(
              connection -> {
                long key;
                try (PreparedStatement insert =
                    connection.prepareStatement(
                        "INSERT INTO drift_profile (model_version_id, dataset_id, columns_json,"
                            + " row_count, profile_sha256, profile_size, created_at, created_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                  insert.setLong(1, model.id());
                  insert.setLong(2, dataset.id());
                  insert.setString(3, columnsJson);
                  insert.setLong(4, profile.rows());
                  insert.setString(5, stored.sha256());
                  insert.setLong(6, stored.sizeBytes());
                  insert.setObject(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                  insert.setString(8, osUser);
                  insert.executeUpdate();
                  try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    key = keys.getLong(1);
                  }
                }
                audit.append(
                    connection,
                    "drift.profile",
                    "drift-profile:" + key,
                    "model="
                        + model.ref()
                        + " dataset="
                        + dataset.ref()
                        + " columns="
                        + columns.size()
                        + " sha256="
                        + stored.sha256(),
                    CoveredTable.DRIFT_PROFILE,
                    key);
                return key;
              });
      return new StoredProfile(
          id,
          model.id(),
          dataset.id(),
          columns,
          profile.rows(),
          stored.sha256(),
          stored.sizeBytes());
    } catch (RuntimeException e) {
      Optional<StoredProfile> other = find(model, dataset);
      if (other.isPresent()) {
        return other.get();
      }
      throw e;
    }
  }

  /**
   * Reads the stored profile's {@code names} (all columns when null).
   *
   * @throws AssayException when the file is missing, damaged or changed, or lacks a column
   */
  public ReferenceProfile load(StoredProfile stored, List<String> names) {
    Path file = files.file(stored.sha256());
    try {
      if (Files.size(file) != stored.sizeBytes()) {
        throw new AssayException(
            "the drift profile " + file.getFileName() + " was changed outside Assay");
      }
      return ProfileCodec.read(file, names);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AssayException("the drift profile " + file.getFileName() + " is missing");
    } catch (IOException e) {
      throw new AssayException(
          "cannot read the drift profile " + file.getFileName() + ": " + e.getMessage(), e);
    } catch (ProfileCodec.DamagedException e) {
      throw new AssayException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new AssayException(e.getMessage(), e);
    }
  }

  /** The stored profile's file ({@link dev.assay.core.drift.ProfileCodec}), for a Spark job. */
  public Path file(StoredProfile stored) {
    return files.file(stored.sha256());
  }

  /** What is wrong with the stored profile's file (missing, changed), or null when it is intact. */
  public String problem(StoredProfile stored) {
    return files.problem(stored.sha256(), stored.sizeBytes());
  }

  private StoredProfile row(ResultSet rs) throws SQLException {
    List<String> columns;
    try {
      columns = json.readValue(rs.getString(4), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      columns = List.of();
    }
    return new StoredProfile(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        columns,
        rs.getLong(5),
        rs.getString(6),
        rs.getLong(7));
  }
}
