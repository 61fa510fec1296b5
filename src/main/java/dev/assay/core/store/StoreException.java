package dev.assay.core.store;

/** The workbench database failed (disk full, locked, corrupt). Not caused by the user's input. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
