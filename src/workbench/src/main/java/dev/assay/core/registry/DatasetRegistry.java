package dev.assay.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.NotFoundException;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnCacheWriter;
import dev.assay.core.data.DatasetFiles;
import dev.assay.core.data.DatasetImportResult;
import dev.assay.core.data.DatasetProfile;
import dev.assay.core.data.DatasetProfiler;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelRef;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import dev.assay.core.store.Database;
import dev.assay.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Imported test datasets: a managed copy in the content-addressed store and a profile (types,
 * missing values, ranges, data-quality findings) in the database. Identical files are not
 * duplicated; a different file under the same name becomes the next version.
 *
 * <p>Import also writes a {@link ColumnCache} of the rows (in the profiling pass) beside the
 * managed copy, so evaluations need not parse the CSV again. The cache is derived data: it is
 * published by an atomic rename, verified when opened, and rebuilt when it is missing (datasets
 * imported before caches existed) or damaged.
 */
public final class DatasetRegistry implements DatasetFiles {
  /** The column cache's file name inside a dataset's store folder. */
  public static final String COLUMN_CACHE = ".assay-columns";

  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private final Database database;
  private final ContentStore store;
  private final DatasetRows rows;

  public DatasetRegistry(
      Database database,
      ContentStore store,
      AuditLog audit,
      Clock clock,
      String osUser,
      ObjectMapper json) {
    this.database = database;
    this.store = store;
    this.rows = new DatasetRows(audit, clock, osUser, json);
  }

  /**
   * Imports a CSV (optionally gzip-compressed): profiles it in one pass, copies it into the store
   * and records it.
   *
   * @param name registry name, or null for the file name without extensions
   */
  public DatasetImportResult importDataset(
      Path file, String name, Progress progress, Cancellation cancellation) {
    PendingImport pending = prepare(file, name, progress, cancellation);
    if (pending.existing() != null) {
      return new DatasetImportResult.AlreadyPresent(pending.existing());
    }
    try (ColumnCacheWriter cache = startCache(pending)) {
      DatasetProfile profile = DatasetProfiler.profile(file, progress, cancellation, cache);
      cancellation.throwIfCancelled();
      return complete(pending, profile, cache, cancellation);
    }
  }

  /**
   * Imports a CSV fetched from elsewhere (object storage) and hashed while it arrived: as {@link
   * #importDataset}, but the version records {@code source} as where it came from and {@code note}
   * (the object's ETag and version) in its audit entry, and the file is not hashed again.
   *
   * @param file the fetched copy (left for the caller to delete)
   * @param name registry name, or null for the file name without extensions
   */
  public DatasetImportResult importFetched(
      Path file,
      String name,
      String sha256,
      String source,
      String note,
      Progress progress,
      Cancellation cancellation) {
    String datasetName = checkedName(name, file);
    Optional<DatasetVersion> existing = findBySha(sha256);
    if (existing.isPresent()) {
      return new DatasetImportResult.AlreadyPresent(existing.get());
    }
    PendingImport pending = new PendingImport(file, datasetName, sha256, null);
    try (ColumnCacheWriter cache = startCache(pending)) {
      DatasetProfile profile = DatasetProfiler.profile(file, progress, cancellation, cache);
      cancellation.throwIfCancelled();
      if (profile.rows() == 0) {
        throw new AssayException(source + ": has a header but no data rows; nothing was imported");
      }
      return store(file, datasetName, sha256, profile, cache, cancellation, source, note);
    }
  }

  private static String checkedName(String name, Path file) {
    String datasetName = name != null ? name.strip() : defaultName(file);
    if (!VALID_NAME.matcher(datasetName).matches()) {
      throw new AssayException(
          "'"
              + datasetName
              + "' is not a valid dataset name: use letters, digits, '.', '_' or '-'");
    }
    return datasetName;
  }

