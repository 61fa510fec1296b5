package dev.assay.core.report;

import java.util.List;

/**
 * Sheets 3 to 6 (Comparison, Fairness, Explanations, Security): a stored report's facts and tables,
 * or a "not available" sheet that says how to produce one.
 */
final class SectionSheet {
  private SectionSheet() {}

  static void write(SheetWriter w, ReportInputs in, ReportInputs.Section section, Anchors anchors) {
    String name = section.source().sheetName();
    if (section.content().isEmpty()) {
      w.title(name);
      w.warning(
          "Not available: no "
              + section.source().kind()
              + " for this model version ("
              + in.model().ref()
              + ") - "
              + section.howToProduce(in.model())
              + ".");
      w.note(
          "When the model version has one, the newest is shown here unless the export names"
              + " another.");
      w.fitColumns();
      w.protect();
      return;
    }
    SectionContent c = section.content().get();
    w.title(c.title());
    w.blank();
    int first = w.fact("Report", c.reportId(), CellFormat.INTEGER);
    for (Evidence e : c.evidence()) {
      anchors.put(e, w.reference(first, 0));
    }
    w.fact("Made", c.createdAt(), CellFormat.TIMESTAMP);
    if (c.createdBy() != null) {
      w.fact("Made by", c.createdBy(), CellFormat.TEXT);
    }
    w.longFact("Verdict", c.verdict());
    for (SectionContent.Fact f : c.facts()) {
      w.fact(f.label(), f.value(), f.format());
    }
    boolean firstTable = true;
    for (SectionContent.Table t : c.tables()) {
      w.blank();
      w.subtitle(t.title());
      int header = w.header(t.columns().stream().map(SectionContent.Column::header).toList());
      List<CellFormat> formats = t.columns().stream().map(SectionContent.Column::format).toList();
      int last = header;
      for (List<Object> row : t.rows()) {
        last = w.row(row, formats);
      }
      if (firstTable) {
        w.table(header, last, t.columns().size(), true);
        firstTable = false;
      }
    }
    w.fitColumns();
    w.protect();
  }
}
