package dev.assay.core;

/** A named object (model version, dataset, run) does not exist in the workbench. */
public final class NotFoundException extends AssayException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
