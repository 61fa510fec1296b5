package dev.assay.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks every row a run reads as probabilities: each value in [0, 1] and the row summing to 1
 * within {@value #SUM_TOLERANCE}. Counts the rows that are not, with up to ten examples, the way
 * the label/probability agreement check does. Not thread-safe: one per run, fed in data order.
 */
public final class ProbabilityCheck {
  /** How far a row's sum may be from 1. */
  public static final double SUM_TOLERANCE = 1e-4;

  private static final int EXAMPLES = 10;

  private final String output;
  private long checked;
  private long invalid;
  private final List<Example> examples = new ArrayList<>();

  /**
   * @param output the output the probabilities come from, for messages
   */
  public ProbabilityCheck(String output) {
    this.output = output;
  }

  /**
   * What is wrong with the row of {@code c} values at {@code offset}, or null when it is a
   * distribution. A row holding NaN is left to the metrics' own NaN check (null here).
   */
  public static String problem(float[] values, int offset, int c) {
    double sum = 0;
    for (int j = 0; j < c; j++) {
      if (Float.isNaN(values[offset + j])) {
        return null;
      }
    }
    for (int j = 0; j < c; j++) {
      float v = values[offset + j];
      if (v < 0f || v > 1f) {
        return "holds " + format(v) + ", outside [0, 1]";
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      return "sums to " + format(sum);
    }
    return null;
  }

  /**
   * Checks {@code n} rows of {@code c} probabilities.
   *
   * @param rowNumbers 1-based data rows, for the examples
   * @return the number of rows in this batch that are not distributions
   */
  public int check(float[] probabilities, int n, int c, long[] rowNumbers) {
    int bad = 0;
    for (int i = 0; i < n; i++) {
      String problem = problem(probabilities, i * c, c);
      if (problem != null) {
        bad++;
        if (examples.size() < EXAMPLES) {
          List<Float> row = new ArrayList<>(c);
          for (int j = 0; j < c; j++) {
            row.add(probabilities[i * c + j]);
          }
          examples.add(new Example(rowNumbers[i], problem, row));
        }
      }
    }
    checked += n;
    invalid += bad;
    return bad;
  }

  /** Whether any row checked so far is not a distribution. */
  public boolean failed() {
    return invalid > 0;
  }

  public Summary summary() {
    return new Summary(output, checked, invalid, List.copyOf(examples));
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /**
   * Rows read as probabilities that are not distributions.
   *
   * @param output the output they come from
   * @param examples up to ten of them
   */
  public record Summary(String output, long checked, long invalid, List<Example> examples) {
    /** One warning line, or null when every row is a distribution. */
    public String warning() {
      if (invalid == 0) {
        return null;
      }
      Example first = examples.getFirst();
      return "output '"
          + output
          + "' is not a probability distribution on "
          + invalid
          + " of "
          + checked
          + " rows (row "
          + first.row()
          + " "
          + first.problem()
          + "); log loss, Brier score, ECE, calibration and ROC/PR curves are left out";
    }
  }

  /** One row that is not a distribution: its 1-based data row, what is wrong, its values. */
  public record Example(long row, String problem, List<Float> values) {}
}
