package dev.assay.core.monitor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How events are grouped into windows.
 *
 * <p>{@link Kind#COUNT}: by arrival order of predictions; window {@code k} holds predictions {@code
 * [k·slide, k·slide + size)} (tumbling when slide = size) and closes when its last prediction
 * arrives. Lateness does not apply.
 *
 * <p>{@link Kind#TIME}: by event time; window {@code k} is {@code [k·slide, k·slide + size)}
 * milliseconds since the epoch. The watermark is the largest event time seen minus the allowed
 * lateness; a window closes once the watermark reaches its end, and a prediction whose every window
 * has closed is late: counted, not used.
 *
 * @param size events (COUNT) or milliseconds (TIME), at least 1
 * @param slide events or milliseconds between window starts, in [1, size]
 * @param lateness allowed lateness in milliseconds (TIME only), at least 0
 */
public record WindowSpec(Kind kind, long size, long slide, long lateness) {
  /** What a window's bounds count. */
  public enum Kind {
    COUNT,
    TIME
  }

  /**
   * @throws IllegalArgumentException when a bound is out of range
   */
  public WindowSpec {
    if (size < 1 || slide < 1 || slide > size) {
      throw new IllegalArgumentException("a window needs size >= 1 and a slide in [1, size]");
    }
    if (lateness < 0 || (kind == Kind.COUNT && lateness != 0)) {
      throw new IllegalArgumentException("allowed lateness applies to time windows, >= 0");
    }
  }

  /** Whether windows do not overlap. */
  public boolean tumbling() {
    return slide == size;
  }

  /**
   * Parses {@code SIZE[/SLIDE]}: a count ({@code 1000}, {@code 1000/250}) or durations ({@code 5m},
   * {@code 30s/10s}, {@code 1h}, {@code 500ms}, ISO {@code PT5M}).
   *
   * @param lateness allowed lateness for time windows (ignored for count windows)
   * @throws IllegalArgumentException with a one-line reason
   */
  public static WindowSpec parse(String text, Duration lateness) {
    String[] parts = text.strip().split("/", -1);
    if (parts.length > 2 || parts[0].isBlank()) {
      throw new IllegalArgumentException("window '" + text + "' is not SIZE or SIZE/SLIDE");
    }
    boolean count = parts[0].strip().chars().allMatch(Character::isDigit);
    if (count) {
      long size = number(parts[0], text);
      long slide = parts.length == 2 ? number(parts[1], text) : size;
      return new WindowSpec(Kind.COUNT, size, slide, 0);
    }
    long size = duration(parts[0], text);
    long slide = parts.length == 2 ? duration(parts[1], text) : size;
    return new WindowSpec(Kind.TIME, size, slide, lateness.toMillis());
  }

  private static long number(String part, String text) {
    try {
      return Long.parseLong(part.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("window '" + text + "': '" + part + "' is not a count");
    }
  }

  /**
   * Milliseconds of {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601.
   *
   * @throws IllegalArgumentException when it is none of these or not positive
   */
  public static long duration(String part, String text) {
    String p = part.strip().toLowerCase(Locale.ROOT);
    long millis;
    try {
      if (p.startsWith("pt") || p.startsWith("p")) {
        millis = Duration.parse(p.toUpperCase(Locale.ROOT)).toMillis();
      } else if (p.endsWith("ms")) {
        millis = Long.parseLong(p.substring(0, p.length() - 2));
      } else {
        long unit =
            switch (p.isEmpty() ? ' ' : p.charAt(p.length() - 1)) {
              case 's' -> 1_000L;
              case 'm' -> 60_000L;
              case 'h' -> 3_600_000L;
              case 'd' -> 86_400_000L;
              default -> throw new NumberFormatException();
            };
        millis = Math.multiplyExact(Long.parseLong(p.substring(0, p.length() - 1)), unit);
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + part + "' in '" + text + "' is not a count or a duration like 30s, 5m, 1h");
    }
    if (millis < 0) {
      throw new IllegalArgumentException("'" + part + "' in '" + text + "' is negative");
    }
    return millis;
  }
}
