package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.review.Decision;
import dev.assay.core.review.Role;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook exported from the sample model hmda-deny v2 on its test set, reopened with POI and
 * checked sheet by sheet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceWorkbookTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

  private Path temp;
  private Workbench workbench;
  private ModelVersion model;
  private DatasetVersion data;
  private EvaluationResult result;
  private WorkbookExport export;
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
    data =
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
                "Credit Risk Analytics",
                "Ranking mortgage applications for manual review",
                "Automatic denial without human review",
                "Trained on 1990 Boston HMDA data"));
    result =
        workbench
            .evaluations()
            .run(
                TestWorkbench.request(model, data, "deny", null), Progress.NONE, Cancellation.NONE);
    workbench.reviews().grant("rita", Role.REVIEWER);
    workbench
        .reviews()
        .signOff(model, Decision.APPROVED_WITH_CONDITIONS, "manual review of denials", null, "MRO");
    Path out = temp.resolve("workbook.xlsx");
    export =
        workbench
            .reports()
            .export(
                WorkbookOptions.of(result.run().id())
                    .withPredictions(true)
                    .withMasked(List.of("afam")),
                out,
                Progress.NONE,
                Cancellation.NONE);
    book = new XSSFWorkbook(Files.newInputStream(out));
  }

  @AfterAll
  void close() throws Exception {
    book.close();
    workbench.close();
  }

  @Test
  void sheetsComeInTheIssuesOrderWithThePredictionsSheetLast() {
    List<String> names = new ArrayList<>();
    book.forEach(sheet -> names.add(sheet.getSheetName()));
    assertThat(names)
        .containsExactly(
            "Summary",
            "Performance",
            "Comparison",
            "Fairness",
            "Explanations",
            "Security",
            "Drift",
            "Monitoring",
            "Data",
            "Provenance",
            "Regulatory crosswalk",
            "Audit trail",
            "Sign-off",
            "Predictions");
    assertThat(export.sheets()).isEqualTo(names);
  }

  @Test
  void summaryHoldsTheModelCardIdentityVerdictsAndWhoPreparedIt() {
    Map<String, Cell> facts = facts(book.getSheet("Summary"));
    assertThat(facts.get("SHA-256").getStringCellValue()).isEqualTo(model.sha256());
    assertThat(facts.get("Owner").getStringCellValue()).isEqualTo("Credit Risk Analytics");
    assertThat(facts.get("Out-of-scope uses").getStringCellValue())
        .isEqualTo("Automatic denial without human review");
    assertThat(facts.get("Version").getNumericCellValue()).isEqualTo(2.0);
    assertThat(facts.get("Prepared by").getStringCellValue()).isEqualTo("rita (reviewer)");
    assertThat(facts.get("Prepared at (UTC)").getLocalDateTimeCellValue())
        .isEqualTo(NOW.atOffset(ZoneOffset.UTC).toLocalDateTime());
    assertThat(facts.get("Performance").getStringCellValue())
        .startsWith("Measured on 714 rows of hmda_test:1: ROC AUC ")
        .contains("95% CI");
    assertThat(facts.get("Fairness").getStringCellValue()).startsWith("Not assessed: no fairness");
    assertThat(facts.get("Sign-off").getStringCellValue())
        .startsWith("Current: approved with conditions by rita (MRO)");
    assertThat(facts.get("Audit trail").getStringCellValue()).startsWith("Intact");
  }

  @Test
  void performanceListsStoredMetricsWithBootstrapIntervalsAsFormattedNumbers() {
    XSSFSheet sheet = book.getSheet("Performance");
    Map<String, Cell> metrics = facts(sheet);
    Cell auc = metrics.get("roc_auc");
    Row row = auc.getRow();
    double estimate = row.getCell(1).getNumericCellValue();
    assertThat(estimate).isEqualTo(result.classification().rocAuc());
    assertThat(row.getCell(2).getNumericCellValue()).isLessThan(estimate);
    assertThat(row.getCell(3).getNumericCellValue()).isGreaterThan(estimate);
    assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.0000");
    assertThat(metrics.get("accuracy").getRow().getCell(1).getNumericCellValue())
        .isEqualTo(result.classification().accuracy());
    assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(1000);
    Row confusionFirst =
        findRow(sheet, "true \\ predicted")
            .getSheet()
            .getRow(findRow(sheet, "true \\ predicted").getRowNum() + 1);
    long[][] matrix = result.classification().confusionMatrix();
    assertThat((long) confusionFirst.getCell(1).getNumericCellValue()).isEqualTo(matrix[0][0]);
    assertThat((long) confusionFirst.getCell(2).getNumericCellValue()).isEqualTo(matrix[0][1]);
    assertThat(confusionFirst.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
    PaneInformation pane = sheet.getPaneInformation();
    assertThat(pane.isFreezePane()).isTrue();
    assertThat(pane.getHorizontalSplitTopRow())
        .isEqualTo((short) (findRow(sheet, "Metric").getRowNum() + 1));
    assertThat(sheet.getCTWorksheet().isSetAutoFilter()).isTrue();
  }

  @Test
  void performanceHasTheRocAndPrecisionRecallCharts() {
    XSSFDrawing drawing = book.getSheet("Performance").getDrawingPatriarch();
    assertThat(drawing.getCharts()).hasSize(2);
    assertThat(drawing.getCharts().get(0).getTitleText().getString()).isEqualTo("ROC curve");
    assertThat(drawing.getCharts().get(1).getTitleText().getString())
        .isEqualTo("Precision-recall curve");
  }

  @Test
  void computedSheetsAreProtectedAndTheSignOffSheetStaysEditable() {
    for (String name :
        List.of(
            "Summary",
            "Performance",
            "Comparison",
            "Data",
            "Provenance",
            "Regulatory crosswalk",
            "Audit trail",
            "Predictions")) {
      assertThat(book.getSheet(name).getProtect()).as(name).isTrue();
      assertThat(book.getSheet(name).isAutoFilterLocked()).as(name).isFalse();
    }
    assertThat(book.getSheet("Sign-off").getProtect()).isFalse();
  }

  @Test
  void documentPropertiesNameTheModelAndThePreparer() {
    var core = book.getProperties().getCoreProperties();
    assertThat(core.getTitle()).isEqualTo("Assay compliance workbook: hmda-deny:2");
    assertThat(core.getCreator()).isEqualTo("rita");
    assertThat(core.getSubject()).contains(model.sha256()).contains("hmda_test:1");
    assertThat(book.getProperties().getCustomProperties().getProperty("Assay model SHA-256"))
        .isNotNull();
  }

  @Test
  void crosswalkLinksResolveToExistingSheetsAndStatusesFollowTheEvidence() {
    XSSFSheet sheet = book.getSheet("Regulatory crosswalk");
    assertThat(sheet.getRow(1).getCell(0).getStringCellValue())
        .startsWith("Candidate evidence, not a finding of compliance");
    List<XSSFHyperlink> links = sheet.getHyperlinkList();
    assertThat(links).hasSizeGreaterThan(100);
    for (XSSFHyperlink link : links) {
      CellReference target = new CellReference(link.getAddress());
      assertThat(book.getSheet(target.getSheetName())).as(link.getAddress()).isNotNull();
    }
    Row fairness = findRow(sheet, "NIST-MEASURE-2.11");
    assertThat(fairness.getCell(5).getStringCellValue()).isEqualTo("needs reviewer input");
    assertThat(fairness.getCell(7).getHyperlink().getAddress()).isEqualTo("'Fairness'!A1");
    Row accuracy = findRow(sheet, "EU-15.1");
    assertThat(accuracy.getCell(5).getStringCellValue()).isEqualTo("partly");
    Row perf = findRow(sheet, "NIST-MEASURE-2.3");
    assertThat(perf.getCell(5).getStringCellValue()).isEqualTo("evidenced");
    String perfTarget = perf.getCell(7).getHyperlink().getAddress();
    CellReference ref = new CellReference(perfTarget);
    assertThat(
            book.getSheet(ref.getSheetName())
                .getRow(ref.getRow())
                .getCell(ref.getCol())
                .getStringCellValue())
        .isEqualTo("Metric");
    Row logs = findRow(sheet, "EU-12");
    assertThat(logs.getCell(6).getStringCellValue()).startsWith("Not covered by the tool.");
  }

  @Test
  void sectionsWithoutAReportSayHowToProduceOne() {
    assertThat(book.getSheet("Security").getRow(1).getCell(0).getStringCellValue())
        .startsWith("Not available: no security report for this model version (hmda-deny:2)");
    assertThat(export.notes()).contains("Comparison: not available (no comparison report)");
  }

  @Test
  void predictionsSheetHasEveryRowAndMasksTheSensitiveColumn() {
    XSSFSheet sheet = book.getSheet("Predictions");
    assertThat(sheet.getLastRowNum()).isEqualTo(714);
    assertThat(export.predictionRows()).isEqualTo(714);
    Row header = sheet.getRow(0);
    List<String> titles = new ArrayList<>();
    header.forEach(c -> titles.add(c.getStringCellValue()));
    assertThat(titles)
        .containsExactly("Data row", "Actual", "Predicted", "Correct", "P(0)", "P(1)", "afam");
    Row first = sheet.getRow(1);
    assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1.0);
    assertThat(first.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
    assertThat(first.getCell(4).getNumericCellValue() + first.getCell(5).getNumericCellValue())
        .isCloseTo(1.0, within(1e-5));
    for (int r = 1; r <= 714; r++) {
      assertThat(sheet.getRow(r).getCell(6).getStringCellValue()).isEqualTo("[masked]");
    }
    Row afam = findRow(book.getSheet("Data"), "afam");
    assertThat(afam.getCell(6).getStringCellValue()).isEqualTo("[masked]");
  }

  @Test
  void exportIsRecordedInTheAuditTrailWithTheFilesHash() throws Exception {
    assertThat(Sha256.ofFile(export.file())).isEqualTo(export.sha256());
    AuditLog.Entry last = workbench.auditEntries().getLast();
    assertThat(last.action()).isEqualTo("report.export");
    assertThat(last.objectRef()).isEqualTo("hmda-deny:2");
    assertThat(last.details()).contains("sha256=" + export.sha256()).contains("masked=afam");
    assertThat(workbench.verifyAudit().intact()).isTrue();
  }

  @Test
  void auditSheetListsTheActionsOnThisModelVersion() {
    XSSFSheet sheet = book.getSheet("Audit trail");
    List<String> actions = new ArrayList<>();
    for (Row row : sheet) {
      Cell cell = row.getCell(3);
      if (row.getRowNum() > 5 && cell != null) {
        actions.add(cell.getStringCellValue());
      }
    }
    assertThat(actions)
        .contains(
            "model.import",
            "model.card",
            "eval.start",
            "eval.complete",
            "signoff.approved_with_conditions")
        .doesNotContain("dataset.import", "role.grant");
  }

  @Test
  void provenanceGivesHashesVersionsAndTheCommandThatRepeatsTheRun() {
    XSSFSheet sheet = book.getSheet("Provenance");
    assertThat(findRow(sheet, "Dataset hmda_test:1").getCell(2).getStringCellValue())
        .isEqualTo(data.sha256());
    Map<String, Cell> facts = facts(sheet);
    assertThat(facts.get("ONNX Runtime").getStringCellValue())
        .isEqualTo(result.run().onnxRuntimeVersion());
    assertThat(facts.get("Provider used").getStringCellValue()).isEqualTo("cpu");
    assertThat(facts.get("Command").getStringCellValue())
        .startsWith("assay eval --model hmda-deny:2 --data hmda_test:1 --target deny");
  }

  @Test
  void refusesAnUnknownMaskedColumnAndANonXlsxName() {
    long run = result.run().id();
    assertThatThrownBy(
            () ->
                workbench
                    .reports()
                    .export(
                        WorkbookOptions.of(run).withMasked(List.of("race")),
                        temp.resolve("x.xlsx"),
                        Progress.NONE,
                        Cancellation.NONE))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("cannot mask 'race'");
    assertThatThrownBy(
            () ->
                workbench
                    .reports()
                    .export(
                        WorkbookOptions.of(run),
                        temp.resolve("x.xls"),
                        Progress.NONE,
                        Cancellation.NONE))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("must end in .xlsx");
  }

  /**
   * Opens the workbook in LibreOffice (headless) and converts it to OpenDocument, when {@code
   * soffice} is on the PATH; CI does not depend on it.
   */
  @Test
  void libreOfficeConvertsTheWorkbookWhenItIsInstalled() throws Exception {
    Path soffice = onPath("soffice");
    assumeTrue(soffice != null, "LibreOffice (soffice) is not on the PATH");
    Path outDir = Files.createDirectories(temp.resolve("lo-out"));
    Process process =
        new ProcessBuilder(
                soffice.toString(),
                "-env:UserInstallation=" + temp.resolve("lo-profile").toUri(),
                "--headless",
                "--convert-to",
                "ods",
                "--outdir",
                outDir.toString(),
                export.file().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(outDir.resolve("workbook.ods")).as(output).isNotEmptyFile();
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

  /** Column A labels mapped to the cell on their right (first occurrence). */
  private static Map<String, Cell> facts(XSSFSheet sheet) {
    Map<String, Cell> facts = new java.util.LinkedHashMap<>();
    for (Row row : sheet) {
      Cell label = row.getCell(0);
      Cell value = row.getCell(1);
      if (label != null && label.getCellType() == CellType.STRING && value != null) {
        facts.putIfAbsent(label.getStringCellValue(), value);
      }
    }
    return facts;
  }

  private static Row findRow(XSSFSheet sheet, String first) {
    DataFormatter formatter = new DataFormatter();
    for (Row row : sheet) {
      if (row.getCell(0) != null && formatter.formatCellValue(row.getCell(0)).equals(first)) {
        return row;
      }
    }
    throw new AssertionError("no row starting with " + first + " on " + sheet.getSheetName());
  }
}
