package dev.assay.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;

/**
 * Sheet 8: the regulatory crosswalk. Each obligation row links to the evidence in this workbook
 * that can serve it, with a status computed from what the workbook really holds and what the
 * reviewer must still supply. Candidate evidence, not a finding of compliance.
 */
final class CrosswalkSheet {
  static final String NAME = "Regulatory crosswalk";

  private CrosswalkSheet() {}

  static void write(SheetWriter w, ReportInputs in, Anchors anchors) {
    Crosswalk crosswalk = in.crosswalk();
    Set<Evidence> present = anchors.present();
    w.title("Regulatory crosswalk");
    w.warning(
        "Candidate evidence, not a finding of compliance. This sheet points from obligations to"
            + " what this workbook holds; the reviewer decides whether it suffices. Not legal"
            + " advice.");
    w.note(
        "Status: evidenced = the workbook holds all the evidence listed; partly = some of it, or"
            + " the evidence covers part of the obligation; needs reviewer input = the reviewer"
            + " supplies it (including everything the tool does not cover).");
    w.note(
        "Source status: CONFIRMED = read in the primary text or matching verbatim copies;"
            + " SECONDARY = reported the same way by independent secondary sources, verify before"
            + " relying on it. Obligations are paraphrased.");
    w.note(
        "Crosswalk data: "
            + crosswalk.origin()
            + " ("
            + crosswalk.rows().size()
            + " rows), loaded at export; a site can adapt it (see reports/README.md).");
    w.blank();
    if (!crosswalk.context().isEmpty()) {
      w.subtitle("Context");
      List<CellFormat> text = List.of(CellFormat.TEXT);
      w.header(List.of("Framework", "Reference", "Note", "Source", "Source status"));
      for (CrosswalkRow row : crosswalk.context()) {
        int index =
            w.row(
                List.of(
                    row.framework(),
                    row.reference(),
                    row.title() + ": " + row.obligation(),
                    row.source(),
                    row.sourceStatus()),
                text);
        w.row(index).getCell(2).setCellStyle(w.styles().wrap);
      }
      w.blank();
    }
    int links = crosswalk.obligations().stream().mapToInt(r -> r.evidence().size()).max().orElse(0);
    List<String> titles =
        new ArrayList<>(
            List.of(
                "Id",
                "Framework",
                "Reference",
                "Title",
                "Obligation (paraphrase)",
                "Status",
                "Reviewer must still supply"));
    for (int i = 1; i <= links; i++) {
      titles.add("Evidence " + i);
    }
    titles.add("Source");
    titles.add("Source status");
    int header = w.header(titles);
    int last = header;
    for (CrosswalkRow row : crosswalk.obligations()) {
      String reviewer =
          row.status() == CrosswalkRow.Status.NOT_COVERED
              ? "Not covered by the tool. " + row.reviewerMustSupply()
              : row.reviewerMustSupply();
      last =
          w.row(
              List.of(
                  row.id(),
                  row.framework(),
                  row.reference(),
                  row.title(),
                  row.obligation(),
                  row.statusIn(present),
                  reviewer),
              List.of(CellFormat.TEXT));
      Row cells = w.row(last);
      cells.getCell(4).setCellStyle(w.styles().wrap);
      cells.getCell(6).setCellStyle(w.styles().wrap);
      for (int i = 0; i < row.evidence().size(); i++) {
        evidence(w, cells, 7 + i, row.evidence().get(i), anchors);
      }
      w.value(cells, 7 + links, row.source(), CellFormat.TEXT);
      w.value(cells, 8 + links, row.sourceStatus(), CellFormat.TEXT);
    }
    w.table(header, last, titles.size(), true);
    w.fitColumns();
    w.sheet().setColumnWidth(4, SheetWriter.MAX_WIDTH * 256);
    w.sheet().setColumnWidth(6, SheetWriter.MAX_WIDTH * 256);
    w.protect();
  }

  private static void evidence(SheetWriter w, Row row, int column, Evidence e, Anchors anchors) {
    var target = anchors.target(e);
    if (target.isPresent()) {
      w.link(row, column, e.label(), target.get());
    } else if (e.sheet() != null) {
      w.link(
          row, column, e.label() + " (not in this workbook)", SheetWriter.quote(e.sheet()) + "!A1");
    } else {
      w.value(row, column, e.label(), CellFormat.TEXT);
    }
  }
}
