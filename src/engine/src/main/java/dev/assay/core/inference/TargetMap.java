package dev.assay.core.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a dataset's target values are written in the model's classes, e.g. {@code neg -> 0}, {@code
 * pos -> 1}. Given with {@code --target-map}, chosen on the Evaluations screen, remembered per
 * model version and dataset, or read from the model's metadata {@code assay.target_map}. Never
 * guessed: an empty map leaves the values as they are.
 *
 * @param values target value as written (trimmed) to class label
 */
public record TargetMap(Map<String, String> values) {
  /** No mapping: target values are matched with the classes as written. */
  public static final TargetMap NONE = new TargetMap(Map.of());

  public TargetMap {
    values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(copy(values));
  }

  private static Map<String, String> copy(Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k.strip(), v.strip()));
    return copy;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The class label for a target value: its mapping, else the value itself. */
  public String apply(String value) {
    if (value == null || values.isEmpty()) {
      return value;
    }
    String mapped = values.get(value.strip());
    return mapped != null ? mapped : value;
  }

  /**
   * Parses {@code neg=0,pos=1}.
   *
   * @throws AssayException when an entry is not {@code VALUE=CLASS} or a value is mapped twice
   */
  public static TargetMap parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new AssayException(
            "--target-map entries are VALUE=CLASS separated by commas, e.g. neg=0,pos=1; not '"
                + entry.strip()
                + "'");
      }
      String key = entry.substring(0, eq).strip();
      if (values.put(key, entry.substring(eq + 1).strip()) != null) {
        throw new AssayException("--target-map maps the value '" + key + "' twice");
      }
    }
    return new TargetMap(values);
  }

  /**
   * Reads the model metadata entry {@code assay.target_map}, a JSON object such as {@code {"neg":
   * "0", "pos": "1"}}.
   *
   * @throws AssayException when the entry is not a JSON object of strings or numbers
   */
  public static TargetMap fromJson(ObjectMapper json, String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw new AssayException(
            "the model's metadata 'assay.target_map' is not a JSON object: " + text);
      }
      Map<String, String> values = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
      return new TargetMap(values);
    } catch (JsonProcessingException e) {
      throw new AssayException(
          "the model's metadata 'assay.target_map' is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** {@code neg=0,pos=1}, as {@code --target-map} takes it. */
  @Override
  public String toString() {
    List<String> entries = new ArrayList<>();
    values.forEach((k, v) -> entries.add(k + "=" + v));
    return String.join(",", entries);
  }

  /**
   * The obvious mapping of {@code targetValues} onto {@code classes}: two values and two classes,
   * each in sorted order; else {@link #NONE}. Offered to the user, never applied unasked.
   */
  public static TargetMap obvious(List<String> targetValues, List<String> classes) {
    if (targetValues.size() != 2 || classes.size() != 2) {
      return NONE;
    }
    List<String> sortedValues = new ArrayList<>(targetValues);
    sortedValues.sort(ClassLabels.NATURAL);
    List<String> sortedClasses = new ArrayList<>(classes);
    sortedClasses.sort(ClassLabels.NATURAL);
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < 2; i++) {
      values.put(sortedValues.get(i), sortedClasses.get(i));
    }
    return new TargetMap(values);
  }
}
