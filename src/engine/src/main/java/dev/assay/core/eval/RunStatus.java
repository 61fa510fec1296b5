package dev.assay.core.eval;

import java.util.Locale;

/** Life cycle of a stored run. */
public enum RunStatus {
  RUNNING,
  COMPLETED,
  CANCELLED,
  FAILED,
  /** Cut off by a crash or kill; found at the next start. */
  INTERRUPTED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
