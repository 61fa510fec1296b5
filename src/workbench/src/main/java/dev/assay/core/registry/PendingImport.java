package dev.assay.core.registry;

import dev.assay.core.data.DatasetProfile;
import dev.assay.core.data.DatasetVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A dataset file checked and hashed for import ({@link DatasetRegistry#prepare}) and not yet
 * profiled or recorded.
 *
 * @param existing the version already holding these bytes, or null for a new file
 */
public record PendingImport(Path file, String name, String sha256, DatasetVersion existing) {

  /**
   * A stand-in for the version this import will become, for the evaluation that reads the file in
   * the import's pass: its name and hash, version 0, no id, an empty profile.
   */
  public DatasetVersion provisional() {
    return new DatasetVersion(
        0,
        name,
        0,
        sha256,
        0,
        0,
        file.getFileName().toString(),
        Instant.EPOCH,
        "",
        file.toAbsolutePath().normalize().toString(),
        new DatasetProfile(0, List.of(), List.of(), null));
  }
}
