package dev.assay.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.NotFoundException;
import dev.assay.core.Progress;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ImportResult;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import dev.assay.core.store.Cover;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model registry: imports ONNX files as numbered versions under a name, and finds, lists and
 * removes them. A version's row, its files in the {@link ContentStore} and its audit entry are
 * written together or not at all.
 */
public final class ModelRegistry {
  private final Database database;
  private final ContentStore store;
  private final AuditLog audit;
  private final OutputChoices choices;
  private final ModelRows rows;
  private final ModelBindings bindings;
  private final ModelImporter importer;

  public ModelRegistry(
      Database database,
      ContentStore store,
      OnnxInspector inspector,
      AuditLog audit,
      Clock clock,
      String osUser,
      ObjectMapper json) {
    this.database = database;
    this.store = store;
    this.audit = audit;
    this.choices = new OutputChoices(database, audit, clock, osUser, json);
    this.rows = new ModelRows(json);
    this.bindings = new ModelBindings(database, audit, clock, osUser, json);
    this.importer = new ModelImporter(database, store, inspector, audit, clock, osUser, rows);
  }

  /** The outputs and target maps remembered per version. */
  public OutputChoices choices() {
    return choices;
  }

  /**
   * Imports a model file: hashes it, inspects it (refusing what is not a usable ONNX model), copies
   * it into the store and records it. Identical bytes already registered are reported instead of
   * duplicated.
   *
   * @throws ModelRejectedException when the file is not a model Assay can use
   * @throws AssayException when the name or version is not acceptable
   */
  public ImportResult importModel(
      ImportRequest request, Progress progress, Cancellation cancellation) {
    return importer.importFile(request, progress, cancellation);
  }

  /**
   * Imports a model file fetched from elsewhere (object storage) as {@link #importModel} does, but
   * the version records {@code source} as where it came from and {@code note} (the object's
   * endpoint, ETag and version) in its audit entry, and the file is not hashed again.
   *
   * @param request the import, its file the fetched copy (left for the caller to delete)
   * @param sha256 the fetched bytes' SHA-256, computed as they arrived
   * @param source where the bytes came from, e.g. {@code s3://BUCKET/KEY?versionId=V}
   * @param note the audit entry's description of the source ({@code source=... etag=...})
   */
  public ImportResult importFetched(
      ImportRequest request,
      String sha256,
      String source,
      String note,
      Progress progress,
      Cancellation cancellation) {
    return importer.importFetched(request, sha256, source, note, progress, cancellation);
  }

  /** All versions, by name then version. */
  public List<ModelVersion> list() {
    return database.read(rows::list);
  }

  /**
   * The version a reference names; the newest version when it names none.
   *
   * @throws NotFoundException when there is no such model or version
   */
  public ModelVersion get(ModelRef ref) {
    return database.read(connection -> rows.get(connection, ref));
  }

  /** The stored model file of a version (inside the workbench home; read-only). */
  public Path modelFile(ModelVersion version) {
    String fileName =
        database.read(
            connection -> {
              try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT relative_path FROM model_file WHERE model_version_id = ? AND role = 'model'")) {
                query.setLong(1, version.id());
                try (ResultSet rs = query.executeQuery()) {
                  if (!rs.next()) {
                    throw new NotFoundException("model " + version.ref() + " has no stored file");
                  }
                  return rs.getString(1);
                }
              }
            });
    return store.file(version.sha256(), fileName);
  }

  /** The files stored for a version, the model first. */
  public List<ContentStore.StoredFile> files(ModelVersion version) {
    return database.read(
        connection -> {
          List<ContentStore.StoredFile> files = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT relative_path, role, sha256, size_bytes FROM model_file WHERE model_version_id = ?"
                      + " ORDER BY CASE role WHEN 'model' THEN 0 ELSE 1 END, relative_path")) {
            query.setLong(1, version.id());
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                files.add(
                    new ContentStore.StoredFile(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
              }
            }
          }
          return files;
        });
  }

  /**
   * Removes one version and, when no other version shares its bytes, its stored files.
   *
   * @throws AssayException when the reference names no version
   */
  public ModelVersion remove(ModelRef ref) {
    if (ref.version() == null) {
      throw new AssayException("say which version to remove: " + ref.name() + ":VERSION");
    }
    ModelVersion version = get(ref);
    boolean shared =
        database.inTransaction(
            connection -> {
              // The card goes with the version (ON DELETE CASCADE): the entry records its removal.
              boolean hadCard =
                  CoveredTable.MODEL_CARD.contentHash(connection, Long.toString(version.id()))
                      != null;
              try (PreparedStatement delete =
                  connection.prepareStatement("DELETE FROM model_version WHERE id = ?")) {
                delete.setLong(1, version.id());
                if (delete.executeUpdate() != 1) {
                  throw new NotFoundException("no model version " + ref);
                }
              }
              audit.append(
                  connection,
                  "model.remove",
                  version.ref(),
                  "sha256=" + version.sha256(),
                  hadCard
                      ? List.of(Cover.removed(CoveredTable.MODEL_CARD, version.id()))
                      : List.of());
              try (PreparedStatement others =
                  connection.prepareStatement(
                      "SELECT COUNT(*) FROM model_version WHERE sha256 = ?")) {
                others.setString(1, version.sha256());
                try (ResultSet rs = others.executeQuery()) {
                  rs.next();
                  return rs.getLong(1) > 0;
                }
              }
            });
    if (!shared) {
      store.delete(version.sha256());
    }
    return version;
  }

  /** The version holding exactly these bytes, if any. */
  public Optional<ModelVersion> findBySha(String sha256) {
    return database.read(connection -> rows.findBySha(connection, sha256));
  }

  /** The name a file gets when none is given: its file name without {@code .onnx}, made safe. */
  public static String defaultName(Path file) {
    String base = file.getFileName().toString();
    if (base.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
      base = base.substring(0, base.length() - 5);
    }
    String safe = base.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
    return safe.isEmpty() ? "model" : safe.length() > 200 ? safe.substring(0, 200) : safe;
  }

  /** The column binding remembered for a version, if any. */
  public Optional<Binding> binding(ModelVersion version) {
    return bindings.binding(version);
  }

  /** Remembers the binding used for a version (recorded in the audit trail when it changes). */
  public void remember(ModelVersion version, Binding binding) {
    bindings.remember(version, binding);
  }
}
