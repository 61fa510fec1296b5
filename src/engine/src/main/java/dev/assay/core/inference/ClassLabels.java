package dev.assay.core.inference;

import java.util.Comparator;
import java.util.List;

/**
 * Matching of class labels as written in data and models: exact text first, then numeric equality
 * ({@code "1"}, {@code "1.0"} and the int64 label 1 are the same class).
 */
public final class ClassLabels {
  /**
   * Numbers in numeric order before text in lexicographic order, as scikit-learn sorts {@code
   * classes_}.
   */
  public static final Comparator<String> NATURAL =
      (a, b) -> {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
          return Double.compare(x, y);
        }
        if (x != null) {
          return -1;
        }
        if (y != null) {
          return 1;
        }
        return a.compareTo(b);
      };

  private ClassLabels() {}

  /** Index of {@code value} among {@code labels}, or -1. */
  public static int indexOf(List<String> labels, String value) {
    if (value == null) {
      return -1;
    }
    String trimmed = value.strip();
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equals(trimmed)) {
        return i;
      }
    }
    Double number = number(trimmed);
    if (number != null) {
      for (int i = 0; i < labels.size(); i++) {
        Double label = number(labels.get(i));
        if (label != null && label.doubleValue() == number.doubleValue()) {
          return i;
        }
      }
    }
    return -1;
  }

  private static Double number(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    char c = text.charAt(0);
    if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
      return null;
    }
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
