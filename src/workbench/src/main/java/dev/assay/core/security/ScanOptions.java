package dev.assay.core.security;

/**
 * How to scan.
 *
 * @param isolate whether to load the model, and run it once, in a separate process after the file
 *     checks pass
 * @param limits the separate process's heap and time limits
 */
public record ScanOptions(boolean isolate, IsolatedLoader.Limits limits) {
  /** File checks and isolated loading with the default limits. */
  public static final ScanOptions DEFAULT = new ScanOptions(true, IsolatedLoader.Limits.DEFAULT);

  /** File checks only. */
  public static final ScanOptions FILE_ONLY = new ScanOptions(false, IsolatedLoader.Limits.DEFAULT);
}
