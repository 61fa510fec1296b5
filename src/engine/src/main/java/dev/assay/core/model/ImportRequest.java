package dev.assay.core.model;

import java.nio.file.Path;
import java.util.List;

/**
 * What to import.
 *
 * @param name registry name, or null for the file name without {@code .onnx}
 * @param version explicit version, or null for the next number under that name
 */
public record ImportRequest(
    Path file, String name, Integer version, String notes, List<String> tags) {
  public ImportRequest {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public static ImportRequest of(Path file) {
    return new ImportRequest(file, null, null, null, List.of());
  }
}
