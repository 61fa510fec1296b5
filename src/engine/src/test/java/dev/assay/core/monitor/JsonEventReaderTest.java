package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader against the definition it replaces: the line read into a Jackson tree and
 * taken apart field by field (the first slice's reader, kept here as the oracle). Each line gives
 * the same event, or the same one-line refusal, from text and from bytes.
 */
class JsonEventReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> LINES =
      List.of(
          "{\"id\": \"p1\", \"ts\": \"2026-03-01T11:00:00Z\", \"features\": {\"a\": 1.5, \"b\": \"x\","
              + " \"c\": null, \"d\": 7, \"e\": true, \"f\": [1, 2], \"g\": {\"h\": 1}}, \"prediction\":"
              + " 1.0, \"probabilities\": {\"0\": 0.25, \"1\": 0.75}}",
          "{\"id\": 12, \"ts\": \"2026-03-01T11:00:00.123456789Z\", \"model\": \"m:2\", \"variant\":"
              + " \"challenger\", \"features\": {}, \"prediction\": \"yes\"}",
          "{\"id\": 1.5, \"ts\": \"2026-03-01T11:00:00+02:00\", \"features\": {\"a\": 1e3},"
              + " \"prediction\": 2.5, \"extra\": {\"deep\": [1, {\"x\": 2}]}}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00.5Z\", \"label\": \" 0 \"}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00Z\", \"label\": 1.0}",
          "{\"id\": \"r\", \"ts\": \"2026-02-30T11:00:00Z\", \"label\": 1}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T23:59:60Z\", \"label\": 1}",
          "{\"id\": \"r\", \"ts\": \"yesterday\", \"label\": 1}",
          "{\"id\": \"r\", \"ts\": 5, \"label\": 1}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\"}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"label\": 1, \"prediction\": 0,"
              + " \"features\": {}}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"prediction\": 1}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"prediction\": 1, \"features\": [1]}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"prediction\": [1], \"features\": {}}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"label\": {\"a\": 1}}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"prediction\": 1, \"features\": {},"
              + " \"probabilities\": [0.5]}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"prediction\": 1, \"features\": {},"
              + " \"probabilities\": {\"a\": \"0.5\"}}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"prediction\": 1, \"features\": {},"
              + " \"probabilities\": null, \"model\": null, \"label\": null}",
          "{\"id\": \"a\", \"id\": \"b\", \"ts\": \"2026-03-01T11:00:00Z\", \"features\": {\"x\": 1,"
              + " \"y\": 2, \"x\": 3}, \"features\": {\"z\": 4, \"x\": 5}, \"prediction\": -0}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"prediction\": 1, \"features\": {}} junk",
          "{\"id\": null, \"ts\": \"2026-03-01T11:00:00Z\", \"label\": 1}",
          "{\"id\": [], \"ts\": \"2026-03-01T11:00:00Z\", \"label\": 1}",
          "{\"id\": \"x\"",
          "[1, 2]",
          "\"text\"",
          "{\"id\": \"x\", \"ts\": \"2026-03-01T11:00:00Z\", \"label\": 1",
          "{\"id\": \"é\", \"ts\": \"2026-03-01T11:00:00Z\", \"label\": \"ü\"}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"label\": true}",
          "{\"id\": \"r\", \"ts\": \"2026-03-01T11:00:00Z\", \"prediction\": 12345678901234567890,"
              + " \"features\": {\"big\": 12345678901234567890}}");

  @Test
  void everyLineReadsAsTheTreeReadsIt() {
    EventParser parser = EventParser.jsonLines();
    for (String line : LINES) {
      String expected = outcome(() -> tree(line));
      assertThat(outcome(() -> parser.parse(line))).as(line).isEqualTo(expected);
      byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
      int length = line.getBytes(StandardCharsets.UTF_8).length;
      assertThat(outcome(() -> parser.parse(bytes, 2, length))).as(line).isEqualTo(expected);
    }
  }

  private static String outcome(java.util.function.Supplier<MonitorEvent> read) {
    try {
      MonitorEvent e = read.get();
      if (e instanceof MonitorEvent.Prediction p) {
        return p + " features=" + p.features() + " ts=" + p.ts().toEpochMilli();
      }
      return e.toString();
    } catch (IllegalArgumentException ex) {
      return "refused: " + ex.getMessage();
    }
  }

  // ---- the oracle: the tree reading of the first slice ----

  static MonitorEvent tree(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
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
        isAbsent(node.get("model")) ? null : node.get("model").asText(),
        isAbsent(node.get("variant")) ? null : node.get("variant").asText(),
        ts,
        features,
        scalar(prediction, "prediction"),
        probabilities);
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

  private static String scalar(JsonNode node, String field) {
    if (node.isContainerNode()) {
      throw new IllegalArgumentException(field + " is not a single value");
    }
    if (node.isNumber()) {
      return spelling(node.doubleValue());
    }
    String text = node.asText();
    double d = dev.assay.core.data.Cells.parseOrNaN(text);
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
