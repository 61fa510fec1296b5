package dev.assay.core.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.data.Cells;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
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

  private final ObjectMapper json;
  private final List<String> csvHeader;

  private EventParser(ObjectMapper json, List<String> csvHeader) {
    this.json = json;
    this.csvHeader = csvHeader;
  }

  /** A parser of JSON lines. */
  public static EventParser jsonLines() {
    return new EventParser(new ObjectMapper(), null);
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
    return new EventParser(null, header);
  }

  /**
   * Parses one line.
   *
   * @throws IllegalArgumentException with a one-line reason when the line is not a valid event
   */
  public MonitorEvent parse(String line) {
    return csvHeader == null ? parseJson(line) : parseCsv(line);
  }

  private MonitorEvent parseJson(String line) {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String id = requiredText(node.get("id"), "id");
    Instant ts = time(requiredText(node.get("ts"), "ts"));
    JsonNode prediction = node.get("prediction");
    JsonNode label = node.get("label");
    if (isAbsent(prediction)) {
      if (isAbsent(label)) {
        throw new IllegalArgumentException("event " + id + " has neither prediction nor label");
      }
      return new MonitorEvent.Label(id, ts, scalar(label, "label"));
    }
    if (!isAbsent(label)) {
      throw new IllegalArgumentException("event " + id + " has both a prediction and a label");
    }
    Map<String, Object> features = new LinkedHashMap<>();
    JsonNode f = node.get("features");
    if (f == null || !f.isObject()) {
      throw new IllegalArgumentException("prediction " + id + " has no features object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      features.put(
          e.getKey(),
          v.isNull() ? null : v.isNumber() ? (Object) v.doubleValue() : (Object) v.asText());
    }
    Map<String, Double> probabilities = new LinkedHashMap<>();
    JsonNode p = node.get("probabilities");
    if (!isAbsent(p)) {
      if (!p.isObject()) {
        throw new IllegalArgumentException("prediction " + id + ": probabilities is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNumber()) {
          throw new IllegalArgumentException(
              "prediction " + id + ": probability of " + e.getKey() + " is not a number");
        }
        probabilities.put(e.getKey(), e.getValue().doubleValue());
      }
    }
    return new MonitorEvent.Prediction(
        id,
        optionalText(node.get("model")),
        optionalText(node.get("variant")),
        ts,
        features,
        scalar(prediction, "prediction"),
        probabilities);
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

  private static Object featureValue(String value) {
    if (value == null) {
      return null;
    }
    double d = Cells.parseOrNaN(value);
    return Double.isNaN(d) ? value : (Object) d;
  }

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull();
  }

  private static String requiredText(JsonNode node, String field) {
    if (isAbsent(node) || node.isContainerNode()) {
      throw new IllegalArgumentException("has no " + field);
    }
    return node.asText();
  }

  private static String optionalText(JsonNode node) {
    return isAbsent(node) ? null : node.asText();
  }

  /** A label or prediction as text: whole numbers without decimals, so that 1 and 1.0 agree. */
  private static String scalar(JsonNode node, String field) {
    if (node.isContainerNode()) {
      throw new IllegalArgumentException(field + " is not a single value");
    }
    if (node.isNumber()) {
      return spelling(node.doubleValue());
    }
    return wholeNumber(node.asText());
  }

  private static String wholeNumber(String text) {
    double d = Cells.parseOrNaN(text);
    return Double.isFinite(d) ? spelling(d) : text.strip();
  }

  private static String spelling(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static Instant time(String text) {
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
