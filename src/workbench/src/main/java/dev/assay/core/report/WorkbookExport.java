package dev.assay.core.report;

import java.nio.file.Path;
import java.util.List;

/**
 * A written compliance workbook.
 *
 * @param file where it was written
 * @param sha256 SHA-256 of the file, as recorded in the audit trail ({@code report.export})
 * @param sheets the sheet names in order
 * @param predictionRows rows on the Predictions sheet(s), 0 when not included
 * @param seconds time taken to build and write it
 * @param notes what the reader should know (sections not available, subsampling, masking)
 */
public record WorkbookExport(
    Path file,
    String sha256,
    List<String> sheets,
    long predictionRows,
    double seconds,
    List<String> notes) {

  public WorkbookExport {
    sheets = List.copyOf(sheets);
    notes = List.copyOf(notes);
  }
}
