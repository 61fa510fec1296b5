package dev.assay.core.report;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.assay.core.AssayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The regulatory crosswalk as data: rows read from a CSV file ({@code reports/crosswalk.csv} in the
 * repository, bundled in the application; a site may use its own copy). Loaded at every export, so
 * an adapted file takes effect without a new build.
 *
 * @param rows the rows in file order
 * @param origin where they were read from, for the workbook ({@code built-in} or a path)
 */
public record Crosswalk(List<CrosswalkRow> rows, String origin) {
  /** The columns a crosswalk file must have (more are ignored). */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "framework",
          "reference",
          "title",
          "obligation",
          "evidence",
          "status",
          "reviewer_must_supply",
          "source",
          "source_status");

  private static final String BUNDLED = "crosswalk.csv";

  public Crosswalk {
    rows = List.copyOf(rows);
  }

  /** The crosswalk shipped with Assay (a copy of {@code reports/crosswalk.csv}). */
  public static Crosswalk bundled() {
    InputStream in = Crosswalk.class.getResourceAsStream(BUNDLED);
    if (in == null) {
      throw new IllegalStateException("the built-in crosswalk " + BUNDLED + " is missing");
    }
    try (in) {
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "built-in crosswalk (reports/crosswalk.csv)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a crosswalk file.
   *
   * @throws AssayException naming the file, row and column for a missing file, a missing column, an
   *     unknown evidence key or status, or a duplicate id
   */
  public static Crosswalk load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AssayException(file + ": crosswalk file not found");
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new AssayException(file + ": cannot read the crosswalk: " + e.getMessage(), e);
    }
  }

  /**
   * Parses crosswalk CSV text (comma-separated, a leading byte order mark is ignored); {@code
   * origin} names it in messages.
   */
  public static Crosswalk parse(String text, String origin) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<CrosswalkRow> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(body)) {
      for (NamedCsvRecord record : csv) {
        if (rows.isEmpty()) {
          List<String> missing =
              COLUMNS.stream().filter(c -> !record.getHeader().contains(c)).toList();
          if (!missing.isEmpty()) {
            throw new AssayException(
                origin + ": the crosswalk lacks the column(s) " + String.join(", ", missing));
          }
        }
        long line = record.getStartingLineNumber();
        if (record.getFieldCount() == 1 && record.getField(0).isBlank()) {
          continue;
        }
        CrosswalkRow row = row(record, origin, line);
        if (!ids.add(row.id())) {
          throw new AssayException(origin + ", line " + line + ": duplicate id " + row.id());
        }
        rows.add(row);
      }
    } catch (CsvParseException | UncheckedIOException | IOException e) {
      throw new AssayException(origin + ": cannot read the crosswalk: " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new AssayException(origin + ": the crosswalk has no rows");
    }
    return new Crosswalk(rows, origin);
  }

  private static CrosswalkRow row(NamedCsvRecord record, String origin, long line) {
    String where = origin + ", line " + line + ": ";
    String id = field(record, "id");
    if (id.isEmpty()) {
      throw new AssayException(where + "the id is empty");
    }
    List<Evidence> evidence = new ArrayList<>();
    String keys = field(record, "evidence");
    if (!keys.isEmpty()) {
      for (String key : keys.split("[\\s,;]+")) {
        try {
          evidence.add(Evidence.of(key));
        } catch (AssayException e) {
          throw new AssayException(where + e.getMessage(), e);
        }
      }
    }
    CrosswalkRow.Status status;
    String statusText = field(record, "status");
    try {
      status = CrosswalkRow.Status.valueOf(statusText.toUpperCase(Locale.ROOT).replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      throw new AssayException(
          where
              + "unknown status '"
              + statusText
              + "' (known: "
              + String.join(
                  ", ",
                  Arrays.stream(CrosswalkRow.Status.values())
                      .map(s -> s.name().toLowerCase(Locale.ROOT))
                      .toList())
              + ")",
          e);
    }
    String sourceStatus = field(record, "source_status");
    if (sourceStatus.isEmpty()) {
      throw new AssayException(where + "source_status is empty (CONFIRMED, SECONDARY...)");
    }
    return new CrosswalkRow(
        id,
        field(record, "framework"),
        field(record, "reference"),
        field(record, "title"),
        field(record, "obligation"),
        evidence,
        status,
        field(record, "reviewer_must_supply"),
        field(record, "source"),
        sourceStatus);
  }

  private static String field(NamedCsvRecord record, String name) {
    return record.findField(name).orElse("").strip();
  }

  /** The rows that are obligations (not context notes). */
  public List<CrosswalkRow> obligations() {
    return rows.stream().filter(r -> r.status() != CrosswalkRow.Status.CONTEXT).toList();
  }

  /** The context notes. */
  public List<CrosswalkRow> context() {
    return rows.stream().filter(r -> r.status() == CrosswalkRow.Status.CONTEXT).toList();
  }
}
