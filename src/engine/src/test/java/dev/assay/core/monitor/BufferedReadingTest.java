package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.drift.CategoricalSample;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.NumericSample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The buffered reading (one parser per buffer, features as a {@link FeatureRow}, a window's columns
 * read by position) against the line-by-line reading it replaced (each line read into a Jackson
 * tree, features as a map: {@link JsonEventReaderTest}'s oracle, evaluated through the map path):
 * on a mixed stream (late events in time windows, labels, invalid lines of every kind, features in
 * another order or missing, text and null values, blank and CRLF lines, an object spread over two
 * lines, junk after an object) both give the same windows, the same refusals line by line, for
 * buffers of several sizes (lines split across buffers as the file monitor splits them).
 */
class BufferedReadingTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final String[] NAMES = {"x", "y", "c"};

  private static MonitorReference reference() {
    SplittableRandom r = new SplittableRandom(7);
    double[] x = new double[400];
    double[] y = new double[400];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
      y[i] = Math.floor(r.nextDouble() * 5);
    }
    return new MonitorReference(
        List.of(
            NumericSample.of("x", x, x.length, 0, 0),
            NumericSample.of("y", y, y.length, 0, 0),
            new CategoricalSample("c", Map.of("a", 200L, "b", 150L, "7", 50L), 0)),
        new CategoricalSample("prediction", Map.of("0", 200L, "1", 200L), 0),
        DriftSettings.DEFAULTS);
  }

  /** A stream of predictions, labels and bad lines, with event times that go back now and then. */
  private static List<String> lines() {
    SplittableRandom r = new SplittableRandom(11);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      long seconds = i - (r.nextInt(10) == 0 ? 200 + r.nextInt(400) : 0);
      String ts = T0.plusSeconds(seconds).plusMillis(r.nextInt(3) == 0 ? 250 : 0).toString();
      double x = r.nextGaussian() + (i > 1500 ? 0.5 : 0);
      String xs =
          switch (r.nextInt(40)) {
            case 0 -> "null";
            case 1 -> "\"n/a\"";
            case 2 -> "\"" + x + "\"";
            case 3 -> "1e400";
            default -> String.format(Locale.ROOT, "%.6f", x);
          };
      String ys = r.nextInt(30) == 0 ? "2.0" : Integer.toString(r.nextInt(5));
      String cs =
          switch (r.nextInt(20)) {
            case 0 -> "null";
            case 1 -> "7";
            case 2 -> "[1]";
            default -> r.nextBoolean() ? "\"a\"" : "\"b\"";
          };
      String features =
          switch (r.nextInt(25)) {
            case 0 -> "{\"c\": " + cs + ", \"x\": " + xs + ", \"y\": " + ys + "}";
            case 1 -> "{\"x\": " + xs + ", \"y\": " + ys + "}";
            case 2 -> "{\"x\": " + xs + ", \"y\": " + ys + ", \"c\": " + cs + ", \"z\": 1}";
            case 3 -> "{\"x\": 9, \"y\": " + ys + ", \"c\": " + cs + ", \"x\": " + xs + "}";
            default -> "{\"x\": " + xs + ", \"y\": " + ys + ", \"c\": " + cs + "}";
          };
      String prediction =
          "{\"id\": \"p"
              + i
              + "\", \"model\": \"m:1\", \"ts\": \""
              + ts
              + "\", \"features\": "
              + features
              + ", \"prediction\": "
              + (r.nextBoolean() ? "1" : "0.0")
              + "}";
      switch (r.nextInt(60)) {
        case 0 -> lines.add(prediction + " junk");
        case 1 -> lines.add(prediction.substring(0, prediction.length() / 2));
        case 2 -> {
          int cut = prediction.indexOf("\"features\"");
          lines.add(prediction.substring(0, cut));
          lines.add(prediction.substring(cut));
        }
        case 3 -> lines.add("   " + prediction + "  \r");
        case 4 -> lines.add("");
        case 5 -> lines.add("[1, 2]");
        case 6 -> lines.add(prediction.replace("\"m:1\"", "\"other:1\""));
        case 7 -> lines.add(prediction.replace(ts, "yesterday"));
        case 8 -> lines.add("\t ");
        default -> lines.add(prediction);
      }
      if (i >= 5 && r.nextInt(4) != 0) {
        int j = i - 5 - r.nextInt(3);
        lines.add(
            "{\"id\": \"p"
                + j
                + "\", \"ts\": \""
                + ts
                + "\", \"label\": "
                + (r.nextBoolean() ? "1" : "\"0\"")
                + "}");
      }
    }
    return lines;
  }

  @Test
  void theBufferedReadingGivesTheWindowsAndRefusalsOfTheLineByLineReading() {
    List<String> lines = lines();
    for (String window : List.of("1m/20s", "250/100")) {
      WindowSpec spec = WindowSpec.parse(window, Duration.ofSeconds(30));
      MonitorPipeline.Settings settings = new MonitorPipeline.Settings("m:1", spec, 10_000);
      Outcome expected = lineByLine(lines, settings);
      assertThat(expected.windows).hasSizeGreaterThan(5);
      if (spec.kind() == WindowSpec.Kind.TIME) {
        assertThat(expected.windows.stream().mapToLong(WindowResult::late).sum())
            .as("late events " + spec + " " + expected.windows.size())
            .isPositive();
      }
      assertThat(expected.windows.stream().mapToLong(WindowResult::labelled).sum()).isPositive();
      assertThat(expected.refusals).hasSizeGreaterThan(50);
      for (int size : new int[] {1 << 16, 4096, 700}) {
        Outcome got = buffered(lines, settings, size);
        assertThat(got.refusals).as(window + ", buffers of " + size).isEqualTo(expected.refusals);
        assertThat(got.windows).as(window + ", buffers of " + size).isEqualTo(expected.windows);
      }
    }
  }

  private record Outcome(List<WindowResult> windows, List<String> refusals) {}

  /** The old reading: each line into a tree, the features as a map. */
  private static Outcome lineByLine(List<String> lines, MonitorPipeline.Settings settings) {
    MonitorPipeline pipeline = new MonitorPipeline(settings, reference());
    List<WindowResult> windows = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).endsWith("\r") ? lines.get(n).strip() : lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      MonitorEvent e;
      try {
        e = JsonEventReaderTest.tree(line);
      } catch (IllegalArgumentException ex) {
        refusals.add((n + 1) + ": " + ex.getMessage());
        pipeline.invalid();
        continue;
      }
      if (e instanceof MonitorEvent.Prediction p) {
        assertThat(p.features()).isNotInstanceOf(FeatureRow.class);
      }
      windows.addAll(pipeline.accept(e));
    }
    return new Outcome(windows, refusals);
  }

  /** The new reading, the stream's bytes cut into buffers as the file monitor reads them. */
  private static Outcome buffered(
      List<String> lines, MonitorPipeline.Settings settings, int bufferSize) {
    byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    EventParser parser = EventParser.jsonLines();
    MonitorPipeline pipeline = new MonitorPipeline(settings, reference());
    List<WindowResult> windows = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    ByteArrayOutputStream partial = new ByteArrayOutputStream();
    byte[] bytes = new byte[bufferSize];
    int lineNumber = 0;
    int rows = 0;
    for (int read = 0; read < all.length; ) {
      int n = Math.min(bufferSize, all.length - read);
      System.arraycopy(all, read, bytes, 0, n);
      read += n;
      int complete = n;
      while (complete > 0 && bytes[complete - 1] != '\n') {
        complete--;
      }
      parser.buffer(bytes, 0, complete);
      int from = 0;
      for (int i = 0; i < n; i++) {
        if (bytes[i] != '\n') {
          continue;
        }
        byte[] lineBytes = bytes;
        int offset = from;
        int length = i - from;
        if (partial.size() > 0) {
          partial.write(bytes, from, i - from);
          lineBytes = partial.toByteArray();
          offset = 0;
          length = lineBytes.length;
          partial.reset();
        }
        from = i + 1;
        lineNumber++;
        if (length > 0 && lineBytes[offset + length - 1] == '\r') {
          length--;
        }
        if (new String(lineBytes, offset, length, StandardCharsets.UTF_8).isBlank()) {
          continue;
        }
        MonitorEvent e;
        try {
          e = parser.parse(lineBytes, offset, length);
        } catch (IllegalArgumentException ex) {
          refusals.add(lineNumber + ": " + ex.getMessage());
          pipeline.invalid();
          continue;
        }
        if (e instanceof MonitorEvent.Prediction p && p.features() instanceof FeatureRow) {
          rows++;
        }
        windows.addAll(pipeline.accept(e));
      }
      partial.write(bytes, from, n - from);
    }
    assertThat(rows).as("predictions read as rows").isGreaterThan(2000);
    return new Outcome(windows, refusals);
  }

  /** A row is the map the line reader fills: same entries, order, printing and look-ups. */
  @Test
  void aRowIsTheMapOfTheSameValues() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1.5);
    m.put("a", null);
    m.put("c", "t");
    FeatureRow row = FeatureRow.of(m);
    assertThat(row).isEqualTo(m);
    assertThat(row.toString()).isEqualTo(m.toString());
    assertThat(List.copyOf(row.keySet())).containsExactly("b", "a", "c");
    assertThat(row.get("a")).isNull();
    assertThat(row.containsKey("a")).isTrue();
    assertThat(row.get("z")).isNull();
    assertThat(row.hashCode()).isEqualTo(m.hashCode());
    assertThat(NAMES).hasSize(3);
  }
}
