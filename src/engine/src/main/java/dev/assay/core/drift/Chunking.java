package dev.assay.core.drift;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How current data is cut into chunks: every {@code rows} rows in file order, into {@code count}
 * nearly equal parts in file order, or by the calendar period (UTC day, ISO week starting Monday,
 * month) of a date column whose cells start with {@code yyyy-mm-dd}.
 */
public sealed interface Chunking {
  /** Chunks of {@code size} rows in file order; the last may be smaller. */
  record Rows(int size) implements Chunking {
    @Override
    public String describe() {
      return "rows=" + size;
    }
  }

  /** {@code count} chunks in file order, sizes differing by at most one row. */
  record Count(int count) implements Chunking {
    @Override
    public String describe() {
      return "count=" + count;
    }
  }

  /** Chunks by the period of a date column. */
  record Period(String column, Unit unit) implements Chunking {
    @Override
    public String describe() {
      return "period=" + column + ":" + unit.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Calendar periods. */
  enum Unit {
    DAY,
    WEEK,
    MONTH
  }

  /** The settings as JSON-ready words, e.g. {@code rows=1000}. */
  String describe();

  /**
   * Parses {@code rows=N}, {@code count=K} or {@code period=COLUMN:day|week|month}.
   *
   * @throws IllegalArgumentException with a one-line reason when the text is not one of these
   */
  static Chunking parse(String text) {
    int eq = text.indexOf('=');
    String kind = eq < 0 ? text : text.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    String value = eq < 0 ? "" : text.substring(eq + 1).strip();
    switch (kind) {
      case "rows", "count" -> {
        long n;
        try {
          n = Long.parseLong(value);
        } catch (NumberFormatException e) {
          n = -1;
        }
        if (n < 1 || n > Integer.MAX_VALUE || (kind.equals("count") && n > 10_000)) {
          throw new IllegalArgumentException(
              "--chunk "
                  + kind
                  + "= needs a whole number from 1 to "
                  + (kind.equals("count") ? "10000" : Integer.MAX_VALUE)
                  + ", not '"
                  + value
                  + "'");
        }
        return kind.equals("rows") ? new Rows((int) n) : new Count((int) n);
      }
      case "period" -> {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "--chunk period= needs COLUMN:day, COLUMN:week or COLUMN:month, not '" + value + "'");
        }
        String unit = value.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
        try {
          return new Period(value.substring(0, colon), Unit.valueOf(unit));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "--chunk period= unit must be day, week or month, not '"
                  + value.substring(colon + 1)
                  + "'");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "--chunk must be rows=N, count=K or period=COLUMN:day|week|month, not '"
                  + text
                  + "'");
    }
  }

  /**
   * The label of the period holding the date at the start of {@code cell} ({@code 2024-03-05},
   * {@code 2024-W10}, {@code 2024-03}), or null when the cell does not start with a date.
   */
  static String periodOf(String cell, Unit unit) {
    if (cell == null || cell.length() < 10) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(cell.strip().substring(0, 10));
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      return null;
    }
    return switch (unit) {
      case DAY -> date.toString();
      case WEEK -> {
        LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield String.format(
            Locale.ROOT,
            "%d-W%02d",
            monday.get(IsoFields.WEEK_BASED_YEAR),
            monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      }
      case MONTH -> date.toString().substring(0, 7);
    };
  }
}
