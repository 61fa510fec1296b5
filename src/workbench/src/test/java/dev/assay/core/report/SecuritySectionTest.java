package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.security.RobustnessReport;
import dev.assay.core.security.RobustnessRequest;
import dev.assay.core.security.ScanOptions;
import dev.assay.core.security.ScanReport;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Security sheet is filled from the stored scan and robustness reports of the version. */
class SecuritySectionTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");

  @TempDir Path temp;

  @Test
  void securitySheetShowsTheNewestScanAndRobustnessTestAndTheCrosswalkCountsThem()
      throws Exception {
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "sam")) {
      ModelVersion model =
          workbench
              .models()
              .importModel(
                  new ImportRequest(
                      MODELS.resolve("hmda-deny-v2.onnx"), "hmda-deny", 2, null, List.of()),
                  Progress.NONE,
                  Cancellation.NONE)
              .model();
      DatasetVersion data =
          workbench
              .datasets()
              .importDataset(
                  MODELS.resolve("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      long run =
          workbench
              .evaluations()
              .run(
                  TestWorkbench.request(model, data, "deny", null),
                  Progress.NONE,
                  Cancellation.NONE)
              .run()
              .id();
      WorkbookSection section =
          new SecuritySection(workbench.security().reports(), dev.assay.core.Json.newMapper());
      assertThat(section.content(model, null)).isEmpty();

      ScanReport scan =
          workbench
              .security()
              .scanner()
              .scan(model, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);
      long scanId = workbench.security().reports().store(scan, model.id());
      RobustnessReport robustness =
          workbench
              .security()
              .robustness()
              .run(
                  new RobustnessRequest(model, data, "deny", null, List.of("afam"), 200, 7),
                  Progress.NONE,
                  Cancellation.NONE);
      long robustnessId = workbench.security().reports().store(robustness, model.id());

      SectionContent content = section.content(model, null).orElseThrow();
      assertThat(content.evidence()).containsExactlyInAnyOrder(Evidence.SEC, Evidence.ADV);
      assertThat(content.title())
          .isEqualTo(
              "Security of hmda-deny:2: scan " + scanId + ", robustness test " + robustnessId);
      assertThat(content.verdict()).startsWith("File scan " + scanId + ": 0 critical, 0 high");
      assertThat(section.content(model, robustnessId)).isPresent();
      assertThatThrownBy(() -> section.content(model, 999L))
          .isInstanceOf(AssayException.class)
          .hasMessage("no security report 999 of hmda-deny:2");

      Path out = temp.resolve("w.xlsx");
      workbench.reports().export(WorkbookOptions.of(run), out, Progress.NONE, Cancellation.NONE);
      try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
        XSSFSheet sheet = book.getSheet("Security");
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(content.title());
        Row perturbations = find(sheet, "Test");
        Row first = sheet.getRow(perturbations.getRowNum() + 1);
        assertThat(first.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        assertThat(first.getCell(3).getNumericCellValue())
            .isEqualTo(robustness.perturbation().getFirst().changedRate());
        assertThat(find(sheet, "Severity").getCell(5).getStringCellValue()).isEqualTo("ATLAS");
        Row attacks = find(sheet, "Attack");
        Row firstAttack = sheet.getRow(attacks.getRowNum() + 1);
        assertThat(firstAttack.getCell(0).getStringCellValue()).isEqualTo("fd_sign_gradient");
        assertThat(firstAttack.getCell(2).getNumericCellValue()).isEqualTo(0.05);
        assertThat(firstAttack.getCell(3).getNumericCellValue())
            .isEqualTo(robustness.attacks().getFirst().epsilons().getFirst().robustAccuracy());
        XSSFSheet crosswalk = book.getSheet("Regulatory crosswalk");
        assertThat(find(crosswalk, "NIST-MEASURE-2.7").getCell(5).getStringCellValue())
            .isEqualTo("evidenced");
        assertThat(find(crosswalk, "NIST-MEASURE-2.7").getCell(7).getHyperlink().getAddress())
            .startsWith("Security!A");
        assertThat(book.getSheet("Summary").getRow(0).getCell(0).getStringCellValue())
            .contains("hmda-deny:2");
      }
    }
  }

  private static Row find(XSSFSheet sheet, String first) {
    for (Row row : sheet) {
      if (row.getCell(0) != null
          && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
          && row.getCell(0).getStringCellValue().equals(first)) {
        return row;
      }
    }
    throw new AssertionError("no row " + first + " on " + sheet.getSheetName());
  }
}
