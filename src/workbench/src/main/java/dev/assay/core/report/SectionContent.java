package dev.assay.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What an optional report (comparison, fairness, security) puts on its workbook sheet: a few facts,
 * one or more tables, and a verdict in plain words for the Summary sheet. It carries no POI types,
 * so report packages can build it without knowing about the workbook's layout.
 *
 * @param title one line naming the report, e.g. {@code Comparison 3: hmda-deny:1 vs hmda-deny:2}
 * @param reportId the stored report's id
 * @param createdAt when the report was made
 * @param createdBy who made it, or null when the report does not say
 * @param verdict the overall result in plain words (shown on the Summary sheet)
 * @param facts label/value pairs shown above the tables
 * @param tables the report's tables, in order
 * @param evidence the kinds of evidence the report provides (for the crosswalk)
 */
public record SectionContent(
    String title,
    long reportId,
    Instant createdAt,
    String createdBy,
    String verdict,
    List<Fact> facts,
    List<Table> tables,
    Set<Evidence> evidence) {

  public SectionContent {
    facts = List.copyOf(facts);
    tables = List.copyOf(tables);
    evidence = Set.copyOf(evidence);
  }

  /**
   * A labelled value: a {@link Number}, {@link String}, {@link Boolean}, {@link Instant} or null.
   */
  public record Fact(String label, Object value, CellFormat format) {}

  /** A column of a {@link Table}. */
  public record Column(String header, CellFormat format) {}

  /**
   * A table; each row holds one value per column ({@link Number}, {@link String}, {@link Boolean},
   * {@link Instant} or null).
   */
  public record Table(String title, List<Column> columns, List<List<Object>> rows) {
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }
}
