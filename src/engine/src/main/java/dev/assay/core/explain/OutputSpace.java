package dev.assay.core.explain;

/** What the explained number is. */
public enum OutputSpace {
  /** The probability of one class. */
  PROBABILITY("probability"),
  /** The log-odds of one class, {@code ln(p / (1 − p))}. */
  LOGIT("logit"),
  /** A regression model's predicted value. */
  VALUE("value");

  private final String id;

  OutputSpace(String id) {
    this.id = id;
  }

  /** The name in JSON and on the command line's output. */
  public String id() {
    return id;
  }
}