  /**
   * The first half of an import: checks the name and the file and hashes it.
   *
   * @param name registry name, or null for the file name without extensions
   * @return the import to complete, or one whose {@link PendingImport#existing()} already holds
   *     these bytes
   */
  public PendingImport prepare(
      Path file, String name, Progress progress, Cancellation cancellation) {
    String datasetName = checkedName(name, file);
    if (!Files.isRegularFile(file)) {
      throw new AssayException(
          file.getFileName()
              + ": "
              + (Files.exists(file) ? "not a regular file" : "file not found"));
    }
    String sha256;
    try {
      sha256 = Sha256.ofFile(file, progress, cancellation);
    } catch (IOException e) {
      throw new AssayException(file.getFileName() + ": cannot be read: " + e.getMessage(), e);
    }
    return new PendingImport(file, datasetName, sha256, findBySha(sha256).orElse(null));
  }

  /** A writer for the column cache of a pending import, or null when the store cannot take one. */
  public ColumnCacheWriter startCache(PendingImport pending) {
    return startCache(store.temporaryFile("incoming-columns-"), pending.sha256());
  }

  /**
   * The second half of an import, after one pass over the file gave its profile and filled {@code
   * cache}: copies the file into the store, publishes the cache and records the version.
   *
   * @param cache the pass's column cache, or null; not closed here
   */
  public DatasetImportResult complete(
      PendingImport pending,
      DatasetProfile profile,
      ColumnCacheWriter cache,
      Cancellation cancellation) {
    if (profile.rows() == 0) {
      throw new AssayException(
          pending.file().getFileName() + ": has a header but no data rows; nothing was imported");
    }
    String source = pending.file().toAbsolutePath().normalize().toString();
    return store(
        pending.file(),
        pending.name(),
        pending.sha256(),
        profile,
        cache,
        cancellation,
        source,
        "source=" + pending.file().toAbsolutePath());
  }

