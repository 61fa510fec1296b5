package dev.assay.core.model;

/** The outcome of an import: a new version, or the version that already holds identical bytes. */
public sealed interface ImportResult {
  ModelVersion model();

  /** The file was registered as a new version. */
  record Imported(ModelVersion model) implements ImportResult {}

  /** The identical file was registered before; nothing was added. */
  record AlreadyPresent(ModelVersion model) implements ImportResult {}
}
