package dev.assay.core.eval;

import dev.assay.core.AssayException;
import dev.assay.core.inference.ClassLabels;
import java.util.List;

/**
 * How a run reads a classifier: which class is positive and which class a row of probabilities
 * predicts. Shared by evaluations and comparisons so both read a model the same way.
 */
public final class PredictionRule {
  private PredictionRule() {}

  /**
   * Index of the positive class: {@code positiveLabel} matched against {@code labels}, else the
   * second class of a binary problem, else -1 (multiclass).
   *
   * @throws AssayException when {@code positiveLabel} is not one of the classes
   */
  public static int positiveIndex(List<String> labels, String positiveLabel) {
    if (positiveLabel != null) {
      int index = ClassLabels.indexOf(labels, positiveLabel);
      if (index < 0) {
        throw new AssayException(
            "positive label '" + positiveLabel + "' is not one of the model's classes " + labels);
      }
      return index;
    }
    return labels.size() == 2 ? 1 : -1;
  }

  /**
   * The class a row of {@code c} probabilities at {@code offset} predicts: for two classes the
   * positive class when its probability is over 0.5, else the first largest probability (argmax).
   */
  public static int fromProbabilities(float[] probs, int offset, int c, int positiveIndex) {
    if (c == 2 && positiveIndex >= 0) {
      return probs[offset + positiveIndex] > 0.5f ? positiveIndex : 1 - positiveIndex;
    }
    int best = 0;
    for (int j = 1; j < c; j++) {
      if (probs[offset + j] > probs[offset + best]) {
        best = j;
      }
    }
    return best;
  }

  /** The first largest of {@code c} values at {@code offset} (labels from logits or scores). */
  public static int argmax(float[] values, int offset, int c) {
    int best = 0;
    for (int j = 1; j < c; j++) {
      if (values[offset + j] > values[offset + best]) {
        best = j;
      }
    }
    return best;
  }
}
