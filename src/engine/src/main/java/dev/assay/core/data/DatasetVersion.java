package dev.assay.core.data;

import java.time.Instant;

/**
 * One imported dataset version: a managed copy in the workbench store plus its profile.
 *
 * @param fileName the stored file's name inside {@code store/datasets/<sha256>/}
 */
public record DatasetVersion(
    long id,
    String name,
    int version,
    String sha256,
    long sizeBytes,
    long rows,
    String fileName,
    Instant importedAt,
    String importedBy,
    String sourcePath,
    DatasetProfile profile) {

  /** {@code name:version}. */
  public String ref() {
    return name + ":" + version;
  }
}
