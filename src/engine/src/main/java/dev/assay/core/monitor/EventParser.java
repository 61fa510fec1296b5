package dev.assay.core.monitor;

import dev.assay.core.data.Cells;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one event from one line of an event file.
 *
 * <p><b>JSON lines</b>: a prediction is {@code {"id": "...", "model": "NAME:VERSION", "variant":
 * "champion", "ts": "ISO-8601", "features": {"col": value, ...}, "prediction": label,
 * "probabilities": {"class": p, ...}}} ({@code model}, {@code variant} and {@code probabilities}
 * optional); a label is {@code {"id": "...", "ts": "...", "label": value}}. Feature values are
 * numbers, text or null; a label or prediction that is a whole number is written without decimals.
 *
 * <p><b>CSV</b>: the first line names the columns {@code id, model, variant, ts, prediction,
 * label}, {@code features.COL} per feature and {@code probabilities.CLASS} per class; a row whose
 * {@code prediction} is empty and whose {@code label} is not is a label event; an empty cell is
 * missing. Fields may be quoted (RFC 4180) but not span lines.
 *
 * <p>Times are ISO-8601 with a zone or offset ({@code 2026-03-01T12:00:00Z}).
 */
public final class EventParser {
  private static final String FEATURES = "features.";
  private static final String PROBABILITIES = "probabilities.";

  private final List<String> csvHeader;

  /** The JSON reader of this stream (it remembers the previous event's feature names). */
  private final JsonEventReader json = new JsonEventReader();

  private EventParser(List<String> csvHeader) {
    this.csvHeader = csvHeader;
  }

  /** A parser of JSON lines. */
  public static EventParser jsonLines() {
    return new EventParser(null);
  }

  /**
   * A parser of CSV rows under {@code headerLine}.
   *
   * @throws IllegalArgumentException when the header lacks {@code id} or {@code ts}
   */
  public static EventParser csv(String headerLine) {
    List<String> header = CsvLine.split(headerLine).stream().map(String::strip).toList();
    for (String required : List.of("id", "ts")) {
      if (!header.contains(required)) {
        throw new IllegalArgumentException("the CSV header has no '" + required + "' column");
      }
    }
    return new EventParser(header);
  }

  /**
   * Parses one line.
   *
   * @throws IllegalArgumentException with a one-line reason when the line is not a valid event
   */
  public MonitorEvent parse(String line) {
    return csvHeader == null ? json.read(line) : parseCsv(line);
  }

  /**
   * Parses one line given as UTF-8 bytes (without its newline).
   *
   * @throws IllegalArgumentException with a one-line reason when the line is not a valid event
   */
  public MonitorEvent parse(byte[] bytes, int offset, int length) {
    return csvHeader == null
        ? json.read(bytes, offset, length)
        : parseCsv(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Announces a buffer of complete lines, {@code bytes[from, to)} each ended by a newline, whose
   * lines will then be given to {@link #parse(byte[], int, int)} in order (blank lines may be left
   * out): JSON lines are then read with one parser for the whole buffer, with the same events and
   * refusals as line by line. Optional; a line of another array is read on its own.
   */
  public void buffer(byte[] bytes, int from, int to) {
    if (csvHeader == null) {
      json.buffer(bytes, from, to);
    }
  }

  private MonitorEvent parseCsv(String line) {
    List<String> cells = CsvLine.split(line);
    if (cells.size() != csvHeader.size()) {
      throw new IllegalArgumentException(
          "has " + cells.size() + " fields, the header " + csvHeader.size());
    }
    String id = null;
    String ts = null;
    String model = null;
    String variant = null;
    String prediction = null;
    String label = null;
    Map<String, Object> features = new LinkedHashMap<>();
    Map<String, Double> probabilities = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      String name = csvHeader.get(i);
      String cell = cells.get(i);
      String value = Cells.isMissing(cell) ? null : cell.strip();
      switch (name) {
        case "id" -> id = value;
        case "ts" -> ts = value;
        case "model" -> model = value;
        case "variant" -> variant = value;
        case "prediction" -> prediction = value;
        case "label" -> label = value;
        default -> {
          if (name.startsWith(FEATURES)) {
            features.put(name.substring(FEATURES.length()), featureValue(value));
          } else if (name.startsWith(PROBABILITIES) && value != null) {
            double p = Cells.parseOrNaN(value);
            if (Double.isNaN(p)) {
              problems.add("probability '" + value + "' is not a number");
            }
            probabilities.put(name.substring(PROBABILITIES.length()), p);
          }
        }
      }
    }
    if (id == null) {
      throw new IllegalArgumentException("has no id");
    }
    if (ts == null) {
      throw new IllegalArgumentException("event " + id + " has no ts");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("event " + id + ": " + problems.get(0));
    }
    Instant time = time(ts);
    if (prediction == null) {
      if (label == null) {
        throw new IllegalArgumentException("event " + id + " has neither prediction nor label");
      }
      return new MonitorEvent.Label(id, time, label);
    }
    if (label != null) {
      throw new IllegalArgumentException("event " + id + " has both a prediction and a label");
    }
    return new MonitorEvent.Prediction(
        id, model, variant, time, features, wholeNumber(prediction), probabilities);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read directly (the common case, the same instant as
   * {@link OffsetDateTime#parse}); null for any other form or an invalid field, which the full
   * parser then reads or refuses.
   */
  private static Instant utc(String t) {
    int n = t.length();
    if (n < 20
        || n > 30
        || t.charAt(n - 1) != 'Z'
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    int nanos = 0;
    if (n > 20) {
      int f = n - 21;
      if (t.charAt(19) != '.' || f < 1 || f > 9) {
        return null;
      }
      nanos = digits(t, 20, f);
      for (int i = f; i < 9; i++) {
        nanos *= 10;
      }
    }
    if ((year | month | day | hour | minute | second | nanos) < 0) {
      return null;
    }
    try {
      return java.time.LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static Object featureValue(String value) {
    if (value == null) {
      return null;
    }
    double d = Cells.parseOrNaN(value);
    return Double.isNaN(d) ? value : (Object) d;
  }

  static String wholeNumber(String text) {
    double d = Cells.parseOrNaN(text);
    return Double.isFinite(d) ? spelling(d) : text.strip();
  }

  static String spelling(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  static Instant time(String text) {
    Instant fast = utc(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text.strip());
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException(
            "ts '" + text + "' is not an ISO-8601 time with a zone, e.g. 2026-03-01T12:00:00Z");
      }
    }
  }
}
