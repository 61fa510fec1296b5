package dev.assay.core.objectstore;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetImportResult;
import dev.assay.core.registry.DatasetRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code datasets import s3://BUCKET/KEY}: the object streamed into a private folder of the
 * workbench's scratch space (hashed as it arrives), imported as any dataset file (profiled, copied
 * into the content store, its column cache written) with the object's URI as its source and its
 * ETag and version id in the audit entry, and the fetched copy removed in every case. A refused
 * fetch leaves nothing behind.
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
    Path folder = Files.createTempDirectory(Files.createDirectories(scratch), "s3-");
    try {
      // the key's own file name, so a .gz object is read as gzip
      ObjectFetch.Fetched object =
          fetch.fetch(location, folder.resolve(safe(location.fileName())), progress, cancellation);
      DatasetImportResult result =
          datasets.importFetched(
              object.file(),
              name != null ? name : DatasetRegistry.defaultName(object.file()),
              object.sha256(),
              object.source(),
              note(object),
              progress,
              cancellation);
      return new Imported(result, object);
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
