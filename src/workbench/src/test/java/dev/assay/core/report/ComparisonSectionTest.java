package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.compare.Comparison;
import dev.assay.core.compare.ComparisonRequest;
import dev.assay.core.compare.Contender;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
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

/** The Comparison sheet is filled from the newest stored comparison that includes the version. */
class ComparisonSectionTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");

  @TempDir Path temp;

  @Test
  void comparisonSheetShowsDifferencesTestsAndDisagreementOfTheNewestComparison() throws Exception {
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "cora")) {
      ModelVersion v1 = sample(workbench, 1);
      ModelVersion v2 = sample(workbench, 2);
      ModelVersion v3 = sample(workbench, 3);
      DatasetVersion data =
          workbench
              .datasets()
              .importDataset(
                  MODELS.resolve("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      ComparisonSection section = new ComparisonSection(workbench.comparisonStore());
      assertThat(section.content(v2, null)).isEmpty();
      Comparison first = compare(workbench, v1, v2, data);
      Comparison other = compare(workbench, v1, v3, data);

      SectionContent content = section.content(v2, null).orElseThrow();
      assertThat(content.reportId()).isEqualTo(first.report().id());
      assertThat(content.title())
          .isEqualTo(
              "Comparison " + first.report().id() + ": hmda-deny:1 vs hmda-deny:2 on hmda_test:1");
      assertThat(content.verdict())
          .startsWith("Comparison " + first.report().id() + " against the baseline hmda-deny:1");
      assertThat(section.content(v1, null).orElseThrow().reportId())
          .as("the newest comparison including the version")
          .isEqualTo(other.report().id());
      assertThatThrownBy(() -> section.content(v2, other.report().id()))
          .isInstanceOf(AssayException.class)
          .hasMessage("comparison " + other.report().id() + " does not include hmda-deny:2");

      long run = first.report().models().get(1).runId();
      Path out = temp.resolve("v2.xlsx");
      workbench.reports().export(WorkbookOptions.of(run), out, Progress.NONE, Cancellation.NONE);
      try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
        XSSFSheet sheet = book.getSheet("Comparison");
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(content.title());
        Row header = find(sheet, "Baseline", 2);
        Row auc = null;
        for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
          Row row = sheet.getRow(r);
          if (row != null
              && row.getCell(2) != null
              && row.getCell(2).getCellType() == CellType.STRING
              && row.getCell(2).getStringCellValue().equals("roc_auc")) {
            auc = row;
            break;
          }
        }
        assertThat(auc).isNotNull();
        var delta =
            first.report().deltas().stream()
                .filter(d -> d.metric().equals("roc_auc"))
                .findFirst()
                .orElseThrow();
        assertThat(auc.getCell(5).getNumericCellValue()).isEqualTo(delta.difference());
        assertThat(auc.getCell(8).getNumericCellValue()).isEqualTo(delta.pValue());
        assertThat(auc.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("0.0000");
        assertThat(auc.getCell(10).getStringCellValue()).isEqualTo(delta.verdict());
        XSSFSheet crosswalk = book.getSheet("Regulatory crosswalk");
        assertThat(find(crosswalk, "NIST-MEASURE-4.3", 1).getCell(5).getStringCellValue())
            .isEqualTo("evidenced");
      }
    }
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

  private static Comparison compare(
      Workbench workbench, ModelVersion a, ModelVersion b, DatasetVersion data) {
    return workbench
        .comparisons()
        .run(
            new ComparisonRequest(
                List.of(new Contender(a, null), new Contender(b, null)),
                data,
                "deny",
                null,
                0,
                1,
                1e-5,
                200,
                7,
                0),
            Progress.NONE,
            snapshot -> {},
            Cancellation.NONE);
  }

  /** The {@code nth} row whose first cell is {@code first}. */
  private static Row find(XSSFSheet sheet, String first, int nth) {
    int seen = 0;
    for (Row row : sheet) {
      if (row.getCell(0) != null
          && row.getCell(0).getCellType() == CellType.STRING
          && row.getCell(0).getStringCellValue().equals(first)
          && ++seen == nth) {
        return row;
      }
    }
    throw new AssertionError("no row " + first + " on " + sheet.getSheetName());
  }
}
