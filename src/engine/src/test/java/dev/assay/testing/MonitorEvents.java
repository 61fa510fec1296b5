package dev.assay.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prediction and label events made from the HMDA test rows, for monitor tests: prediction {@code i}
 * takes row {@code i mod 714}'s features, its {@code deny} value as the prediction, event time
 * {@code T0 + i seconds}; {@code shift} is added to {@code pirat} (a planted drift).
 */
public final class MonitorEvents {
  public static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final List<String> header;
  private final List<String[]> rows = new ArrayList<>();

  public MonitorEvents() throws IOException {
    List<String> lines =
        Files.readAllLines(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    header = List.of(lines.get(0).split(","));
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(line.split(","));
      }
    }
  }

  /** Prediction {@code i} as a JSON line. */
  public String prediction(long i, double shift) {
    String[] row = rows.get((int) (i % rows.size()));
    StringBuilder s =
        new StringBuilder(
            "{\"id\": \"p"
                + i
                + "\", \"ts\": \""
                + T0.plusSeconds(i)
                + "\", \"variant\": \"champion\", \"features\": {");
    for (int c = 0; c < header.size() - 1; c++) {
      double v = Double.parseDouble(row[c]) + (header.get(c).equals("pirat") ? shift : 0);
      s.append(c == 0 ? "" : ", ").append('"').append(header.get(c)).append("\": ").append(v);
    }
    s.append("}, \"prediction\": ").append(row[header.size() - 1]).append("}");
    return s.toString();
  }

  /** Prediction {@code i} as a CSV row under {@link #csvHeader()}. */
  public String predictionCsv(long i, double shift) {
    String[] row = rows.get((int) (i % rows.size()));
    StringBuilder s =
        new StringBuilder("p" + i + "," + T0.plusSeconds(i) + "," + row[header.size() - 1] + ",");
    for (int c = 0; c < header.size() - 1; c++) {
      double v = Double.parseDouble(row[c]) + (header.get(c).equals("pirat") ? shift : 0);
      s.append(',').append(v);
    }
    return s.toString();
  }

  public String csvHeader() {
    StringBuilder s = new StringBuilder("id,ts,prediction,label");
    for (int c = 0; c < header.size() - 1; c++) {
      s.append(",features.").append(header.get(c));
    }
    return s.toString();
  }

  /** The label of prediction {@code i}: its row's deny value, flipped when {@code wrong}. */
  public String label(long i, boolean wrong) {
    String deny = rows.get((int) (i % rows.size()))[header.size() - 1];
    String value = wrong ? (deny.equals("0") ? "1" : "0") : deny;
    return String.format(
        Locale.ROOT,
        "{\"id\": \"p%d\", \"ts\": \"%s\", \"label\": %s}",
        i,
        T0.plusSeconds(i + 5),
        value);
  }

  /** Appends lines (each ended by a newline). */
  public static void append(Path file, List<String> lines) throws IOException {
    StringBuilder s = new StringBuilder();
    lines.forEach(l -> s.append(l).append('\n'));
    Files.writeString(
        file, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Predictions {@code from..to-1}, each followed by its label (every 7th wrong). */
  public List<String> block(long from, long to, double shift) {
    List<String> lines = new ArrayList<>();
    for (long i = from; i < to; i++) {
      lines.add(prediction(i, shift));
      lines.add(label(i, i % 7 == 0));
    }
    return lines;
  }
}
