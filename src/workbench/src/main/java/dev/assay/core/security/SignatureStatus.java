package dev.assay.core.security;

import java.time.Instant;

/**
 * Whether a model's current bytes carry a valid signature by a key the site trusts.
 *
 * @param keyName the trusted key's name (its file name without {@code .pub}), or null
 * @param keyFingerprint SHA-256 of the signing key, or null when unsigned
 * @param signedAt when the signature was made, or null
 * @param signedBy who made it (operating-system user), or null
 * @param detail one line for people
 */
public record SignatureStatus(
    State state,
    String keyName,
    String keyFingerprint,
    Instant signedAt,
    String signedBy,
    String detail) {

  /** The possible verdicts, best first. */
  public enum State {
    /** A trusted key signed exactly these bytes. */
    VERIFIED,
    /** Signed, and the signature matches, but by no key in the trust folder. */
    UNTRUSTED,
    /** A signature exists that does not match the current bytes (or is forged). */
    INVALID,
    /** No signature at all. */
    UNSIGNED;

    /** Lower-case name, as in JSON. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static State of(String label) {
      return valueOf(label.strip().toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** No signature recorded for these bytes. */
  public static SignatureStatus unsigned() {
    return new SignatureStatus(State.UNSIGNED, null, null, null, null, "not signed");
  }

  /** One line: {@code verified (key site, signed 2026-... by alice)}. */
  public String describe() {
    return state.label() + (detail == null || detail.isEmpty() ? "" : ": " + detail);
  }
}
