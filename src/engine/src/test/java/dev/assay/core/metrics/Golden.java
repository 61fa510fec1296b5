package dev.assay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the golden files written by make_golden.py and compares numbers to them. */
final class Golden {
  /** Relative tolerance of every golden comparison. */
  static final double RELATIVE = 1e-9;

  private Golden() {}

  static JsonNode load(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + name);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode namedCase(String file, String name) {
    for (JsonNode c : load(file).get("cases")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no case " + name + " in " + file);
  }

  /** A number as make_golden.py writes it: null is NaN, "Infinity" strings are infinities. */
  static double number(JsonNode node) {
    if (node == null || node.isNull()) {
      return Double.NaN;
    }
    if (node.isTextual()) {
      return Double.parseDouble(node.asText());
    }
    return node.asDouble();
  }

  static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(array.get(i));
    }
    return out;
  }

  /** Equal within {@link #RELATIVE} of the larger magnitude; NaN matches NaN only; 0 only 0. */
  static void assertClose(String what, double expected, double actual) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      assertThat(actual).as(what).isNaN();
      assertThat(expected).as(what + " (golden)").isNaN();
      return;
    }
    if (expected == actual) {
      return;
    }
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    if (!(Math.abs(expected - actual) <= RELATIVE * scale)) {
      fail(
          "%s: expected %s but was %s (relative difference %s)",
          what, expected, actual, Math.abs(expected - actual) / scale);
    }
  }

  static void assertClose(String what, JsonNode expected, double[] actual) {
    double[] e = numbers(expected);
    assertThat(actual.length).as(what + " length").isEqualTo(e.length);
    for (int i = 0; i < e.length; i++) {
      assertClose(what + "[" + i + "]", e[i], actual[i]);
    }
  }
}
