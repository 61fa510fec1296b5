package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.report.WorkbookExport;
import dev.assay.core.report.WorkbookOptions;
import dev.assay.core.security.ScanOptions;
import dev.assay.core.security.ScanReport;
import dev.assay.core.security.SecurityReports;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay security scan models/x.onnx} of a file whose bytes are a registered version counts
 * for that version: in its list of reports, in the compliance workbook's Security sheet and in the
 * workbook's audit trail.
 */
class ScanOfRegisteredBytesTest {
  @TempDir Path dir;

  @Test
  void aScanOfAFileWithARegisteredVersionsBytesCountsForThatVersionEverywhere() throws Exception {
    Path home = dir.resolve("home");
    ModelVersion v2;
    DatasetVersion data;
    try (Workbench w = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      v2 = importModel(w, "hmda-deny-v2.onnx", 2);
      importModel(w, "hmda-deny-v1.onnx", 1);
      data =
          w.datasets()
              .importDataset(
                  TestModels.sample("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
    }
    Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), dir.resolve("x.onnx"));

    CliRun.Outcome scan = CliRun.run(home, "security", "scan", copy.toString(), "--no-isolation");

    assertThat(scan.code()).as(scan.err()).isZero();
    assertThat(scan.out())
        .contains("counts for the registered model version hmda-deny:2 (same SHA-256)");
    try (Workbench w = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      ModelVersion v1 = w.models().list().stream().filter(m -> m.version() == 1).findFirst().get();
      List<SecurityReports.StoredReport> ofV2 = w.security().reports().forModel(v2.id());
      assertThat(ofV2).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo("scan"));
      assertThat(ofV2.get(0).sha256()).isEqualTo(v2.sha256());
      assertThat(w.security().reports().forModel(v1.id())).as("other bytes").isEmpty();

      long run =
          w.evaluations()
              .run(TestWorkbench.request(v2, data, "deny", null), Progress.NONE, Cancellation.NONE)
              .run()
              .id();
      Path out = dir.resolve("wb.xlsx");
      WorkbookExport export =
          w.reports().export(WorkbookOptions.of(run), out, Progress.NONE, Cancellation.NONE);
      assertThat(export.notes()).noneMatch(n -> n.startsWith("Security"));
      try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
        DataFormatter format = new DataFormatter();
        String title = format.formatCellValue(book.getSheet("Security").getRow(0).getCell(0));
        assertThat(title).startsWith("Security of hmda-deny:2: scan " + ofV2.get(0).id());
        StringBuilder audit = new StringBuilder();
        book.getSheet("Audit trail")
            .forEach(row -> row.forEach(c -> audit.append(format.formatCellValue(c)).append('|')));
        assertThat(audit.toString())
            .contains("security.report|hmda-deny:2|kind=scan id=" + ofV2.get(0).id() + " ");
      }
    }
  }

  @Test
  void aFileScanStoredWithoutItsVersionStillCountsForTheVersionWithThoseBytes() throws Exception {
    try (Workbench w =
        Workbench.open(new WorkbenchHome(dir.resolve("home")), Clock.systemUTC(), "tester")) {
      ModelVersion v2 = importModel(w, "hmda-deny-v2.onnx", 2);
      Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), dir.resolve("y.onnx"));
      ScanReport report =
          w.security()
              .scanner()
              .scan(copy, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);
      long id = w.security().reports().store(report, null);

      assertThat(w.security().reports().forModel(v2.id()))
          .extracting(SecurityReports.StoredReport::id)
          .containsExactly(id);
    }
  }

  private static ModelVersion importModel(Workbench w, String file, int version) {
    return w.models()
        .importModel(
            new ImportRequest(TestModels.sample(file), "hmda-deny", version, null, List.of()),
            Progress.NONE,
            Cancellation.NONE)
        .model();
  }
}
