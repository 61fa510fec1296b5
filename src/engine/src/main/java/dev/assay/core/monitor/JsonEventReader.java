package dev.assay.core.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one JSON-lines event with Jackson's streaming parser (no tree), with the meaning {@link
 * EventParser} documents and the same outcome, value by value and error by error, as reading the
 * line into a tree would give: the last of repeated keys counts, a number used as text is written
 * as Jackson's tree writes it ({@code 7}, {@code 1.5}), a container used as text is empty text, and
 * what follows the first value on the line is ignored.
 */
final class JsonEventReader {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** A field's value as the tree would hold it, reduced to what the event needs. */
  private static final class Field {
    final JsonToken token;
    final String text;
    final double number;

    Field(JsonToken token, String text, double number) {
      this.token = token;
      this.text = text;
      this.number = number;
    }

    boolean absent() {
      return token == JsonToken.VALUE_NULL;
    }

    boolean container() {
      return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
    }

    boolean isNumber() {
      return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }
  }

  private JsonEventReader() {}

  static MonitorEvent read(byte[] bytes, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      return read(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
  }

  static MonitorEvent read(String line) {
    try (JsonParser p = FACTORY.createParser(line)) {
      return read(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
  }

  private static MonitorEvent read(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Field id = null;
    Field ts = null;
    Field model = null;
    Field variant = null;
    Field prediction = null;
    Field label = null;
    Field featuresField = null;
    Field probabilitiesField = null;
    LinkedHashMap<String, Object> features = null;
    LinkedHashMap<String, Object> probabilities = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "features" -> {
          featuresField = scalar(p, v);
          features = v == JsonToken.START_OBJECT ? members(p) : null;
        }
        case "probabilities" -> {
          probabilitiesField = scalar(p, v);
          probabilities = v == JsonToken.START_OBJECT ? members(p) : null;
        }
        case "id" -> id = scalar(p, v);
        case "ts" -> ts = scalar(p, v);
        case "model" -> model = scalar(p, v);
        case "variant" -> variant = scalar(p, v);
        case "prediction" -> prediction = scalar(p, v);
        case "label" -> label = scalar(p, v);
        default -> {
          // not an event field
        }
      }
      // a container not read above (members() ends on its END_OBJECT, where this does nothing)
      p.skipChildren();
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String idText = requiredText(id, "id");
    java.time.Instant time = EventParser.time(requiredText(ts, "ts"));
    if (isAbsent(prediction)) {
      if (isAbsent(label)) {
        throw new IllegalArgumentException("event " + idText + " has neither prediction nor label");
      }
      return new MonitorEvent.Label(idText, time, scalar(label, "label"));
    }
    if (!isAbsent(label)) {
      throw new IllegalArgumentException("event " + idText + " has both a prediction and a label");
    }
    if (featuresField == null || features == null) {
      throw new IllegalArgumentException("prediction " + idText + " has no features object");
    }
    Map<String, Double> probs = new LinkedHashMap<>();
    if (!isAbsent(probabilitiesField)) {
      if (probabilities == null) {
        throw new IllegalArgumentException(
            "prediction " + idText + ": probabilities is not an object");
      }
      for (Map.Entry<String, Object> e : probabilities.entrySet()) {
        if (!(e.getValue() instanceof Double d)) {
          throw new IllegalArgumentException(
              "prediction " + idText + ": probability of " + e.getKey() + " is not a number");
        }
        probs.put(e.getKey(), d);
      }
    }
    return new MonitorEvent.Prediction(
        idText,
        optionalText(model),
        optionalText(variant),
        time,
        new ReadFeatures(features),
        scalar(prediction, "prediction"),
        probs);
  }

  /**
   * An object's members: a number as a Double, null as null, anything else as its text (a container
   * as empty text, as the tree's {@code asText} gives).
   */
  private static LinkedHashMap<String, Object> members(JsonParser p) throws IOException {
    LinkedHashMap<String, Object> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      Object value;
      if (v == JsonToken.VALUE_NULL) {
        value = null;
      } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
        value = p.getDoubleValue();
      } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
        p.skipChildren();
        value = "";
      } else {
        value = p.getText();
      }
      map.put(name, value);
    }
    return map;
  }

  /** The value at the parser's current token (its children, if any, not read). */
  private static Field scalar(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_NUMBER_INT -> new Field(v, p.getNumberValue().toString(), p.getDoubleValue());
      case VALUE_NUMBER_FLOAT -> {
        double d = p.getDoubleValue();
        yield new Field(v, Double.toString(d), d);
      }
      case START_OBJECT, START_ARRAY -> new Field(v, "", Double.NaN);
      default -> new Field(v, v == JsonToken.VALUE_NULL ? "null" : p.getText(), Double.NaN);
    };
  }

  private static boolean isAbsent(Field f) {
    return f == null || f.absent();
  }

  private static String requiredText(Field f, String field) {
    if (isAbsent(f) || f.container()) {
      throw new IllegalArgumentException("has no " + field);
    }
    return f.text;
  }

  private static String optionalText(Field f) {
    return isAbsent(f) ? null : f.text;
  }

  private static String scalar(Field f, String field) {
    if (f.container()) {
      throw new IllegalArgumentException(field + " is not a single value");
    }
    if (f.isNumber()) {
      return EventParser.spelling(f.number);
    }
    return EventParser.wholeNumber(f.text);
  }
}
