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
import org.apache.poi.xssf.usermodel.XSSFSheet;
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
      if (!sectionNames.equals(SHEETS.subList(2, 6))) {
        throw new IllegalStateException(
            "sections must be Comparison, Fairness, Explanations, Security");
      }
      for (String name : SHEETS) {
        book.createSheet(name);
      }
      Anchors anchors = new Anchors();
      SummarySheet.write(writer(book, styles, SummarySheet.NAME), in, anchors, sheets);
      PerformanceSheet.write(writer(book, styles, PerformanceSheet.NAME), in, anchors);
      for (ReportInputs.Section s : in.sections()) {
        SectionSheet.write(writer(book, styles, s.source().sheetName()), in, s, anchors);
      }
      DataSheet.write(writer(book, styles, DataSheet.NAME), in, anchors);
      ProvenanceSheet.write(writer(book, styles, ProvenanceSheet.NAME), in, anchors, json);
      AuditSheet.write(writer(book, styles, AuditSheet.NAME), in, anchors);
      SignOffSheet.write(writer(book, styles, SignOffSheet.NAME), in, anchors);
      CrosswalkSheet.write(writer(book, styles, CrosswalkSheet.NAME), in, anchors);
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

  private static SheetWriter writer(XSSFWorkbook book, SheetStyles styles, String name) {
    XSSFSheet sheet = book.getSheet(name);
    return new SheetWriter(sheet, styles);
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
