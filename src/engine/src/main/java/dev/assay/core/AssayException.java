package dev.assay.core;

/**
 * An error a user can cause and can understand: a bad file, an unknown model, a wrong column. Its
 * message is shown as it is (one line in the CLI, a dialog in the UI), so it names the object and
 * the reason.
 */
public class AssayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AssayException(String message) {
    super(message);
  }

  public AssayException(String message, Throwable cause) {
    super(message, cause);
  }
}
