package dev.assay.core.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How serious a security {@link Finding} is, most serious first. */
public enum Severity {
  /** The file must not be used: it is broken, tampered with or built to attack its reader. */
  CRITICAL,
  /** The file should not be used until someone has looked: a pipeline blocks on it. */
  HIGH,
  /** Worth a reviewer's attention; does not block. */
  MEDIUM,
  /** Minor hygiene problem. */
  LOW,
  /** A fact recorded for the report, not a problem. */
  INFO;

  /** Whether a pipeline must stop on a finding of this severity (critical and high). */
  public boolean blocks() {
    return this == CRITICAL || this == HIGH;
  }

  /** Lower-case name as written in JSON and on screen: {@code critical} ... {@code info}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Severity of(String label) {
    return valueOf(label.strip().toUpperCase(Locale.ROOT));
  }
}
