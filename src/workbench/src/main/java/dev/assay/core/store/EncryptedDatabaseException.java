package dev.assay.core.store;

import dev.assay.core.AssayException;

/** The workbench database is encrypted and the passphrase is missing or wrong. */
public final class EncryptedDatabaseException extends AssayException {
  private static final long serialVersionUID = 1L;

  public EncryptedDatabaseException(String message) {
    super(message);
  }
}
