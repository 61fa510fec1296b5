package dev.assay.ui.overview;

/**
 * One fact about a model version on the Overview board: a state that also reads without colour (the
 * text says it) and a short text.
 *
 * @param state how it stands
 * @param text what is known, e.g. {@code run 3: roc_auc 0.8123}
 */
public record Chip(State state, String text) {
  /** How a fact stands; the Overview colours chips by it and prefixes its mark. */
  public enum State {
    GOOD("✓"),
    WARNING("!"),
    BAD("✗"),
    MISSING("–");

    private final String mark;

    State(String mark) {
      this.mark = mark;
    }

    /** A mark that reads without colour. */
    public String mark() {
      return mark;
    }
  }

  static Chip good(String text) {
    return new Chip(State.GOOD, text);
  }

  static Chip warning(String text) {
    return new Chip(State.WARNING, text);
  }

  static Chip bad(String text) {
    return new Chip(State.BAD, text);
  }

  static Chip missing(String text) {
    return new Chip(State.MISSING, text);
  }

  /** The chip as one line: mark and text. */
  public String label() {
    return state.mark() + " " + text;
  }
}
