package dev.assay.core.data;

/**
 * The outcome of a dataset import: a new version, or the version that already holds these bytes.
 */
public sealed interface DatasetImportResult {
  DatasetVersion dataset();

  /** Registered as a new version. */
  record Imported(DatasetVersion dataset) implements DatasetImportResult {}

  /** Identical bytes were imported before. */
  record AlreadyPresent(DatasetVersion dataset) implements DatasetImportResult {}
}
