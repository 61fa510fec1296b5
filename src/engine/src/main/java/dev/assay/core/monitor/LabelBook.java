package dev.assay.core.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins labels with predictions by id, whichever arrives first. Predictions and early labels are
 * remembered up to {@code horizon} ids each (the oldest forgotten first), so that memory is
 * bounded; a label whose prediction was forgotten is counted as unmatched.
 */
public final class LabelBook {
  /**
   * A prediction and its label, joined.
   *
   * @param variant the prediction's deployment variant, or null
   */
  public record Match(String id, String variant, String predicted, String label) {
    public Match(String id, String predicted, String label) {
      this(id, null, predicted, label);
    }

    /** 1 when the prediction was wrong, else 0. */
    public double error() {
      return predicted.equals(label) ? 0 : 1;
    }
  }

  /**
   * What the book holds.
   *
   * @param predicted prediction per id, oldest first
   * @param labels label per id (known labels, matched or early), oldest first
   */
  public record State(List<String[]> predicted, List<String[]> labels) {}

  /**
   * The book's changes since the previous {@link #drain()}: each {@code {side, id, value}} with
   * side {@code "p"} (prediction) or {@code "l"} (label), replayed in order by {@link #replay}. A
   * snapshot holds the whole book (oldest first per side) and makes earlier deltas unnecessary.
   */
  public record Delta(boolean snapshot, List<String[]> ops) {}

  private final int horizon;
  private boolean journaling;
  private boolean snapshotDue;
  private long sinceSnapshot;
  private final List<String[]> journal = new ArrayList<>();
  private final LinkedHashMap<String, String> predicted = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> labels = new LinkedHashMap<>();

  /**
   * @param horizon ids remembered per side, at least 1
   */
  public LabelBook(int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("label horizon must be at least 1");
    }
    this.horizon = horizon;
  }

  public static LabelBook restore(int horizon, State state) {
    LabelBook book = new LabelBook(horizon);
    state.predicted().forEach(p -> book.put(book.predicted, p[0], p[1]));
    state.labels().forEach(l -> book.put(book.labels, l[0], l[1]));
    return book;
  }

  /**
   * A book rebuilt from stored deltas, oldest first (from the newest snapshot on), journaling: the
   * same book, in the same order, as the one whose deltas they were.
   */
  public static LabelBook replay(int horizon, List<Delta> deltas) {
    LabelBook book = new LabelBook(horizon);
    for (Delta d : deltas) {
      for (String[] op : d.ops()) {
        book.put(op[0].equals("p") ? book.predicted : book.labels, op[1], op[2]);
      }
      book.sinceSnapshot = d.snapshot() ? 0 : book.sinceSnapshot + d.ops().size();
    }
    book.journaling = true;
    return book;
  }

  /**
   * Starts recording changes for {@link #drain()}; the first drain is a snapshot of what the book
   * holds now.
   */
  public void journal() {
    if (!journaling) {
      journaling = true;
      snapshotDue = true;
      journal.clear();
    }
  }

  /**
   * The changes since the previous drain, or a snapshot of the whole book when the deltas since the
   * last snapshot exceed four times what the book can hold (so that a replay reads at most about
   * five books' worth of changes).
   */
  public Delta drain() {
    if (!journaling) {
      throw new IllegalStateException("the label book is not journaling");
    }
    Delta d;
    if (snapshotDue || sinceSnapshot + journal.size() > 8L * horizon) {
      List<String[]> ops = new ArrayList<>(predicted.size() + labels.size());
      predicted.forEach((k, v) -> ops.add(new String[] {"p", k, v}));
      labels.forEach((k, v) -> ops.add(new String[] {"l", k, v}));
      d = new Delta(true, ops);
      sinceSnapshot = 0;
      snapshotDue = false;
    } else {
      d = new Delta(false, List.copyOf(journal));
      sinceSnapshot += journal.size();
    }
    journal.clear();
    return d;
  }

  public State state() {
    return new State(pairs(predicted), pairs(labels));
  }

  private static List<String[]> pairs(Map<String, String> map) {
    return map.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList();
  }

  /** Records a prediction; the match when its label arrived before it. */
  public Match prediction(String id, String prediction) {
    return prediction(id, null, prediction);
  }

  /**
   * Records a prediction of {@code variant} (null: none); the match when its label arrived before
   * it. A variant is kept in the book's value as {@code variant + U+001F + prediction}, so stored
   * books without variants read as before.
   */
  public Match prediction(String id, String variant, String prediction) {
    put(predicted, id, variant == null ? prediction : variant + SEPARATOR + prediction);
    String label = labels.get(id);
    return label == null ? null : new Match(id, variant, prediction, label);
  }

  /** Records a label; the match when its prediction is known, else null. */
  public Match label(String id, String label) {
    put(labels, id, label);
    String value = predicted.get(id);
    if (value == null) {
      return null;
    }
    int cut = value.indexOf(SEPARATOR);
    return cut < 0
        ? new Match(id, null, value, label)
        : new Match(id, value.substring(0, cut), value.substring(cut + 1), label);
  }

  private static final char SEPARATOR = '\u001f';

  /** The label known for {@code id}, or null. */
  public String labelOf(String id) {
    return labels.get(id);
  }

  private void put(LinkedHashMap<String, String> map, String id, String value) {
    if (journaling) {
      journal.add(new String[] {map == predicted ? "p" : "l", id, value});
    }
    map.remove(id);
    map.put(id, value);
    while (map.size() > horizon) {
      map.remove(map.keySet().iterator().next());
    }
  }
}
