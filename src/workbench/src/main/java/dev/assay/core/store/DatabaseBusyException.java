package dev.assay.core.store;

import dev.assay.core.AssayException;

/**
 * Other Assay processes kept the workbench database (or the rows a step needs) busy for longer than
 * this process was willing to wait. Nothing was changed by the step that gave up; trying again
 * later is safe.
 */
public final class DatabaseBusyException extends AssayException {
  private static final long serialVersionUID = 1L;

  public DatabaseBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
