package dev.assay.core.drift;

import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;
import dev.assay.core.data.CsvSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a CSV file against a {@link DataContract} in one streaming pass. A violation names the
 * column, the rule, how many rows break it and up to {@link #EXAMPLES} example rows (data rows,
 * 1-based, the header not counted).
 */
public final class ContractCheck {
  /** Example rows kept per violation. */
  public static final int EXAMPLES = 5;

  /** Rules a violation can name. */
  public enum Rule {
    MISSING_COLUMN,
    NOT_A_NUMBER,
    BELOW_MIN,
    ABOVE_MAX,
    NON_FINITE,
    UNKNOWN_CATEGORY,
    MISSING_RATE;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One broken rule.
   *
   * @param count rows that break it (for {@code missing_rate}: missing cells)
   * @param exampleRows the first rows that break it (1-based data rows)
   * @param detail what was expected and found
   */
  public record Violation(
      String column, Rule rule, long count, List<Long> exampleRows, String detail) {
    public Violation {
      exampleRows = List.copyOf(exampleRows);
    }
  }

  /** The outcome: rows read and the violations, column by column in contract order. */
  public record Result(long rows, List<Violation> violations) {
    public Result {
      violations = List.copyOf(violations);
    }

    public boolean passed() {
      return violations.isEmpty();
    }
  }

  private ContractCheck() {}

  /**
   * Checks {@code csv} against {@code contract}.
   *
   * @throws AssayException when the file cannot be read
   */
  public static Result check(DataContract contract, Path csv) {
    try (CsvSource source = CsvSource.open(csv)) {
      List<String> header = source.header();
      List<DataContract.Column> columns = contract.columns();
      int k = columns.size();
      int[] index = new int[k];
      Tally[][] tallies = new Tally[k][Rule.values().length];
      List<Set<String>> allowed = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        index[i] = header.indexOf(columns.get(i).name());
        for (Rule r : Rule.values()) {
          tallies[i][r.ordinal()] = new Tally();
        }
        List<String> cats = columns.get(i).categories();
        allowed.add(cats == null ? null : new HashSet<>(cats));
      }
      long[] missing = new long[k];
      long rows = 0;
      String[] record;
      while ((record = source.next()) != null) {
        rows++;
        long row = source.row();
        for (int i = 0; i < k; i++) {
          if (index[i] < 0) {
            continue;
          }
          String cell = index[i] < record.length ? record[index[i]] : null;
          if (Cells.isMissing(cell)) {
            missing[i]++;
            continue;
          }
          DataContract.Column c = columns.get(i);
          if ("numeric".equals(c.kind())) {
            if (!Cells.isNumeric(cell)) {
              tallies[i][Rule.NOT_A_NUMBER.ordinal()].add(row);
              continue;
            }
            double v = Cells.parseNumber(cell);
            if (Double.isInfinite(v)) {
              if (Boolean.FALSE.equals(c.allowNonFinite())) {
                tallies[i][Rule.NON_FINITE.ordinal()].add(row);
              }
            } else if (c.min() != null && v < c.min()) {
              tallies[i][Rule.BELOW_MIN.ordinal()].add(row);
            } else if (c.max() != null && v > c.max()) {
              tallies[i][Rule.ABOVE_MAX.ordinal()].add(row);
            }
          } else if (allowed.get(i) != null && !allowed.get(i).contains(cell)) {
            tallies[i][Rule.UNKNOWN_CATEGORY.ordinal()].add(row);
          }
        }
      }
      List<Violation> out = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        DataContract.Column c = columns.get(i);
        if (index[i] < 0) {
          if (c.required()) {
            out.add(
                new Violation(
                    c.name(), Rule.MISSING_COLUMN, rows, List.of(), "the file has no such column"));
          }
          continue;
        }
        for (Rule r : Rule.values()) {
          Tally t = tallies[i][r.ordinal()];
          if (t.count > 0) {
            out.add(new Violation(c.name(), r, t.count, t.examples, detail(c, r)));
          }
        }
        double rate = rows == 0 ? 0 : (double) missing[i] / rows;
        if (c.maxMissingRate() != null && rate > c.maxMissingRate()) {
          out.add(
              new Violation(
                  c.name(),
                  Rule.MISSING_RATE,
                  missing[i],
                  List.of(),
                  String.format(
                      java.util.Locale.ROOT,
                      "missing rate %.4f above the allowed %.4f",
                      rate,
                      c.maxMissingRate())));
        }
      }
      return new Result(rows, out);
    }
  }

  private static String detail(DataContract.Column c, Rule r) {
    return switch (r) {
      case NOT_A_NUMBER -> "text in a numeric column";
      case BELOW_MIN -> "below the allowed minimum " + c.min();
      case ABOVE_MAX -> "above the allowed maximum " + c.max();
      case NON_FINITE -> "an infinity where the reference had none";
      case UNKNOWN_CATEGORY -> "a category the contract does not list";
      default -> "";
    };
  }

  private static final class Tally {
    long count;
    final List<Long> examples = new ArrayList<>();

    void add(long row) {
      count++;
      if (examples.size() < EXAMPLES) {
        examples.add(row);
      }
    }
  }
}
