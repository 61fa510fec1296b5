package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Sha256;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay models card} and {@code assay report xlsx} over a real workbench. */
class ReportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            option -> new WorkbenchHome(dir.resolve("home")),
            home -> Workbench.open(home, Clock.systemUTC(), "carol"),
            home -> fail("no desktop"),
            new PrintWriter(out),
            new PrintWriter(err));
    int code = new AssayCli(context).run(args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void importSample() {
    assertThat(
            run(
                    "models",
                    "import",
                    TestModels.sample("hmda-deny-v2.onnx").toString(),
                    "--name",
                    "hmda-deny",
                    "--version",
                    "2")
                .code())
        .isZero();
  }

  @Test
  void modelCardIsSavedFieldByFieldAndShownBack() throws Exception {
    Run saved =
        run(
            "models",
            "card",
            "hmda-deny:2",
            "--owner",
            "Credit risk",
            "--intended-use",
            "Screening for manual review",
            "--out-of-scope",
            "Automatic denial",
            "--limitations",
            "1990 data");
    assertThat(saved.code()).as(saved.err()).isZero();
    assertThat(saved.out()).contains("saved the model card of hmda-deny:2");
    assertThat(run("models", "card", "hmda-deny:2", "--limitations", "Boston only").code())
        .isZero();
    JsonNode card = run("models", "card", "hmda-deny:2", "--json").json();
    assertThat(card.get("model").asText()).isEqualTo("hmda-deny:2");
    assertThat(card.get("owner").asText()).isEqualTo("Credit risk");
    assertThat(card.get("intended_use").asText()).isEqualTo("Screening for manual review");
    assertThat(card.get("out_of_scope").asText()).isEqualTo("Automatic denial");
    assertThat(card.get("limitations").asText()).isEqualTo("Boston only");
    assertThat(card.get("updated_by").asText()).isEqualTo("carol");
    Run text = run("models", "card", "hmda-deny:2");
    assertThat(text.out()).contains("owner           Credit risk");
  }

  @Test
  void modelCardOfAnUnknownVersionIsRefused() {
    Run unknown = run("models", "card", "hmda-deny:9", "--owner", "x");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("assay: no model version hmda-deny:9");
  }

  @Test
  void reportXlsxWritesTheWorkbookAndRecordsItsHash() throws Exception {
    long runId = evaluate();
    Path out = dir.resolve("run.xlsx");
    Run report =
        run(
            "report",
            "xlsx",
            "--run",
            Long.toString(runId),
            "--predictions",
            "--mask",
            "afam",
            "--out",
            out.toString(),
            "--json");
    assertThat(report.code()).as(report.err()).isZero();
    JsonNode result = report.json();
    assertThat(result.get("sha256").asText()).isEqualTo(Sha256.ofFile(out));
    assertThat(result.get("prediction_rows").asLong()).isEqualTo(714);
    // the thirteen sheets of the workbook and one Predictions sheet
    assertThat(result.get("sheets")).hasSize(14);
    assertThat(result.get("notes").toString()).contains("masked: afam");
    try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
      assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Summary");
      assertThat(book.getSheet("Predictions").getRow(1).getCell(6).getStringCellValue())
          .isEqualTo("[masked]");
    }
    JsonNode audit = JSON.readTree(run("audit", "export", "--json").out());
    JsonNode last = audit.get(audit.size() - 1);
    assertThat(last.get("action").asText()).isEqualTo("report.export");
    assertThat(last.get("details").asText()).contains("sha256=" + Sha256.ofFile(out));
    assertThat(run("audit", "verify").code()).isZero();
  }

  @Test
  void reportXlsxPrintsWhereItWroteAndWhatIsMissing() {
    long runId = evaluate();
    Run report =
        run(
            "report",
            "xlsx",
            "--run",
            Long.toString(runId),
            "--out",
            dir.resolve("r.xlsx").toString(),
            "--quiet");
    assertThat(report.code()).as(report.err()).isZero();
    assertThat(report.out())
        .contains("13 sheets")
        .contains("recorded in the audit trail as report.export")
        .contains("note: Fairness: not available (no fairness report)");
  }

  @Test
  void reportXlsxRefusesBadInputWithOneLine() {
    long runId = evaluate();
    Run noRun = run("report", "xlsx", "--run", "999", "--out", dir.resolve("a.xlsx").toString());
    assertThat(noRun.code()).isEqualTo(1);
    assertThat(noRun.err()).isEqualTo("assay: no run 999" + System.lineSeparator());
    Run badMask =
        run(
            "report",
            "xlsx",
            "--run",
            Long.toString(runId),
            "--mask",
            "race",
            "--out",
            dir.resolve("b.xlsx").toString());
    assertThat(badMask.code()).isEqualTo(1);
    assertThat(badMask.err()).contains("cannot mask 'race'");
    Run named =
        run(
            "report",
            "xlsx",
            "--run",
            Long.toString(runId),
            "--fairness",
            "4",
            "--out",
            dir.resolve("c.xlsx").toString());
    assertThat(named.code()).isEqualTo(1);
    assertThat(named.err()).contains("no fairness report 4");
    Run noOut = run("report", "xlsx", "--run", Long.toString(runId));
    assertThat(noOut.code()).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("b.xlsx"))).isFalse();
  }

  private long evaluate() {
    Run eval =
        run(
            "eval",
            "--model",
            "hmda-deny:2",
            "--data",
            TestModels.sample("data/hmda_test.csv").toString(),
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(eval.code()).as(eval.err()).isZero();
    try {
      return eval.json().get("run").get("id").asLong();
    } catch (Exception e) {
      throw new AssertionError(eval.out(), e);
    }
  }
}
