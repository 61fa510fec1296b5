package dev.assay.ui.overview;

/**
 * One fact about a model version on the Overview board: a state that also reads without colour (the
 * text says it), a short text that fits its cell on one line, and the details (report, figures, how
 * to make the report) that its tooltip shows.
 *
 * @param state how it stands
 * @param text what is known, short, e.g. {@code run 3: roc_auc 0.8123}
 * @param detail more about it for the tooltip, or empty
 */
public record Chip(State state, String text, String detail) {
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

  public Chip {
    detail = detail == null ? "" : detail;
  }

  /** A chip without details. */
  public Chip(State state, String text) {
    this(state, text, "");
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

  /** This chip with {@code detail} for its tooltip. */
  Chip withDetail(String detail) {
    return new Chip(state, text, detail);
  }

  /** The chip as one line: mark and text. */
  public String label() {
    return state.mark() + " " + text;
  }

  /** What the tooltip says: the text, then the details when there are any. */
  public String tooltip() {
    return detail.isEmpty() ? text : text + "\n" + detail;
  }
}
