package dev.assay.core.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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
  /**
   * Jackson's fast double parser gives the correctly rounded double, as {@link Double#parseDouble}
   * does, in fewer steps.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

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

  /** Reads features objects, keeping the previous event's names. */
  private final FeatureObjectReader featureReader = new FeatureObjectReader();

  /** The buffer whose lines {@link #shared} reads, and the end of its complete lines. */
  private byte[] buffer;

  private int bufferEnd;

  /** One parser over the buffer's lines from {@link #sharedStart} on, or null. */
  private JsonParser shared;

  private int sharedStart;

  /** Where {@link #shared} stands in the buffer: after the last object it read. */
  private int sharedAt;

  /**
   * Lets {@link #read(byte[], int, int)} read the lines of {@code bytes[from, to)} (complete lines,
   * each ended by a newline) with one parser for the buffer instead of one per line.
   */
  void buffer(byte[] bytes, int from, int to) {
    closeShared();
    buffer = bytes;
    bufferEnd = to;
    sharedAt = from;
  }

  private void closeShared() {
    if (shared != null) {
      try {
        shared.close();
      } catch (IOException e) {
        // a parser over a byte array holds nothing to release
      }
      shared = null;
    }
  }

  MonitorEvent read(byte[] bytes, int offset, int length) {
    if (bytes == buffer && offset >= sharedAt && offset + length < bufferEnd) {
      MonitorEvent[] out = new MonitorEvent[1];
      if (readShared(bytes, offset, length, out)) {
        return out[0];
      }
    }
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      return read(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
  }

  MonitorEvent read(String line) {
    try (JsonParser p = FACTORY.createParser(line)) {
      return read(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
  }

  /**
   * Reads the line {@code bytes[offset, offset + length)} with the buffer's parser when it is a
   * JSON object that starts and ends within the line with only white space after it (the line
   * reader would give the same event or refusal); else returns false, and the line is read on its
   * own (the buffer's parser starts again at a later line).
   */
  private boolean readShared(byte[] bytes, int offset, int length, MonitorEvent[] out) {
    int end = offset + length;
    int start = offset;
    while (start < end && whiteSpace(bytes[start])) {
      start++;
    }
    if (start == end || bytes[start] != '{') {
      return false;
    }
    for (int i = sharedAt; i < start; i++) {
      if (!whiteSpace(bytes[i])) {
        closeShared();
      }
    }
    Raw raw;
    try {
      if (shared == null) {
        shared = FACTORY.createParser(bytes, start, bufferEnd - start);
        sharedStart = start;
      }
      if (shared.nextToken() != JsonToken.START_OBJECT
          || sharedStart + shared.currentTokenLocation().getByteOffset() != start) {
        throw new IOException("out of step");
      }
      raw = fields(shared);
      long after = sharedStart + shared.currentLocation().getByteOffset();
      if (after > end) {
        throw new IOException("the object goes on past the line");
      }
      for (int i = (int) after; i < end; i++) {
        if (!whiteSpace(bytes[i])) {
          throw new IOException("more on the line");
        }
      }
      sharedAt = (int) after;
    } catch (IOException | RuntimeException e) {
      closeShared();
      sharedAt = end;
      return false;
    }
    out[0] = event(raw);
    return true;
  }

  /** JSON's white space (what the parser skips between values). */
  private static boolean whiteSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** An object's fields as read, before the event's rules are checked. */
  private static final class Raw {
    Field id;
    Field ts;
    Field model;
    Field variant;
    Field prediction;
    Field label;
    Field featuresField;
    Field probabilitiesField;
    FeatureRow features;
    LinkedHashMap<String, Object> probabilities;
  }

  private MonitorEvent read(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return event(fields(p));
  }

  /** The fields of the object whose START_OBJECT the parser stands on, up to its END_OBJECT. */
  private Raw fields(JsonParser p) throws IOException {
    Raw r = new Raw();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "features" -> {
          r.featuresField = scalar(p, v);
          r.features = v == JsonToken.START_OBJECT ? featureReader.read(p) : null;
        }
        case "probabilities" -> {
          r.probabilitiesField = scalar(p, v);
          r.probabilities = v == JsonToken.START_OBJECT ? FeatureObjectReader.members(p) : null;
        }
        case "id" -> r.id = scalar(p, v);
        case "ts" -> r.ts = scalar(p, v);
        case "model" -> r.model = scalar(p, v);
        case "variant" -> r.variant = scalar(p, v);
        case "prediction" -> r.prediction = scalar(p, v);
        case "label" -> r.label = scalar(p, v);
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
    return r;
  }

  private static MonitorEvent event(Raw r) {
    String idText = requiredText(r.id, "id");
    java.time.Instant time = EventParser.time(requiredText(r.ts, "ts"));
    if (isAbsent(r.prediction)) {
      if (isAbsent(r.label)) {
        throw new IllegalArgumentException("event " + idText + " has neither prediction nor label");
      }
      return new MonitorEvent.Label(idText, time, scalar(r.label, "label"));
    }
    if (!isAbsent(r.label)) {
      throw new IllegalArgumentException("event " + idText + " has both a prediction and a label");
    }
    if (r.featuresField == null || r.features == null) {
      throw new IllegalArgumentException("prediction " + idText + " has no features object");
    }
    Map<String, Double> probs = Map.of();
    if (!isAbsent(r.probabilitiesField)) {
      if (r.probabilities == null) {
        throw new IllegalArgumentException(
            "prediction " + idText + ": probabilities is not an object");
      }
      probs = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : r.probabilities.entrySet()) {
        if (!(e.getValue() instanceof Double d)) {
          throw new IllegalArgumentException(
              "prediction " + idText + ": probability of " + e.getKey() + " is not a number");
        }
        probs.put(e.getKey(), d);
      }
    }
    return new MonitorEvent.Prediction(
        idText,
        optionalText(r.model),
        optionalText(r.variant),
        time,
        r.features,
        scalar(r.prediction, "prediction"),
        probs);
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
