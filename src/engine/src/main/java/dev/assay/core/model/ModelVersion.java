package dev.assay.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One registered version of a model.
 *
 * @param sha256 SHA-256 of the model file; the key of its folder in the content-addressed store
 * @param sourcePath where the file was imported from (never modified)
 */
public record ModelVersion(
    long id,
    String name,
    int version,
    String sha256,
    long sizeBytes,
    Instant importedAt,
    String importedBy,
    String sourcePath,
    String notes,
    List<String> tags,
    ModelInspection inspection) {

  /** {@code name:version}. */
  public String ref() {
    return name + ":" + version;
  }
}
