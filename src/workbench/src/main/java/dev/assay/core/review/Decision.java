package dev.assay.core.review;

import dev.assay.core.AssayException;
import java.util.Locale;

/** A reviewer's decision on a model version. */
public enum Decision {
  APPROVED,
  APPROVED_WITH_CONDITIONS,
  REJECTED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code approved}, {@code approved-with-conditions} / {@code approved_with_conditions},
   * {@code rejected}.
   */
  public static Decision of(String text) {
    try {
      return valueOf(text.strip().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new AssayException(
          "decision must be approved, approved-with-conditions or rejected, not '" + text + "'");
    }
  }
}
