package dev.assay.core.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins labels with predictions by id, whichever arrives first. Predictions and early labels are
 * remembered up to {@code horizon} ids each (the oldest forgotten first), so that memory is
 * bounded; a label whose prediction was forgotten is counted as unmatched.
 */
public final class LabelBook {
  /** A prediction and its label, joined. */
  public record Match(String id, String predicted, String label) {
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

  private final int horizon;
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

  public State state() {
    return new State(pairs(predicted), pairs(labels));
  }

  private static List<String[]> pairs(Map<String, String> map) {
    return map.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList();
  }

  /** Records a prediction; the match when its label arrived before it. */
  public Match prediction(String id, String prediction) {
    put(predicted, id, prediction);
    String label = labels.get(id);
    return label == null ? null : new Match(id, prediction, label);
  }

  /** Records a label; the match when its prediction is known, else null. */
  public Match label(String id, String label) {
    put(labels, id, label);
    String prediction = predicted.get(id);
    return prediction == null ? null : new Match(id, prediction, label);
  }

  /** The label known for {@code id}, or null. */
  public String labelOf(String id) {
    return labels.get(id);
  }

  private void put(LinkedHashMap<String, String> map, String id, String value) {
    map.remove(id);
    map.put(id, value);
    while (map.size() > horizon) {
      map.remove(map.keySet().iterator().next());
    }
  }
}
