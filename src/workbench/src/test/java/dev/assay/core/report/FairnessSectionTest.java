package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.fairness.Disparity;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fairness sheet is filled from the newest stored fairness report of the version. */
class FairnessSectionTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");

  @TempDir Path temp;

  @Test
  void fairnessSheetShowsGroupsDisparitiesAndThresholdsOfTheNewestReport() throws Exception {
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "fay")) {
      ModelVersion v2 = sample(workbench, 2);
      ModelVersion v1 = sample(workbench, 1);
      DatasetVersion data =
          workbench
              .datasets()
              .importDataset(
                  MODELS.resolve("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      long run = evaluate(workbench, v2, data);
      long otherRun = evaluate(workbench, v1, data);
      FairnessSection section = new FairnessSection(workbench.fairness().reports());
      assertThat(section.content(v2, null)).isEmpty();
      FairnessSettings settings = FairnessSettings.of(List.of("afam")).withBootstrap(200, 3);
      StoredFairnessReport report =
          workbench.fairness().report(run, settings, Progress.NONE, Cancellation.NONE);
      StoredFairnessReport other =
          workbench.fairness().report(otherRun, settings, Progress.NONE, Cancellation.NONE);

      SectionContent content = section.content(v2, null).orElseThrow();
      assertThat(content.reportId()).isEqualTo(report.id());
      assertThat(content.evidence()).containsExactly(Evidence.FAIR);
      assertThat(content.verdict())
          .startsWith("Fairness report " + report.id() + " (run " + run + ", sensitive afam): ")
          .endsWith("Indicators, not legal findings.");
      assertThatThrownBy(() -> section.content(v2, other.id()))
          .isInstanceOf(AssayException.class)
          .hasMessage("fairness report " + other.id() + " is about hmda-deny:1, not hmda-deny:2");

      Path out = temp.resolve("f.xlsx");
      workbench.reports().export(WorkbookOptions.of(run), out, Progress.NONE, Cancellation.NONE);
      try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
        XSSFSheet sheet = book.getSheet("Fairness");
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(content.title());
        Disparity impact = report.report().attribute("afam").disparity(Disparity.DISPARATE_IMPACT);
        Row row = find(sheet, impact.title());
        assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(impact.value());
        assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(impact.ciLow());
        assertThat(row.getCell(6).getStringCellValue()).isEqualTo(impact.rule());
        assertThat(row.getCell(7).getStringCellValue()).isEqualTo(impact.verdict());
        Row group = find(sheet, "0 (reference)");
        assertThat(group.getCell(1).getNumericCellValue()).isEqualTo(605.0);
        assertThat(group.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        assertThat(facts(book.getSheet("Summary"), "Fairness"))
            .startsWith("Fairness report " + report.id());
        XSSFSheet crosswalk = book.getSheet("Regulatory crosswalk");
        assertThat(find(crosswalk, "NIST-MEASURE-2.11").getCell(5).getStringCellValue())
            .isEqualTo("evidenced");
      }
    }
  }

  private static long evaluate(Workbench workbench, ModelVersion model, DatasetVersion data) {
    return workbench
        .evaluations()
        .run(TestWorkbench.request(model, data, "deny", null), Progress.NONE, Cancellation.NONE)
        .run()
        .id();
  }

  private static ModelVersion sample(Workbench workbench, int version) {
    return workbench
        .models()
        .importModel(
            new ImportRequest(
                MODELS.resolve("hmda-deny-v" + version + ".onnx"),
                "hmda-deny",
                version,
                null,
                List.of()),
            Progress.NONE,
            Cancellation.NONE)
        .model();
  }

  private static String facts(XSSFSheet sheet, String label) {
    return find(sheet, label).getCell(1).getStringCellValue();
  }

  private static Row find(XSSFSheet sheet, String first) {
    for (Row row : sheet) {
      if (row.getCell(0) != null
          && row.getCell(0).getCellType() == CellType.STRING
          && row.getCell(0).getStringCellValue().equals(first)) {
        return row;
      }
    }
    throw new AssertionError("no row " + first + " on " + sheet.getSheetName());
  }
}
