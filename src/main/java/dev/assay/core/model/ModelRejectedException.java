package dev.assay.core.model;

import dev.assay.core.AssayException;
import java.nio.file.Path;

/** A model file Assay refuses to import, with the file and the reason. */
public final class ModelRejectedException extends AssayException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String reason;

  public ModelRejectedException(Path file, String reason) {
    this(file, reason, null);
  }

  public ModelRejectedException(Path file, String reason, Throwable cause) {
    super(file.getFileName() + ": " + reason, cause);
    this.file = file;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  public String reason() {
    return reason;
  }
}
