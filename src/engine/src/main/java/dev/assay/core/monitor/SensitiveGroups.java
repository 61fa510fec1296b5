package dev.assay.core.monitor;

import dev.assay.core.fairness.CountedDisparity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A window's predictions counted per variant and per group of a sensitive column (a feature of the
 * events), for a rollout's fairness gate. A group is the column's value as text (a whole number
 * without decimals, {@code (missing)} when absent); past {@value #MAX_GROUPS} distinct values of a
 * column the rest count as {@code (other)}. Labels count as they stand at the window's close.
 */
public final class SensitiveGroups {
  public static final int MAX_GROUPS = 100;
  public static final String MISSING = "(missing)";
  public static final String OTHER = "(other)";

  /**
   * One group's counts of one variant in a window (see {@link CountedDisparity.Counts}).
   *
   * @param variant {@code champion} or {@code challenger}
   */
  public record GroupCount(
      String column,
      String variant,
      String group,
      long predictions,
      long predictedPositive,
      long tp,
      long fp,
      long fn,
      long tn) {
    /** As the fairness code counts. */
    public CountedDisparity.Counts counts() {
      return new CountedDisparity.Counts(group, predictions, predictedPositive, tp, fp, fn, tn);
    }

    /** The sum of this and {@code o} (same column, variant and group). */
    public GroupCount plus(GroupCount o) {
      return new GroupCount(
          column,
          variant,
          group,
          predictions + o.predictions,
          predictedPositive + o.predictedPositive,
          tp + o.tp,
          fp + o.fp,
          fn + o.fn,
          tn + o.tn);
    }
  }

  private SensitiveGroups() {}

  /**
   * Counts {@code events} per column, variant and group; {@code positive} is the positive class.
   */
  public static List<GroupCount> count(
      List<String> columns, List<MonitorEvent.Prediction> events, LabelBook book, String positive) {
    List<GroupCount> all = new ArrayList<>();
    for (String column : columns) {
      Map<String, long[]> champion = new LinkedHashMap<>();
      Map<String, long[]> challenger = new LinkedHashMap<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (MonitorEvent.Prediction e : events) {
        String variant = e.variant() == null ? AbTest.CHAMPION : e.variant();
        Map<String, long[]> to =
            variant.equals(AbTest.CHAMPION)
                ? champion
                : variant.equals(AbTest.CHALLENGER) ? challenger : null;
        if (to == null) {
          continue;
        }
        String group = group(e.features().get(column));
        if (!seen.contains(group)) {
          if (seen.size() >= MAX_GROUPS) {
            group = OTHER;
          } else {
            seen.add(group);
          }
        }
        long[] c = to.computeIfAbsent(group, g -> new long[6]);
        boolean predicted = positive.equals(e.prediction());
        c[0]++;
        if (predicted) {
          c[1]++;
        }
        String label = book.labelOf(e.id());
        if (label != null) {
          boolean actual = positive.equals(label);
          c[actual ? (predicted ? 2 : 4) : (predicted ? 3 : 5)]++;
        }
      }
      add(all, column, AbTest.CHAMPION, champion);
      add(all, column, AbTest.CHALLENGER, challenger);
    }
    return all;
  }

  private static void add(
      List<GroupCount> to, String column, String variant, Map<String, long[]> counts) {
    counts.forEach(
        (g, c) -> to.add(new GroupCount(column, variant, g, c[0], c[1], c[2], c[3], c[4], c[5])));
  }

  /** A feature value's group: text, a whole number without decimals, or {@link #MISSING}. */
  public static String group(Object value) {
    if (value == null) {
      return MISSING;
    }
    if (value instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return d.toString();
    }
    return value.toString();
  }
}
