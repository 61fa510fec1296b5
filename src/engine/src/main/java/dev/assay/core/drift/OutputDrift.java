package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prediction drift and target drift: the model's outputs (a numeric score or regression value, a
 * predicted label) and the target on the reference against the current data, with the same tests,
 * thresholds and decision rule as the features ({@link DriftAnalysis}), adjusted as one family of
 * their own (they answer a different question than the features do).
 */
public final class OutputDrift {
  /** The name of the score in the report. */
  public static final String SCORE = "prediction.score";

  /** The name of the predicted label in the report. */
  public static final String LABEL = "prediction.label";

  /** The name of the target in the report. */
  public static final String TARGET = "target";

  /**
   * A model's outputs and the target on one dataset; any part may be null when absent.
   *
   * @param score per row: the positive-class probability, or the regression value (NaN: none)
   * @param label per row: the predicted class label (null: none)
   * @param target per row: the target as written (null: missing); numeric when {@code
   *     numericTarget}
   */
  public record Outputs(double[] score, String[] label, String[] target, boolean numericTarget) {}

  private OutputDrift() {}

  /**
   * Compares what both sides have: the score, the label, the target.
   *
   * @throws IllegalArgumentException when the two sides have no output in common
   */
  public static DriftReport run(Outputs reference, Outputs current, DriftSettings settings) {
    List<DriftAnalysis.Compared> compared = new ArrayList<>();
    if (reference.score() != null && current.score() != null) {
      compared.add(
          DriftAnalysis.compare(
              numeric(SCORE, reference.score()), numeric(SCORE, current.score()), settings));
    }
    if (reference.label() != null && current.label() != null) {
      compared.add(
          DriftAnalysis.compare(
              categorical(LABEL, reference.label()),
              categorical(LABEL, current.label()),
              settings));
    }
    if (reference.target() != null && current.target() != null) {
      FeatureSample r =
          reference.numericTarget()
              ? numeric(TARGET, reference.target())
              : categorical(TARGET, reference.target());
      FeatureSample c =
          reference.numericTarget()
              ? numeric(TARGET, current.target())
              : categorical(TARGET, current.target());
      compared.add(DriftAnalysis.compare(r, c, settings));
    }
    if (compared.isEmpty()) {
      throw new IllegalArgumentException("the reference and current data share no model output");
    }
    return DriftAnalysis.decide(compared, settings);
  }

  /** Numeric values as a drift sample: NaN counts as missing, an infinity as non-finite. */
  public static NumericSample numeric(String name, double[] values) {
    double[] finite = new double[values.length];
    int count = 0;
    long missing = 0;
    long nonFinite = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        missing++;
      } else if (Double.isInfinite(v)) {
        nonFinite++;
      } else {
        finite[count++] = v;
      }
    }
    return NumericSample.of(name, finite, count, missing, nonFinite);
  }

  /** Text cells parsed as numbers; null, blank or text that is no number counts as missing. */
  public static NumericSample numeric(String name, String[] cells) {
    double[] values = new double[cells.length];
    for (int i = 0; i < cells.length; i++) {
      values[i] = parse(cells[i]);
    }
    return numeric(name, values);
  }

  /** Labels as a drift sample: null or blank counts as missing. */
  public static CategoricalSample categorical(String name, String[] labels) {
    Map<String, Long> counts = new HashMap<>();
    long missing = 0;
    for (String l : labels) {
      if (l == null || l.isBlank()) {
        missing++;
      } else {
        counts.merge(l, 1L, Long::sum);
      }
    }
    return new CategoricalSample(name, counts, missing);
  }

  private static double parse(String cell) {
    if (cell == null || cell.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
