package dev.assay.core.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adverse-action style reason codes: per explained row, the features whose attributions push the
 * explained output toward the adverse outcome, largest push first, with the row's value of each.
 * Only features that push toward it count (a row with none has no reasons); ties go by feature
 * order.
 *
 * @param adverseHigher whether a higher output is the adverse outcome (the explained class is the
 *     denial), else a lower one
 * @param count the most reasons per row
 * @param rows the reasons of each explained row, in row order
 */
public record ReasonCodes(boolean adverseHigher, int count, List<RowReasons> rows) {
  /** Most reasons per row by default (Regulation B's commentary: no more than four). */
  public static final int DEFAULT_COUNT = 4;

  public ReasonCodes {
    rows = List.copyOf(rows);
  }

  /**
   * One reason.
   *
   * @param value the row's value of the feature
   * @param contribution the attribution toward the adverse outcome (positive; the sign of φ turned
   *     so that a larger number is more adverse)
   */
  public record Reason(String feature, double value, double contribution) {}

  /** The reasons of one explained row (its 0-based index in the data). */
  public record RowReasons(int row, List<Reason> reasons) {
    public RowReasons {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * The reason codes of a report's rows.
   *
   * @throws IllegalArgumentException when {@code count} is below 1
   */
  public static ReasonCodes of(ExplanationReport report, int count, boolean adverseHigher) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one reason per row, not " + count);
    }
    List<String> features = report.features();
    int m = features.size();
    List<RowReasons> rows = new ArrayList<>();
    for (int r = 0; r < report.rows().size(); r++) {
      double[] phi = report.rows().get(r).attribution().phi();
      double[] push = new double[m];
      List<Integer> adverse = new ArrayList<>();
      for (int i = 0; i < m; i++) {
        push[i] = adverseHigher ? phi[i] : -phi[i];
        if (push[i] > 0) {
          adverse.add(i);
        }
      }
      adverse.sort(Comparator.comparingDouble((Integer i) -> -push[i]).thenComparing(i -> i));
      List<Reason> reasons = new ArrayList<>();
      for (int i : adverse.subList(0, Math.min(count, adverse.size()))) {
        reasons.add(new Reason(features.get(i), report.inputs()[r * m + i], push[i]));
      }
      rows.add(new RowReasons(report.rows().get(r).row(), reasons));
    }
    return new ReasonCodes(adverseHigher, count, rows);
  }

  /** How many rows name each feature among their reasons, most frequent first (then by name). */
  public Map<String, Integer> frequency() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (RowReasons row : rows) {
      for (Reason reason : row.reasons()) {
        counts.merge(reason.feature(), 1, Integer::sum);
      }
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
