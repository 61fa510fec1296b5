package dev.assay.core.review;

import java.util.Locale;

/** What an OS user may do: analysts import, run and compare; reviewers also sign off. */
public enum Role {
  ANALYST,
  REVIEWER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role of(String id) {
    return valueOf(id.strip().toUpperCase(Locale.ROOT));
  }
}
