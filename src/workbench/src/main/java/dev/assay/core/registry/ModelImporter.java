package dev.assay.core.registry;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ImportResult;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import dev.assay.core.store.Database;
import dev.assay.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
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
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model import for {@link ModelRegistry}: the name checked, the file hashed (unless its hash is
 * already known, as for an object fetched from storage), inspected, copied into the {@link
 * ContentStore}, and its version row, tags, files and audit entry written in one transaction.
 */
final class ModelImporter {
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private final Database database;
  private final ContentStore store;
  private final OnnxInspector inspector;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ModelRows rows;

  ModelImporter(
      Database database,
      ContentStore store,
      OnnxInspector inspector,
      AuditLog audit,
      Clock clock,
      String osUser,
      ModelRows rows) {
    this.database = database;
    this.store = store;
    this.inspector = inspector;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.rows = rows;
  }

  /** See {@link ModelRegistry#importModel}. */
  ImportResult importFile(ImportRequest request, Progress progress, Cancellation cancellation) {
    Path file = request.file();
    String name = checkedName(request);
    progress.update(0, 4, "hashing " + file.getFileName());
    String sha256;
    try {
      sha256 = Sha256.ofFile(inspectable(file), progress, cancellation);
    } catch (IOException e) {
      throw new ModelRejectedException(file, "cannot be read: " + e.getMessage(), e);
    }
    String source = file.toAbsolutePath().normalize().toString();
    return complete(request, name, sha256, source, "source=" + source, progress, cancellation);
  }

  /** See {@link ModelRegistry#importFetched}. */
  ImportResult importFetched(
      ImportRequest request,
      String sha256,
      String source,
      String note,
      Progress progress,
      Cancellation cancellation) {
    String name = checkedName(request);
    inspectable(request.file());
    return complete(request, name, sha256, source, note, progress, cancellation);
  }

  private static String checkedName(ImportRequest request) {
    String name =
        request.name() != null ? request.name().strip() : ModelRegistry.defaultName(request.file());
    if (!VALID_NAME.matcher(name).matches()) {
      throw new AssayException(
          "'"
              + name
              + "' is not a valid model name: use letters, digits, '.', '_' or '-' (at most 200)");
    }
    if (request.version() != null && request.version() <= 0) {
      throw new AssayException("version must be 1 or more, not " + request.version());
    }
    return name;
  }

  private ImportResult complete(
      ImportRequest request,
      String name,
      String sha256,
      String source,
      String note,
      Progress progress,
      Cancellation cancellation) {
    Path file = request.file();
    Optional<ModelVersion> existing = findBySha(sha256);
    if (existing.isPresent()) {
      return new ImportResult.AlreadyPresent(existing.get());
    }
    cancellation.throwIfCancelled();
    progress.update(1, 4, "inspecting " + file.getFileName());
    OnnxInspector.Result inspected = inspector.inspect(file);
    cancellation.throwIfCancelled();
    progress.update(2, 4, "copying into the model store");
    boolean folderExisted = Files.isDirectory(store.folderFor(sha256));
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
                    insert(
                        connection,
                        name,
                        request,
                        sha256,
                        source,
                        note,
                        inspected.inspection(),
                        files));
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

  private Optional<ModelVersion> findBySha(String sha256) {
    return database.read(connection -> rows.findBySha(connection, sha256));
  }

  private static Path inspectable(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ModelRejectedException(
          file, Files.exists(file) ? "not a regular file" : "file not found");
    }
    return file;
  }

  private ModelVersion insert(
      Connection connection,
      String name,
      ImportRequest request,
      String sha256,
      String source,
      String note,
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
      insert.setString(7, source);
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
        "sha256=" + sha256 + " size=" + files.getFirst().sizeBytes() + " " + note);
    return rows.load(connection, id).orElseThrow();
  }
}
