package dev.assay.core.report;

import java.util.List;
import java.util.Set;

/**
 * One row of the regulatory crosswalk: an obligation (or context note) of a framework, the workbook
 * evidence that can serve it, and what the reviewer must still supply.
 *
 * @param id a stable identifier, e.g. {@code EU-15.1}
 * @param framework e.g. {@code EU AI Act (Regulation (EU) 2024/1689)}
 * @param reference the article, point, subcategory, section or control, e.g. {@code Art 15(1)}
 * @param title the official title (or the subcategory's function)
 * @param obligation what it asks, paraphrased
 * @param evidence the evidence kinds in the workbook that can serve it
 * @param status how far the evidence goes when all of it is in the workbook
 * @param reviewerMustSupply what the reviewer must still do or write
 * @param source the source tag of the fact sheet, e.g. {@code [AIA]}
 * @param sourceStatus how far the source is confirmed ({@code CONFIRMED}, {@code SECONDARY ...})
 */
public record CrosswalkRow(
    String id,
    String framework,
    String reference,
    String title,
    String obligation,
    List<Evidence> evidence,
    Status status,
    String reviewerMustSupply,
    String source,
    String sourceStatus) {

  public CrosswalkRow {
    evidence = List.copyOf(evidence);
  }

  /** What the row's evidence can reach, as written in the data. */
  public enum Status {
    /** The listed evidence serves the obligation directly. */
    EVIDENCED,
    /** The listed evidence serves part of it. */
    PARTLY,
    /** Assay produces nothing for it: the reviewer supplies it. */
    NOT_COVERED,
    /** Not an obligation: a note on dates, scope or sources, shown above the table. */
    CONTEXT
  }

  /** Whether the source is confirmed (primary text or verbatim copies of it). */
  public boolean confirmed() {
    return sourceStatus.startsWith("CONFIRMED");
  }

  /**
   * The status shown in a workbook that holds the evidence kinds {@code present}: {@code
   * evidenced}, {@code partly} or {@code needs reviewer input}. Evidence missing from the workbook
   * lowers the status: all of an evidenced row's evidence must be present; a row with none of its
   * evidence present needs reviewer input.
   */
  public String statusIn(Set<Evidence> present) {
    long found = evidence.stream().filter(present::contains).count();
    return switch (status) {
      case CONTEXT -> "context";
      case NOT_COVERED -> NEEDS_REVIEWER;
      case EVIDENCED ->
          found == evidence.size() && found > 0
              ? "evidenced"
              : found > 0 ? "partly" : NEEDS_REVIEWER;
      case PARTLY -> found > 0 ? "partly" : NEEDS_REVIEWER;
    };
  }

  /** The status words for rows the reviewer must complete. */
  public static final String NEEDS_REVIEWER = "needs reviewer input";
}
