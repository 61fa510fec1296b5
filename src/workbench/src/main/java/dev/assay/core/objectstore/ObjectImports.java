package dev.assay.core.objectstore;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetImportResult;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ImportResult;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code datasets import s3://BUCKET/KEY} and {@code models import s3://BUCKET/KEY}: the object
 * streamed into a private folder of the workbench's scratch space (hashed as it arrives), imported
 * as any dataset file (profiled, copied into the content store, its column cache written) or model
 * file (inspected, copied into the model store) with the object's URI as its source and its
 * endpoint, ETag and version id in the audit entry, and the fetched copy removed in every case. A
 * refused fetch leaves nothing behind.
 */
public final class ObjectImports {
  private final ObjectFetch fetch;

  public ObjectImports(S3Settings settings) {
    this.fetch = new ObjectFetch(settings);
  }

  /** The import's result and the object it read. */
  public record Imported(DatasetImportResult result, ObjectFetch.Fetched object) {}

  /**
   * Imports the object at {@code location} as a dataset.
   *
   * @param scratch a folder of the workbench's own for temporary files
   * @param name registry name, or null for the key's file name without extensions
   */
  public Imported importDataset(
      DatasetRegistry datasets,
      Path scratch,
      ObjectLocation location,
      String name,
      Progress progress,
      Cancellation cancellation)
      throws IOException {
    return fetched(
        scratch,
        location,
        progress,
        cancellation,
        object ->
            new Imported(
                datasets.importFetched(
                    object.file(),
                    name != null ? name : DatasetRegistry.defaultName(object.file()),
                    object.sha256(),
                    object.source(),
                    note(object),
                    progress,
                    cancellation),
                object));
  }

  /** A model import's result and the object it read. */
  public record ImportedModel(ImportResult result, ObjectFetch.Fetched object) {}

  /**
   * Imports the object at {@code location} as a model version: inspected, copied into the model
   * store and recorded as {@link ModelRegistry#importModel} does, with the object's URI as its
   * source and its endpoint, ETag and version id in the audit entry. A file the registry refuses is
   * named by its URI.
   *
   * @param scratch a folder of the workbench's own for temporary files
   * @param request name, version, notes and tags (its file is ignored: the fetched copy is used;
   *     without a name, the key's file name without {@code .onnx})
   */
  public ImportedModel importModel(
      ModelRegistry models,
      Path scratch,
      ObjectLocation location,
      ImportRequest request,
      Progress progress,
      Cancellation cancellation)
      throws IOException {
    return fetched(
        scratch,
        location,
        progress,
        cancellation,
        object -> {
          ImportRequest fetched =
              new ImportRequest(
                  object.file(),
                  request.name(),
                  request.version(),
                  request.notes(),
                  request.tags());
          try {
            return new ImportedModel(
                models.importFetched(
                    fetched,
                    object.sha256(),
                    object.source(),
                    note(object),
                    progress,
                    cancellation),
                object);
          } catch (ModelRejectedException e) {
            throw new AssayException(location + ": " + e.reason(), e);
          }
        });
  }

  /**
   * Streams the object into a private folder of {@code scratch} (hashed as it arrives), hands it to
   * {@code use}, and removes the folder and the copy in every case.
   */
  private <T> T fetched(
      Path scratch,
      ObjectLocation location,
      Progress progress,
      Cancellation cancellation,
      Function<ObjectFetch.Fetched, T> use)
      throws IOException {
    Path folder = Files.createTempDirectory(Files.createDirectories(scratch), "s3-");
    try {
      // the key's own file name, so a .gz object is read as gzip
      return use.apply(
          fetch.fetch(location, folder.resolve(safe(location.fileName())), progress, cancellation));
    } finally {
      delete(folder);
    }
  }

  /** The audit entry's description of the source. */
  static String note(ObjectFetch.Fetched o) {
    return "source="
        + o.location()
        + " endpoint="
        + o.endpoint()
        + " etag="
        + o.eTag()
        + (o.versionId() != null ? " version=" + o.versionId() : "");
  }

  private static String safe(String fileName) {
    String s = fileName.replaceAll("[^A-Za-z0-9._-]", "-");
    return s.isEmpty() || s.startsWith(".") ? "object" + s : s;
  }

  private static void delete(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(ObjectImports::deleteOne);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOne(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
