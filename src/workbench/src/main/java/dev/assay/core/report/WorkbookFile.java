package dev.assay.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Lays out and writes the workbook file: the eleven sheets in order (built in memory; they are
 * small), then the optional Predictions sheet(s) streamed through SXSSF, then the document
 * properties.
 */
final class WorkbookFile {
  static final List<String> SHEETS =
      List.of(
          SummarySheet.NAME,
          PerformanceSheet.NAME,
          "Comparison",
          "Fairness",
          "Explanations",
          "Security",
          "Drift",
          "Monitoring",
          DataSheet.NAME,
          ProvenanceSheet.NAME,
          CrosswalkSheet.NAME,
          AuditSheet.NAME,
          SignOffSheet.NAME);

  /** Rows SXSSF keeps in memory per streamed sheet. */
  private static final int WINDOW = 256;

  private WorkbookFile() {}

  /** What was written. */
  record Written(List<String> sheets, long predictionRows) {}

  static Written write(
      ReportInputs in,
      Path predictions,
      Path datasetFile,
      Path target,
      ObjectMapper json,
      Progress progress,
      Cancellation cancellation)
      throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      SheetStyles styles = new SheetStyles(book);
      List<String> sheets = new ArrayList<>(SHEETS);
      if (in.options().predictions()) {
        for (int i = 0; i < PredictionsSheet.sheetsFor(in.result().rows()); i++) {
          sheets.add(PredictionsSheet.name(i));
        }
      }
      List<String> sectionNames = in.sections().stream().map(s -> s.source().sheetName()).toList();
      if (!sectionNames.equals(SHEETS.subList(2, 2 + sectionNames.size()))
          || !SHEETS.get(2 + sectionNames.size()).equals(DataSheet.NAME)) {
        throw new IllegalStateException(
            "sections must be Comparison, Fairness, Explanations, Security, Drift, Monitoring");
      }
      for (String name : SHEETS) {
        book.createSheet(name);
      }
      Anchors anchors = new Anchors();
      List<SheetWriter> writers = new ArrayList<>();
      for (String name : SHEETS) {
        writers.add(new SheetWriter(book.getSheet(name), styles));
      }
      SummarySheet.write(writers.get(0), in, anchors, sheets);
      PerformanceSheet.write(writers.get(1), in, anchors);
      for (int i = 0; i < in.sections().size(); i++) {
        SectionSheet.write(writers.get(2 + i), in, in.sections().get(i), anchors);
      }
      // by name, not position: a new section moves every later sheet
      DataSheet.write(writers.get(SHEETS.indexOf(DataSheet.NAME)), in, anchors);
      ProvenanceSheet.write(writers.get(SHEETS.indexOf(ProvenanceSheet.NAME)), in, anchors, json);
      AuditSheet.write(writers.get(SHEETS.indexOf(AuditSheet.NAME)), in, anchors);
      SignOffSheet.write(writers.get(SHEETS.indexOf(SignOffSheet.NAME)), in, anchors);
      CrosswalkSheet.write(writers.get(SHEETS.indexOf(CrosswalkSheet.NAME)), in, anchors);
      PrintLayout layout = new PrintLayout(book, in);
      for (SheetWriter w : writers) {
        layout.apply(w.sheet(), w.printRange());
      }
      properties(book, in);
      book.setActiveSheet(0);
      book.setSelectedTab(0);
      cancellation.throwIfCancelled();

      SXSSFWorkbook streaming =
          new StreamingWorkbook(
              book, WINDOW, StreamingWorkbook.levelFor(in.options().predictions()));
      try {
        long rows = 0;
        List<String> written = new ArrayList<>(SHEETS);
        if (in.options().predictions()) {
          PredictionsSheet.Written p =
              PredictionsSheet.write(
                  streaming, styles, in, predictions, datasetFile, progress, cancellation);
          rows = p.rows();
          written.addAll(p.sheets());
        }
        progress.update(-1, -1, "writing the workbook file");
        try (OutputStream out = Files.newOutputStream(target)) {
          streaming.write(out);
        }
        return new Written(written, rows);
      } finally {
        streaming.dispose();
      }
    }
  }

  private static void properties(XSSFWorkbook book, ReportInputs in) {
    POIXMLProperties properties = book.getProperties();
    POIXMLProperties.CoreProperties core = properties.getCoreProperties();
    core.setTitle("Assay compliance workbook: " + in.model().ref());
    core.setCreator(in.preparedBy());
    core.setLastModifiedByUser(in.preparedBy());
    core.setSubjectProperty(
        "Candidate evidence for model "
            + in.model().ref()
            + " (SHA-256 "
            + in.model().sha256()
            + "), evaluation run "
            + in.run().id()
            + " on "
            + in.dataset().ref());
    core.setDescription(
        "Candidate evidence for a reviewer, not a finding of compliance. Made by Assay "
            + in.assayVersion()
            + ".");
    core.setKeywords("model validation; compliance; audit trail; " + in.model().name());
    core.setCategory("Model validation evidence");
    core.setCreated(Optional.of(Date.from(in.preparedAt())));
    core.setModified(Optional.of(Date.from(in.preparedAt())));
    properties.getExtendedProperties().getUnderlyingProperties().setApplication("Assay");
    POIXMLProperties.CustomProperties custom = properties.getCustomProperties();
    custom.addProperty("Assay model", in.model().ref());
    custom.addProperty("Assay model SHA-256", in.model().sha256());
    custom.addProperty("Assay run", Long.toString(in.run().id()));
    custom.addProperty("Assay dataset SHA-256", in.dataset().sha256());
    custom.addProperty("Assay version", in.assayVersion());
  }
}
