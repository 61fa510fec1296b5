package dev.assay.core.monitor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;

/**
 * Reads the members of an event's {@code features} (and {@code probabilities}) object for {@link
 * JsonEventReader}, with the values a tree would give: a number as a double, null as null, anything
 * else as its text (a container as empty text). Keeps the previous event's feature names, so that
 * the next event naming the same ones in the same order fills no map.
 */
final class FeatureObjectReader {
  /** The features' names of the previous event: the next one most likely names the same. */
  private FeatureRow.Schema schema = new FeatureRow.Schema(new String[0]);

  /**
   * The features object's members (the parser past its START_OBJECT) as {@link #members} reads
   * them, into a {@link FeatureRow}: the previous event's schema when the names are the same in the
   * same order (no map is filled), else a new one (repeated names: the last value counts, at the
   * first one's place, as a map's put).
   */
  FeatureRow read(JsonParser p) throws IOException {
    FeatureRow.Schema known = schema;
    String[] names = known.names;
    int width = names.length;
    double[] numbers = new double[width];
    Object[] others = null;
    int k = 0;
    boolean same = true;
    String[] read = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (same && (k >= width || !name.equals(names[k]))) {
        same = false;
        read = java.util.Arrays.copyOf(names, Math.max(8, width * 2 + 1), String[].class);
      }
      if (!same) {
        if (k >= read.length) {
          read = java.util.Arrays.copyOf(read, read.length * 2);
        }
        read[k] = name;
        if (k >= numbers.length) {
          numbers = java.util.Arrays.copyOf(numbers, read.length);
          others = others == null ? null : java.util.Arrays.copyOf(others, read.length);
        }
      }
      if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
        numbers[k] = p.getDoubleValue();
      } else {
        if (others == null) {
          others = new Object[numbers.length];
        }
        numbers[k] = Double.NaN;
        if (v == JsonToken.VALUE_NULL) {
          others[k] = FeatureRow.NULL;
        } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
          p.skipChildren();
          others[k] = "";
        } else {
          others[k] = p.getText();
        }
      }
      k++;
    }
    if (same && k == width) {
      return new FeatureRow(known, numbers, others);
    }
    String[] got = java.util.Arrays.copyOf(same ? names : read, k);
    LinkedHashMap<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < k; i++) {
      Object o = others == null ? null : others[i];
      map.put(got[i], o == null ? (Object) numbers[i] : o == FeatureRow.NULL ? null : o);
    }
    FeatureRow row = FeatureRow.of(map);
    schema = row.schema();
    return row;
  }

  /**
   * An object's members: a number as a Double, null as null, anything else as its text (a container
   * as empty text, as the tree's {@code asText} gives).
   */
  static LinkedHashMap<String, Object> members(JsonParser p) throws IOException {
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
}
