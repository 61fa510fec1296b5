package dev.assay.core.store;

/** The workbench database failed (disk full, locked, corrupt). Not caused by the user's input. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the database refused a row because its key is taken: another process recorded the same
   * thing (or took the same next version number) at the same moment.
   */
  public boolean isDuplicateKey() {
    return getCause() instanceof java.sql.SQLException e
        && e.getErrorCode() == org.h2.api.ErrorCode.DUPLICATE_KEY_1;
  }
}