  private DatasetImportResult store(
      Path file,
      String datasetName,
      String sha256,
      DatasetProfile profile,
      ColumnCacheWriter cache,
      Cancellation cancellation,
      String source,
      String note) {
    Path folder = store.folderFor(sha256);
    boolean folderExisted = Files.isDirectory(folder);
    List<ContentStore.StoredFile> files =
        store.put(
            sha256, file, ContentStore.StoredFile.DATASET, List.of(), Progress.NONE, cancellation);
    if (cache != null && !COLUMN_CACHE.equals(files.getFirst().relativePath())) {
      try {
        cache.complete();
        cache.publish(folder.resolve(COLUMN_CACHE));
      } catch (IOException | RuntimeException e) {
        // the cache is an optimisation: evaluations read the CSV and build it again
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        DatasetVersion version =
            database.inTransaction(
                connection ->
                    rows.insert(
                        connection, datasetName, sha256, source, note, files.getFirst(), profile));
        return new DatasetImportResult.Imported(version);
      } catch (RuntimeException e) {
        // another process imported the same file, or took the next version, at the same moment
        Optional<DatasetVersion> raced = findBySha(sha256);
        if (raced.isPresent()) {
          return new DatasetImportResult.AlreadyPresent(raced.get());
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

  /** A writer for a new column cache at {@code temp}, or null when the store cannot take one. */
  private static ColumnCacheWriter startCache(Path temp, String sha256) {
    try {
      Files.createDirectories(temp.getParent());
      return ColumnCacheWriter.create(temp, sha256);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Opens the column cache of a dataset.
   *
   * @return the verified cache, or empty when there is none
   * @throws ColumnCache.DamagedException when the file is there but not an intact cache of the
   *     dataset
   */
  public Optional<ColumnCache> columnCache(DatasetVersion dataset) {
    return columnCache(dataset, true);
  }

  /**
   * Opens the column cache of a dataset for one pass over its groups: each group's checksum is
   * verified as the group is first read ({@link ColumnCache#openVerifyingAsRead}), so a damaged
   * group surfaces as {@link ColumnCache.DamagedException} while reading.
   *
   * @return the cache, or empty when there is none
   * @throws ColumnCache.DamagedException when the file is there but its metadata is not intact
   */
  public Optional<ColumnCache> columnCacheVerifiedAsRead(DatasetVersion dataset) {
    return columnCache(dataset, false);
  }

  private Optional<ColumnCache> columnCache(DatasetVersion dataset, boolean verifyNow) {
    Path file = store.folderFor(dataset.sha256()).resolve(COLUMN_CACHE);
    if (COLUMN_CACHE.equals(dataset.fileName()) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          verifyNow
              ? ColumnCache.open(file, dataset.sha256())
              : ColumnCache.openVerifyingAsRead(file, dataset.sha256()));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ColumnCache.DamagedException(
          "column cache of " + dataset.ref() + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Starts a new column cache for a dataset whose cache is missing or damaged: feed it the CSV's
   * header and records, then {@link #publishColumnCache}; close it in any case.
   *
   * @return the writer, or empty when the dataset's store folder cannot take the file
   */
  public Optional<ColumnCacheWriter> startColumnCache(DatasetVersion dataset) {
    if (COLUMN_CACHE.equals(dataset.fileName())) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ColumnCacheWriter.create(store.temporaryFile("columns-"), dataset.sha256()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Completes a cache started by {@link #startColumnCache} and puts it in place atomically. */
  public void publishColumnCache(DatasetVersion dataset, ColumnCacheWriter writer)
      throws IOException {
    writer.complete();
    writer.publish(store.folderFor(dataset.sha256()).resolve(COLUMN_CACHE));
  }

  /** All dataset versions by name and version. */
  public List<DatasetVersion> list() {
    return database.read(rows::all);
  }

  /** The dataset {@code NAME[:VERSION]} names (newest version when none is given). */
  public DatasetVersion get(String reference) {
    ModelRef ref = ModelRef.parse(reference);
    return database.read(
        connection ->
            rows.byRef(connection, ref)
                .orElseThrow(
                    () ->
                        new NotFoundException(
                            ref.version() == null
                                ? "no dataset named '" + ref.name() + "'"
                                : "no dataset version " + ref)));
  }

  /** The dataset with this id. */
  public DatasetVersion get(long id) {
    return database.read(
        connection ->
            rows.byId(connection, id)
                .orElseThrow(() -> new NotFoundException("no dataset #" + id)));
  }

  /** The managed copy of a dataset (read-only). */
  public Path file(DatasetVersion dataset) {
    return store.file(dataset.sha256(), dataset.fileName());
  }

  /** The version holding exactly these bytes, if any. */
  public Optional<DatasetVersion> findBySha(String sha256) {
    return database.read(connection -> rows.bySha(connection, sha256));
  }

  /**
   * The version {@code file} most likely is, found without reading it: imported from this path,
   * with this size, and the file not modified since that import. Only a hint: the file's hash says
   * whether it holds that version's bytes ({@link #findBySha}).
   */
  public Optional<DatasetVersion> likelyVersionOf(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      long size = Files.size(file);
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      String source = file.toAbsolutePath().normalize().toString();
      return database
          .read(connection -> rows.bySource(connection, source, size))
          .filter(version -> modified.isBefore(version.importedAt()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A file's name without {@code .csv}, {@code .gz}, made safe. */
  public static String defaultName(Path file) {
    String base = file.getFileName().toString();
    String lower = base.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".gz", ".csv", ".tsv", ".txt"}) {
      if (lower.endsWith(ext)) {
        base = base.substring(0, base.length() - ext.length());
        lower = lower.substring(0, lower.length() - ext.length());
      }
    }
    String safe = base.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
    return safe.isEmpty() ? "dataset" : safe.length() > 200 ? safe.substring(0, 200) : safe;
  }
}
