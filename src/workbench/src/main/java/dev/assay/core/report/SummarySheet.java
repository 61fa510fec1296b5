package dev.assay.core.report;

import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;

/** Sheet 1: the model card, the overall verdicts in plain words, and who prepared it when. */
final class SummarySheet {
  static final String NAME = "Summary";

  private SummarySheet() {}

  static void write(SheetWriter w, ReportInputs in, Anchors anchors, List<String> sheets) {
    ModelVersion model = in.model();
    w.title("Compliance workbook: " + model.ref());
    w.note(
        "Candidate evidence for a reviewer, not a finding of compliance and not legal advice."
            + " Values, not formulas; computed sheets are protected against accidental edits (no"
            + " password).");
    w.note(
        "The SHA-256 of this file is recorded in the workbench's audit trail when it is written"
            + " (action report.export): compare it with `assay audit export` to show the file is"
            + " unchanged.");
    w.blank();
    w.subtitle("Model");
    w.fact("Name", model.name(), CellFormat.TEXT);
    w.fact("Version", model.version(), CellFormat.INTEGER);
    int sha = w.fact("SHA-256", model.sha256(), CellFormat.TEXT);
    anchors.put(Evidence.ID, w.reference(sha, 1));
    w.fact("File size (bytes)", model.sizeBytes(), CellFormat.INTEGER);
    w.fact("Imported", model.importedAt(), CellFormat.TIMESTAMP);
    w.fact("Imported by", model.importedBy(), CellFormat.TEXT);
    w.blank();

    ModelCard card = in.card();
    int cardRow = w.nextRow();
    w.subtitle("Model card");
    String missing =
        "(not written: edit it in Models > Model card, or `assay models card "
            + model.ref()
            + " --owner ... --intended-use ... --out-of-scope ... --limitations ...`)";
    w.longFact("Owner", orMissing(card.owner(), missing));
    w.longFact("Intended use", orMissing(card.intendedUse(), missing));
    w.longFact("Out-of-scope uses", orMissing(card.outOfScope(), missing));
    w.longFact("Limitations", orMissing(card.limitations(), missing));
    if (card.updatedAt() != null) {
      w.fact("Card saved", card.updatedAt(), CellFormat.TIMESTAMP);
      w.fact("Card saved by", card.updatedBy(), CellFormat.TEXT);
    }
    if (!card.isEmpty()) {
      anchors.put(Evidence.CARD, w.reference(cardRow, 0));
    }
    w.blank();

    w.subtitle("Evaluation");
    w.fact("Run", in.run().id(), CellFormat.INTEGER);
    w.fact("Test data", in.dataset().ref(), CellFormat.TEXT);
    w.fact("Rows evaluated", in.result().rows(), CellFormat.INTEGER);
    w.fact("Target column", in.run().target(), CellFormat.TEXT);
    w.fact("Run finished", in.run().endedAt(), CellFormat.TIMESTAMP);
    w.blank();

    w.subtitle("Overall verdicts");
    w.header(List.of("Area", "Verdict", "Details"));
    verdict(w, "Performance", Verdicts.performance(in), PerformanceSheet.NAME);
    for (ReportInputs.Section s : in.sections()) {
      verdict(w, s.source().sheetName(), Verdicts.section(in, s), s.source().sheetName());
    }
    verdict(w, "Data quality", Verdicts.dataQuality(in), DataSheet.NAME);
    verdict(w, "Audit trail", Verdicts.audit(in), AuditSheet.NAME);
    verdict(w, "Sign-off", Verdicts.signOff(in), SignOffSheet.NAME);
    w.sheet().setColumnWidth(1, SheetWriter.MAX_WIDTH * 256);
    w.blank();

    w.subtitle("Prepared");
    w.fact("Prepared by", in.preparedBy() + " (" + in.preparerRole().id() + ")", CellFormat.TEXT);
    w.fact("Prepared at (UTC)", in.preparedAt(), CellFormat.TIMESTAMP);
    w.fact("Assay version", in.assayVersion(), CellFormat.TEXT);
    w.fact("Crosswalk", in.crosswalk().origin(), CellFormat.TEXT);
    w.fact("Sheets", String.join(", ", sheets), CellFormat.TEXT);
    if (!in.options().maskedColumns().isEmpty()) {
      w.fact(
          "Masked columns",
          String.join(", ", in.options().maskedColumns())
              + " (raw values replaced by "
              + WorkbookOptions.MASK
              + ")",
          CellFormat.TEXT);
    }
    w.fitColumns();
    w.sheet().setColumnWidth(1, SheetWriter.MAX_WIDTH * 256);
    w.protect();
  }

  private static void verdict(SheetWriter w, String area, String text, String sheet) {
    int index = w.row(List.of(area, text), List.of(CellFormat.TEXT));
    Row row = w.row(index);
    row.getCell(1).setCellStyle(w.styles().wrap);
    w.link(row, 2, "see " + sheet, SheetWriter.quote(sheet) + "!A1");
  }

  private static String orMissing(String text, String missing) {
    return text.isEmpty() ? missing : text;
  }
}
