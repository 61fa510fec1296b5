package dev.assay.core.report;

import dev.assay.core.store.AuditLog;
import java.util.List;

/** Sheet 9: every recorded action on this model version, with the state of the hash chain. */
final class AuditSheet {
  static final String NAME = "Audit trail";

  private AuditSheet() {}

  static void write(SheetWriter w, ReportInputs in, Anchors anchors) {
    w.title("Audit trail of " + in.model().ref());
    if (in.audit().intact()) {
      w.subtitle("Hash chain: " + Verdicts.audit(in));
    } else {
      w.warning("Hash chain: " + Verdicts.audit(in));
    }
    w.note(
        "Imports, bindings, runs, reports, exports and sign-offs that concern this model version."
            + " Each entry stores the SHA-256 of its content chained to the previous entry of the"
            + " workbench, so an edited, deleted or reordered entry breaks the chain.");
    w.note(
        "This workbook's own export is recorded after the file is written (report.export with"
            + " its SHA-256): see it with `assay audit export`.");
    w.blank();
    int header =
        w.header(
            List.of(
                "Seq",
                "Recorded (UTC)",
                "User",
                "Action",
                "Object",
                "Details",
                "Previous hash",
                "Entry hash"));
    if (in.audit().intact()) {
      anchors.put(Evidence.AUDIT, w.reference(header, 0));
    }
    List<CellFormat> formats =
        List.of(
            CellFormat.INTEGER,
            CellFormat.TIMESTAMP,
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.TEXT);
    int last = header;
    for (AuditLog.Entry e : in.auditEntries()) {
      last =
          w.row(
              List.of(
                  e.seq(),
                  e.recordedAt(),
                  e.osUser(),
                  e.action(),
                  e.objectRef(),
                  e.details(),
                  e.previousHash(),
                  e.entryHash()),
              formats);
    }
    w.table(header, last, 8, true);
    w.fitColumns();
    w.protect();
  }
}
