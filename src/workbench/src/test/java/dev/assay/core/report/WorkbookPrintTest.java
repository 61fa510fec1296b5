package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFPrintSetup;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The print setup of the compliance workbook of the sample model hmda-deny v2 on its 714-row test
 * set, read back with POI, and (where LibreOffice is installed) the pages of its PDF export.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbookPrintTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final String LONG_OWNER =
      "Credit Risk Analytics, model validation group; contact the second line of defence before"
          + " any use outside the documented scope, and keep this card next to the workbook";

  private Path temp;
  private Workbench workbench;
  private ModelVersion model;
  private Path withPredictions;
  private Path withoutPredictions;
  private XSSFWorkbook book;

  @BeforeAll
  void export(@TempDir Path dir) throws Exception {
    temp = dir;
    workbench =
        Workbench.open(
            new WorkbenchHome(temp.resolve("home")), Clock.fixed(NOW, ZoneOffset.UTC), "rita");
    model =
        workbench
            .models()
            .importModel(
                new ImportRequest(
                    MODELS.resolve("hmda-deny-v2.onnx"), "hmda-deny", 2, "sample", List.of()),
                Progress.NONE,
                Cancellation.NONE)
            .model();
    DatasetVersion data =
        workbench
            .datasets()
            .importDataset(
                MODELS.resolve("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
            .dataset();
    workbench
        .modelCards()
        .save(
            model,
            ModelCard.of(
                LONG_OWNER,
                "Ranking mortgage applications for manual review",
                "Automatic denial without human review",
                "Trained on 1990 Boston HMDA data"));
    EvaluationResult result =
        workbench
            .evaluations()
            .run(
                TestWorkbench.request(model, data, "deny", null), Progress.NONE, Cancellation.NONE);
    withPredictions = temp.resolve("with.xlsx");
    withoutPredictions = temp.resolve("without.xlsx");
    workbench
        .reports()
        .export(
            WorkbookOptions.of(result.run().id()).withPredictions(true),
            withPredictions,
            Progress.NONE,
            Cancellation.NONE);
    workbench
        .reports()
        .export(
            WorkbookOptions.of(result.run().id()),
            withoutPredictions,
            Progress.NONE,
            Cancellation.NONE);
    try (InputStream in = Files.newInputStream(withPredictions)) {
      book = new XSSFWorkbook(in);
    }
  }

  @AfterAll
  void close() throws Exception {
    book.close();
    workbench.close();
  }

  @Test
  void everySheetPrintsOnePageWideWithAPrintAreaAndTheModelInTheHeader() {
    // every sheet of the workbook and one Predictions sheet
    assertThat(book.getNumberOfSheets()).isEqualTo(WorkbookFile.SHEETS.size() + 1);
    for (int i = 0; i < book.getNumberOfSheets(); i++) {
      XSSFSheet sheet = book.getSheetAt(i);
      String name = sheet.getSheetName();
      XSSFPrintSetup setup = sheet.getPrintSetup();
      assertThat(sheet.getFitToPage()).as(name).isTrue();
      assertThat(setup.getFitWidth()).as(name).isEqualTo((short) 1);
      assertThat(setup.getFitHeight()).as(name + ": as many pages down as needed").isZero();
      assertThat(book.getPrintArea(i)).as(name).isNotNull();
      assertThat(sheet.getHeader().getLeft()).as(name).contains("hmda-deny:2");
      assertThat(sheet.getHeader().getRight()).as(name).contains(model.sha256());
      assertThat(sheet.getFooter().getLeft()).as(name).contains("&A");
      assertThat(sheet.getFooter().getRight()).as(name).contains("Page &P of &N");
    }
  }

  @Test
  void wideSheetsPrintLandscapeAndNarrowOnesPortrait() {
    assertThat(book.getSheet("Audit trail").getPrintSetup().getLandscape()).isTrue();
    assertThat(book.getSheet("Regulatory crosswalk").getPrintSetup().getLandscape()).isTrue();
    assertThat(book.getSheet("Performance").getPrintSetup().getLandscape()).isTrue();
    assertThat(book.getSheet("Security").getPrintSetup().getLandscape()).isFalse();
  }

  @Test
  void longTablesRepeatTheirHeaderRowOnEveryPage() {
    for (String name : List.of("Audit trail", "Predictions", "Regulatory crosswalk")) {
      XSSFSheet sheet = book.getSheet(name);
      CellRangeAddress repeated = sheet.getRepeatingRows();
      assertThat(repeated).as(name).isNotNull();
      Row header = sheet.getRow(repeated.getFirstRow());
      assertThat(header.getCell(0).getCellStyle().getFillForegroundColor())
          .as(name + ": the repeated row is the table header")
          .isEqualTo(org.apache.poi.ss.usermodel.IndexedColors.GREY_25_PERCENT.getIndex());
      assertThat(repeated.getLastRow()).isEqualTo(repeated.getFirstRow());
    }
  }

  @Test
  void theCurveDataUnderTheChartsIsOutsideThePrintArea() {
    XSSFSheet sheet = book.getSheet("Performance");
    int curveHeader = -1;
    for (Row row : sheet) {
      Cell a = row.getCell(0);
      if (a != null
          && a.getCellType() == CellType.STRING
          && a.getStringCellValue().equals("ROC: false-positive rate")) {
        curveHeader = row.getRowNum();
      }
    }
    assertThat(curveHeader).isPositive();
    assertThat(sheet.getLastRowNum())
        .as("hundreds of curve points")
        .isGreaterThan(curveHeader + 100);
    AreaReference area =
        new AreaReference(
            book.getPrintArea(book.getSheetIndex(sheet)).replaceFirst("^.*!", ""),
            org.apache.poi.ss.SpreadsheetVersion.EXCEL2007);
    assertThat(area.getLastCell().getRow()).isLessThan(curveHeader);
    int chartsEnd =
        sheet.getDrawingPatriarch().getShapes().stream()
            .mapToInt(s -> ((XSSFClientAnchor) s.getAnchor()).getRow2())
            .max()
            .orElseThrow();
    assertThat(area.getLastCell().getRow())
        .as("the charts are printed")
        .isGreaterThanOrEqualTo(chartsEnd - 1);
  }

  @Test
  void rowsWithWrappedTextAreTallEnoughForTheirLines() {
    XSSFSheet summary = book.getSheet("Summary");
    Row owner = null;
    for (Row row : summary) {
      Cell a = row.getCell(0);
      if (a != null
          && a.getCellType() == CellType.STRING
          && a.getStringCellValue().equals("Owner")) {
        owner = row;
      }
    }
    assertThat(owner).isNotNull();
    assertThat(owner.getCell(1).getCellStyle().getWrapText()).isTrue();
    int columnChars = summary.getColumnWidth(1) / 256;
    int lines = (int) Math.ceil(LONG_OWNER.length() / (double) columnChars);
    assertThat(lines).isGreaterThanOrEqualTo(3);
    assertThat(owner.getHeightInPoints()).isGreaterThanOrEqualTo(lines * 14f);
  }

  @Test
  void aNoteLongerThanThePrintedWidthWrapsAcrossThePrintedColumns() {
    XSSFSheet summary = book.getSheet("Summary");
    Row first = summary.getRow(1);
    assertThat(first.getCell(0).getStringCellValue()).startsWith("Candidate evidence");
    assertThat(first.getCell(0).getCellStyle().getWrapText()).isTrue();
    assertThat(summary.getMergedRegions())
        .anySatisfy(
            r -> {
              assertThat(r.getFirstRow()).isEqualTo(1);
              assertThat(r.getFirstColumn()).isZero();
              assertThat(r.getLastColumn()).isPositive();
            });
    assertThat(first.getHeightInPoints()).isGreaterThan(summary.getDefaultRowHeightInPoints());
  }

  /**
   * Converts both workbooks to PDF with LibreOffice and counts the pages; every page of the
   * workbook without predictions is one sheet's page (one page wide). Skipped, loudly, when
   * LibreOffice ({@code soffice}) is not installed (Debian: {@code libreoffice-calc-nogui}).
   */
  @Test
  void libreOfficePrintsTheWorkbookOnAFewReadablePages() throws Exception {
    Path soffice = onPath("soffice");
    if (soffice == null) {
      System.err.println(
          "SKIPPED: LibreOffice (soffice) is not on the PATH, so the workbook's PDF pages were not"
              + " counted; install libreoffice-calc-nogui to run this check");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        soffice != null, "LibreOffice (soffice) is not on the PATH");
    int without = pdfPages(soffice, withoutPredictions);

    int with = pdfPages(soffice, withPredictions);
    System.out.println(
        "PDF pages of the 714-row run's workbook: "
            + without
            + " without predictions, "
            + with
            + " with");
    assertThat(without).isBetween(10, 30);
    assertThat(with - without).as("714 prediction rows, a compact table").isBetween(8, 30);
  }

  private int pdfPages(Path soffice, Path workbook) throws Exception {
    Path outDir = Files.createDirectories(temp.resolve("pdf-" + workbook.getFileName()));
    Process process =
        new ProcessBuilder(
                soffice.toString(),
                "-env:UserInstallation=" + temp.resolve("lo-profile").toUri(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                outDir.toString(),
                workbook.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    String name = workbook.getFileName().toString().replaceFirst("\\.xlsx$", ".pdf");
    String pdf = new String(Files.readAllBytes(outDir.resolve(name)), StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(pdf);
    int pages = 0;
    while (m.find()) {
      pages++;
    }
    return pages;
  }

  private static Path onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
