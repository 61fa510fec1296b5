package dev.assay.core.data;

/**
 * Conventions for reading CSV cells, shared by profiling and evaluation.
 *
 * <ul>
 *   <li>Missing: {@code null}, empty, {@code NA}, {@code NaN} and {@code null} (case-insensitive,
 *       after trimming).
 *   <li>Infinities: {@code inf}, {@code +inf}, {@code -inf}, {@code Infinity}, {@code +Infinity},
 *       {@code -Infinity} (case-insensitive).
 *   <li>Numbers: decimal notation after trimming, as {@link Double#parseDouble} reads it: optional
 *       sign, digits with an optional decimal point, optional exponent ({@code 1e-3}). No locale
 *       grouping or decimal commas; Java's {@code d}/{@code f} suffixes and hex floats are text.
 * </ul>
 *
 * <p>Parsing allocates nothing and throws nothing for well-formed numbers: most values take an
 * exact fast path (at most 15 significant digits and a small exponent give the correctly rounded
 * double by one IEEE multiplication or division); the rest go to {@link Double#parseDouble}.
 */
public final class Cells {

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final long MAX_EXACT_MANTISSA = 1L << 53;
  private static final double NOT_A_NUMBER_MARKER = Double.NaN;

  private Cells() {}

  /** Whether the cell is missing: null, empty, or NA, NaN, null (case-insensitive, trimmed). */
  public static boolean isMissing(String cell) {
    if (cell == null) {
      return true;
    }
    int start = start(cell);
    int end = end(cell, start);
    return isMissing(cell, start, end);
  }

  /** Whether the cell is a number or an infinity; false for missing and text cells. */
  public static boolean isNumeric(String cell) {
    if (cell == null) {
      return false;
    }
    int start = start(cell);
    int end = end(cell, start);
    return start < end && (scanDecimal(cell, start, end) || infinity(cell, start, end) != 0);
  }

  /**
   * The number in the cell.
   *
   * @return the value, {@code NaN} for a missing cell, or an infinity
   * @throws NumberFormatException when the cell is text
   */
  public static double parseNumber(String cell) {
    double value = parseOrMarker(cell);
    if (Double.isNaN(value) && !isMissing(cell)) {
      throw new NumberFormatException("not a number: '" + cell.strip() + "'");
    }
    return value;
  }

  /**
   * The number in the cell, or {@code NaN} for missing and text cells alike: for hot loops that
   * have already decided what text means.
   */
  public static double parseOrNaN(String cell) {
    return parseOrMarker(cell);
  }

  private static double parseOrMarker(String cell) {
    if (cell == null) {
      return Double.NaN;
    }
    int start = start(cell);
    int end = end(cell, start);
    if (start == end) {
      return Double.NaN;
    }
    double fast = fastDecimal(cell, start, end);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    if (scanDecimal(cell, start, end)) {
      return Double.parseDouble(cell.substring(start, end));
    }
    int infinity = infinity(cell, start, end);
    if (infinity != 0) {
      return infinity > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return NOT_A_NUMBER_MARKER;
  }

  /**
   * Clinger's exact fast path: mantissa below 2^53 and |exponent| at most 22. Returns NaN when the
   * text is not a plain decimal or does not qualify.
   */
  private static double fastDecimal(String s, int start, int end) {
    int i = start;
    boolean negative = false;
    char c = s.charAt(i);
    if (c == '-' || c == '+') {
      negative = c == '-';
      if (++i == end) {
        return Double.NaN;
      }
    }
    long mantissa = 0;
    int digits = 0;
    int significant = 0;
    int fractionDigits = 0;
    boolean point = false;
    for (; i < end; i++) {
      c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        if (mantissa != 0 || c != '0') {
          if (++significant > 18) {
            return Double.NaN;
          }
          mantissa = mantissa * 10 + (c - '0');
        }
        if (point) {
          fractionDigits++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    int exponent = 0;
    if (i < end) {
      if (c != 'e' && c != 'E') {
        return Double.NaN;
      }
      if (++i == end) {
        return Double.NaN;
      }
      boolean negativeExponent = false;
      c = s.charAt(i);
      if (c == '-' || c == '+') {
        negativeExponent = c == '-';
        i++;
      }
      if (i == end) {
        return Double.NaN;
      }
      for (; i < end; i++) {
        c = s.charAt(i);
        if (c < '0' || c > '9' || exponent > 10_000) {
          return Double.NaN;
        }
        exponent = exponent * 10 + (c - '0');
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (mantissa == 0) {
      return negative ? -0.0 : 0.0;
    }
    if (mantissa >= MAX_EXACT_MANTISSA) {
      return Double.NaN;
    }
    exponent -= fractionDigits;
    double value;
    if (exponent >= 0 && exponent <= 22) {
      value = mantissa * POWERS_OF_TEN[exponent];
    } else if (exponent < 0 && exponent >= -22) {
      value = mantissa / POWERS_OF_TEN[-exponent];
    } else {
      return Double.NaN;
    }
    return negative ? -value : value;
  }

  /** Whether [start, end) is a decimal number: [+-] (d+ [. d*] | . d+) ([eE] [+-] d+)? */
  private static boolean scanDecimal(String s, int start, int end) {
    int i = start;
    char c = s.charAt(i);
    if (c == '-' || c == '+') {
      i++;
    }
    int digits = 0;
    boolean point = false;
    for (; i < end; i++) {
      c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i == end) {
      return true;
    }
    if (c != 'e' && c != 'E') {
      return false;
    }
    i++;
    if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    if (i == end) {
      return false;
    }
    for (; i < end; i++) {
      c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** +1 or -1 for an infinity token in [start, end), 0 otherwise. */
  private static int infinity(String s, int start, int end) {
    int sign = 1;
    char c = s.charAt(start);
    if (c == '-' || c == '+') {
      sign = c == '-' ? -1 : 1;
      start++;
    }
    int length = end - start;
    if ((length == 3 && s.regionMatches(true, start, "inf", 0, 3))
        || (length == 8 && s.regionMatches(true, start, "infinity", 0, 8))) {
      return sign;
    }
    return 0;
  }

  private static boolean isMissing(String s, int start, int end) {
    int length = end - start;
    return switch (length) {
      case 0 -> true;
      case 2 -> s.regionMatches(true, start, "NA", 0, 2);
      case 3 -> s.regionMatches(true, start, "NaN", 0, 3);
      case 4 -> s.regionMatches(true, start, "null", 0, 4);
      default -> false;
    };
  }

  private static int start(String s) {
    int i = 0;
    int length = s.length();
    while (i < length && s.charAt(i) <= ' ') {
      i++;
    }
    return i;
  }

  private static int end(String s, int start) {
    int end = s.length();
    while (end > start && s.charAt(end - 1) <= ' ') {
      end--;
    }
    return end;
  }
}
