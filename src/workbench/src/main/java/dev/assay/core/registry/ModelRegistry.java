package dev.assay.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.NotFoundException;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ImportResult;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import dev.assay.core.store.Cover;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
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
import java.util.regex.Pattern;

/**
 * The model registry: imports ONNX files as numbered versions under a name, and finds, lists and
 * removes them. A version's row, its files in the {@link ContentStore} and its audit entry are
 * written together or not at all.
 */
public final class ModelRegistry {
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private final Database database;
  private final ContentStore store;
  private final OnnxInspector inspector;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ObjectMapper json;
  private final OutputChoices choices;
  private final ModelRows rows;
  private final ModelBindings bindings;

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
    this.inspector = inspector;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.json = json;
    this.choices = new OutputChoices(database, audit, clock, osUser, json);
    this.rows = new ModelRows(json);
    this.bindings = new ModelBindings(database, audit, clock, osUser, json);
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
    Path file = request.file();
    String name = request.name() != null ? request.name().strip() : defaultName(file);
    if (!VALID_NAME.matcher(name).matches()) {
      throw new AssayException(
          "'"
              + name
              + "' is not a valid model name: use letters, digits, '.', '_' or '-' (at most 200)");
    }
    if (request.version() != null && request.version() <= 0) {
      throw new AssayException("version must be 1 or more, not " + request.version());
    }
    progress.update(0, 4, "hashing " + file.getFileName());
    String sha256;
    try {
      sha256 = Sha256.ofFile(inspectable(file), progress, cancellation);
    } catch (IOException e) {
      throw new ModelRejectedException(file, "cannot be read: " + e.getMessage(), e);
    }
    Optional<ModelVersion> existing = findBySha(sha256);
    if (existing.isPresent()) {
      return new ImportResult.AlreadyPresent(existing.get());
    }
    cancellation.throwIfCancelled();
    progress.update(1, 4, "inspecting " + file.getFileName());
    OnnxInspector.Result inspected = inspector.inspect(file);
    cancellation.throwIfCancelled();
    progress.update(2, 4, "copying into the model store");
    boolean folderExisted = java.nio.file.Files.isDirectory(store.folderFor(sha256));
    List<ContentStore.StoredFile> files =
        store.put(
            sha256,
            file,
            ContentStore.StoredFile.MODEL,
            inspected.externalFiles().stream()
                .map(r -> new ContentStore.ExtraFile(r.relativeLocation(), r.file()))
                .toList(),
            Progress.NONE,
            cancellation);
    progress.update(3, 4, "recording " + name);
    for (int attempt = 1; ; attempt++) {
      try {
        ModelVersion version =
            database.inTransaction(
                connection ->
                    insert(connection, name, request, sha256, file, inspected.inspection(), files));
        progress.update(4, 4, "imported " + version.ref());
        return new ImportResult.Imported(version);
      } catch (RuntimeException e) {
        // another process imported the same file, or took the next version, at the same moment
        Optional<ModelVersion> raced = findBySha(sha256);
        if (raced.isPresent()) {
          return new ImportResult.AlreadyPresent(raced.get());
        }
        if (attempt < 5 && e instanceof StoreException failure && failure.isDuplicateKey()) {
          continue;
        }
        if (!folderExisted) {
          store.delete(sha256);
        }
        throw e;
      }
    }
  }

  private static Path inspectable(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new ModelRejectedException(
          file, java.nio.file.Files.exists(file) ? "not a regular file" : "file not found");
    }
    return file;
  }

  private ModelVersion insert(
      Connection connection,
      String name,
      ImportRequest request,
      String sha256,
      Path file,
      ModelInspection inspection,
      List<ContentStore.StoredFile> files)
      throws SQLException {
    int version;
    if (request.version() != null) {
      version = request.version();
      if (ModelRows.exists(connection, name, version)) {
        throw new AssayException(
            name + ":" + version + " already exists; choose another version or leave it out");
      }
    } else {
      version = ModelRows.nextVersion(connection, name);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    long id;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO model_version (name, version, sha256, size_bytes, imported_at, imported_by, source_path,"
                + " notes, inspection_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, name);
      insert.setInt(2, version);
      insert.setString(3, sha256);
      insert.setLong(4, files.getFirst().sizeBytes());
      insert.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      insert.setString(6, osUser);
      insert.setString(7, file.toAbsolutePath().normalize().toString());
      insert.setString(8, request.notes());
      insert.setString(9, rows.toJson(inspection));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    try (PreparedStatement tag =
        connection.prepareStatement(
            "INSERT INTO model_tag (model_version_id, tag) VALUES (?, ?)")) {
      for (String t :
          request.tags().stream()
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .distinct()
              .toList()) {
        tag.setLong(1, id);
        tag.setString(2, t);
        tag.addBatch();
      }
      tag.executeBatch();
    }
    try (PreparedStatement stored =
        connection.prepareStatement(
            "INSERT INTO model_file (model_version_id, relative_path, role, sha256, size_bytes)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (ContentStore.StoredFile f : files) {
        stored.setLong(1, id);
        stored.setString(2, f.relativePath());
        stored.setString(3, f.role());
        stored.setString(4, f.sha256());
        stored.setLong(5, f.sizeBytes());
        stored.addBatch();
      }
      stored.executeBatch();
    }
    audit.append(
        connection,
        "model.import",
        name + ":" + version,
        "sha256="
            + sha256
            + " size="
            + files.getFirst().sizeBytes()
            + " source="
            + file.toAbsolutePath().normalize());
    return rows.load(connection, id).orElseThrow();
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
