package dev.assay.core.report;

import dev.assay.core.review.SignOff;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddressList;

/**
 * Sheet 10: the reviewer sign-offs recorded in Assay, and yellow rows a reviewer may fill in by
 * hand. The sheet is left unprotected.
 */
final class SignOffSheet {
  static final String NAME = "Sign-off";

  /** Rows left for a decision written by hand. */
  static final int BLANK_ROWS = 3;

  static final List<String> DECISIONS = List.of("approved", "approved with conditions", "rejected");

  private SignOffSheet() {}

  static void write(SheetWriter w, ReportInputs in, Anchors anchors) {
    w.title("Sign-off of " + in.model().ref());
    w.note(
        "Editable. Sign-offs recorded in Assay (Reports screen, or `assay signoff sign`) are in the"
            + " audit trail with the hashes they cover; a decision written here by hand is not.");
    w.note(
        "A sign-off becomes stale when the model file changes, when a newer run of the version"
            + " completes, or when the covered run's stored result changes.");
    w.blank();
    int header =
        w.header(
            List.of(
                "Reviewer",
                "Role",
                "Decision",
                "Conditions",
                "Date (UTC)",
                "Run",
                "Model SHA-256 covered",
                "Run result SHA-256 covered",
                "Still current",
                "Recorded in Assay"));
    List<CellFormat> formats =
        List.of(
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TIMESTAMP,
            CellFormat.INTEGER,
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TEXT);
    for (SignOff s : in.signOffs()) {
      w.row(
          Arrays.asList(
              s.reviewer(),
              s.role(),
              s.decision().id().replace('_', ' '),
              s.conditions(),
              s.signedAt(),
              s.runId(),
              s.modelSha256(),
              s.runResultSha256(),
              s.stale() ? "no: " + String.join("; ", s.staleReasons()) : "yes",
              "yes"),
          formats);
    }
    if (in.signOffs().stream().anyMatch(s -> !s.stale())) {
      anchors.put(Evidence.SIGN, w.reference(header, 0));
    }
    int firstBlank = w.nextRow();
    for (int i = 0; i < BLANK_ROWS; i++) {
      Row row = w.row(w.nextRow());
      for (int c = 0; c < 10; c++) {
        row.createCell(c).setCellStyle(c == 4 ? w.styles().editableTimestamp : w.styles().editable);
      }
      row.getCell(9).setCellValue("no (written by hand)");
      w.blank();
    }
    DataValidationHelper helper = w.sheet().getDataValidationHelper();
    DataValidation decision =
        helper.createValidation(
            helper.createExplicitListConstraint(DECISIONS.toArray(String[]::new)),
            new CellRangeAddressList(firstBlank, firstBlank + BLANK_ROWS - 1, 2, 2));
    decision.setShowErrorBox(true);
    w.sheet().addValidationData(decision);
    w.table(header, w.nextRow() - 1, 10, false);
    w.fitColumns();
    w.sheet().setColumnWidth(3, 40 * 256);
  }
}
