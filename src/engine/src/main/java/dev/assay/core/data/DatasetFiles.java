package dev.assay.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a registered dataset's bytes and column cache are, as the evaluation kernel reads them. The
 * workbench's {@code DatasetRegistry} implements it over its content-addressed store; the engine's
 * readers need nothing else of the registry.
 */
public interface DatasetFiles {

  /** The managed copy of a dataset (read-only). */
  Path file(DatasetVersion dataset);

  /**
   * Opens the column cache of a dataset.
   *
   * @return the verified cache, or empty when there is none
   * @throws ColumnCache.DamagedException when the file is there but not an intact cache of the
   *     dataset
   */
  Optional<ColumnCache> columnCache(DatasetVersion dataset);

  /**
   * Starts a new column cache for a dataset whose cache is missing or damaged: feed it the CSV's
   * header and records, then {@link #publishColumnCache}; close it in any case.
   *
   * @return the writer, or empty when the cache cannot be written
   */
  Optional<ColumnCacheWriter> startColumnCache(DatasetVersion dataset);

  /** Completes a cache started by {@link #startColumnCache} and puts it in place atomically. */
  void publishColumnCache(DatasetVersion dataset, ColumnCacheWriter writer) throws IOException;
}
