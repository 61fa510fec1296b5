package dev.assay.core.model;

import dev.assay.core.AssayException;

/**
 * A reference to a model version as users write it: {@code name} (the newest version) or {@code
 * name:version}.
 *
 * @param version the version, or null for the newest
 */
public record ModelRef(String name, Integer version) {
  public static ModelRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw new AssayException("a model is written NAME or NAME:VERSION");
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new ModelRef(text.strip(), null);
    }
    String name = text.substring(0, colon).strip();
    String version = text.substring(colon + 1).strip();
    try {
      int parsed = Integer.parseInt(version);
      if (parsed <= 0 || name.isEmpty()) {
        throw new NumberFormatException();
      }
      return new ModelRef(name, parsed);
    } catch (NumberFormatException e) {
      throw new AssayException(
          "'"
              + text
              + "' is not a model reference: write NAME or NAME:VERSION (VERSION 1, 2, ...)");
    }
  }

  @Override
  public String toString() {
    return version == null ? name : name + ":" + version;
  }
}
