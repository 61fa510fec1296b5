package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.live.MonitorStore;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.monitor.AlertRule;
import dev.assay.core.monitor.AlertTracker;
import dev.assay.core.monitor.WindowResult;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Monitoring sheet is filled from the version's newest monitored stream and its alerts. */
class MonitorSectionTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");

  @TempDir Path temp;

  @Test
  void monitoringSheetListsTheStreamsWindowsAndAlertsAndTheCrosswalkLinksThem() throws Exception {
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
      MonitorStore store = workbench.monitors();
      WorkbookSection section = new MonitorSection(store.reads(), store.alerts());
      assertThat(section.content(model, null)).isEmpty();
      assertThat(section.howToProduce(model)).contains("assay monitor --model hmda-deny:2");

      long stream = store.open(model.id(), data.id(), "events.jsonl", "{}").id();
      AlertRule rule =
          store.alerts().add(model.id(), new AlertRule(0, "acc", "accuracy", "<", 0.7, 1));
      store.saveWindows(stream, 0, List.of(window(0, 0.9, List.of())), "{}", 10, List.of());
      store.saveWindows(
          stream,
          10,
          List.of(window(1, 0.6, List.of("pirat")).withAb(abWorse())),
          "{}",
          20,
          List.of(new AlertTracker.Fired(rule, 1, 0.6)));

      SectionContent content = section.content(model, null).orElseThrow();
      assertThat(content.evidence()).containsExactly(Evidence.MON);
      assertThat(content.title())
          .isEqualTo("Monitored stream " + stream + ": hmda-deny:2 on events.jsonl");
      assertThat(content.verdict())
          .isEqualTo(
              "Stream "
                  + stream
                  + " (hmda-deny:2 on events.jsonl): 2 windows, 1 with drifted features, 1 alert"
                  + " fired.");
      assertThat(section.content(model, stream)).isPresent();
      assertThatThrownBy(() -> section.content(model, 999L))
          .isInstanceOf(AssayException.class)
          .hasMessage("no monitored stream 999 of hmda-deny:2");

      Path out = temp.resolve("w.xlsx");
      workbench.reports().export(WorkbookOptions.of(run), out, Progress.NONE, Cancellation.NONE);
      try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
        XSSFSheet sheet = book.getSheet("Monitoring");
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(content.title());
        Row header = find(sheet, "Window");
        Row second = sheet.getRow(header.getRowNum() + 2);
        assertThat(second.getCell(0).getNumericCellValue()).isEqualTo(1);
        assertThat(second.getCell(5).getNumericCellValue()).isEqualTo(0.6);
        assertThat(second.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        assertThat(second.getCell(7).getStringCellValue()).isEqualTo("pirat");
        assertThat(second.getCell(10).getStringCellValue()).isEqualTo("acc");
        assertThat(second.getCell(11).getNumericCellValue()).isEqualTo(-0.15, within(1e-12));
        assertThat(second.getCell(13).getStringCellValue()).isEqualTo("stop: challenger worse");
        assertThat(find(sheet, "A/B test").getCell(1).getStringCellValue())
            .startsWith("stop: challenger worse after window 1 (mixture SPRT, alpha 0.05");
        Row alerts = find(sheet, "Rule");
        assertThat(sheet.getRow(alerts.getRowNum() + 1).getCell(1).getStringCellValue())
            .isEqualTo("accuracy");
        XSSFSheet crosswalk = book.getSheet("Regulatory crosswalk");
        assertThat(find(crosswalk, "EU-72").getCell(8).getStringCellValue())
            .isEqualTo("Live monitoring");
        assertThat(find(crosswalk, "EU-72").getCell(8).getHyperlink().getAddress())
            .startsWith("Monitoring!A");
      }
    }
  }

  private static dev.assay.core.monitor.AbWindow abWorse() {
    dev.assay.core.monitor.AbTest test =
        new dev.assay.core.monitor.AbTest(dev.assay.core.monitor.AbTest.Settings.DEFAULTS);
    for (int i = 0; i < 1000; i++) {
      test.prediction("champion", "1");
      test.labelled("champion", i % 10 != 0);
      test.prediction("challenger", "1");
      test.labelled("challenger", i % 4 != 0);
    }
    return test.close(1, List.of(), new dev.assay.core.monitor.LabelBook(1));
  }

  private static WindowResult window(long index, double accuracy, List<String> drifted) {
    Instant start = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(60 * index);
    return new WindowResult(
        index,
        index * 10,
        index * 10 + 9,
        start,
        start.plusSeconds(59),
        10,
        10,
        accuracy,
        0,
        0,
        0,
        10,
        0,
        List.of(),
        drifted,
        null,
        List.of());
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
