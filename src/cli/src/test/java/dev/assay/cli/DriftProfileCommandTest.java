package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay drift --model}: the stored reference profile, stored reports, the Drift sheet. */
class DriftProfileCommandTest {
  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  /** income ~ N(50 + shift, 10), age ~ U(18, 80), region in four categories. */
  private Path csv(String name, long seed, int rows, double shift) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder("income,age,region\n");
    String[] regions = {"north", "south", "east", "west"};
    for (int i = 0; i < rows; i++) {
      double u = 1 - random.nextDouble();
      double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
      s.append(i % 97 == 0 ? "" : String.format(Locale.ROOT, "%.2f", 50 + shift + 10 * g))
          .append(',')
          .append(String.format(Locale.ROOT, "%.1f", 18 + 62 * random.nextDouble()))
          .append(',')
          .append(regions[random.nextInt(4)])
          .append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, s);
    return file;
  }

  private static JsonNode withoutIds(JsonNode doc) {
    ObjectNode copy = doc.deepCopy();
    Stream.of(
            "report_id",
            "profile_id",
            "model",
            "prediction",
            "target",
            "estimated_performance",
            "outputs_note",
            "drifted_outputs")
        .forEach(copy::remove);
    return copy;
  }

  @Test
  void theProfileIsBuiltOnceReusedGivesTheSameReportAsTheDatasetsAndReportsAreStoredAndListed()
      throws Exception {
    Path ref = csv("ref.csv", 1, 12_000, 0);
    Path cur = csv("cur.csv", 2, 11_000, 3);
    String model = TestModels.sample("hmda-deny-v2.onnx").toString();
    CliRun.Outcome first =
        assay(
            "drift",
            "--model",
            model,
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--json",
            "-");
    assertThat(first.code()).as(first.err()).isZero();
    JsonNode a = first.json();
    String version = a.get("model").asText();
    assertThat(version).endsWith(":1");
    assertThat(first.err()).contains("reference profile 1 of " + version + " on ref:1 built");
    assertThat(a.get("profile_id").asLong()).isEqualTo(1);
    assertThat(a.get("report_id").asLong()).isEqualTo(1);
    assertThat(a.get("drifted_features").toString()).isEqualTo("[\"income\"]");
    assertThat(a.get("features").get(0).get("tests").get("ks").get("method").asText())
        .isEqualTo("asymp");

    CliRun.Outcome second =
        assay("drift", "--model", version, "--reference", "ref", "--current", "cur", "--json", "-");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err()).doesNotContain("built");
    JsonNode b = second.json();
    assertThat(b.get("profile_id").asLong()).isEqualTo(1);
    assertThat(b.get("report_id").asLong()).isEqualTo(2);

    CliRun.Outcome datasets =
        assay("drift", "--reference", "ref", "--current", "cur", "--json", "-", "--quiet");
    assertThat(datasets.code()).as(datasets.err()).isZero();
    JsonNode c = datasets.json();
    assertThat(c.get("model").isNull()).isTrue();
    assertThat(withoutIds(b)).isEqualTo(withoutIds(a)).isEqualTo(withoutIds(c));

    CliRun.Outcome list = assay("drift", "list");
    assertThat(list.code()).as(list.err()).isZero();
    List<String> lines = list.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith("3 ").contains("-").contains("drift").contains("income");
    assertThat(lines.get(3)).startsWith("1 ").contains(version).contains("ref:1");
    assertThat(assay("drift", "list", "--model", version).out().lines()).hasSize(3);

    CliRun.Outcome show = assay("drift", "show", "2");
    assertThat(show.code()).as(show.err()).isZero();
    assertThat(show.json()).isEqualTo(b);
    CliRun.Outcome missing = assay("drift", "show", "9");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("assay: no drift report 9");
    CliRun.Outcome notAnId = assay("drift", "show", "x1");
    assertThat(notAnId.code()).isEqualTo(2);
    assertThat(notAnId.err().strip())
        .isEqualTo("assay: ID must be a report id (1 or more), not 'x1'");

    JsonNode audit =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(assay("audit", "export", "--json").out());
    List<String> actions = new java.util.ArrayList<>();
    audit.forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions.stream().filter("drift.profile"::equals)).hasSize(1);
    assertThat(actions.stream().filter("drift.report"::equals)).hasSize(3);
    CliRun.Outcome verify = assay("audit", "verify");
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
  }

  @Test
  void aChangedProfileFileIsRefusedOnOneLineAndTheWorkbookHasADriftSheet() throws Exception {
    Path ref = csv("ref.csv", 3, 3_000, 0);
    Path cur = csv("cur.csv", 4, 3_000, 0);
    CliRun.Outcome eval =
        assay(
            "eval",
            "--model",
            TestModels.sample("hmda-deny-v2.onnx").toString(),
            "--data",
            TestModels.sample("data/hmda_test.csv").toString(),
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(eval.code()).as(eval.err()).isZero();
    String run = eval.json().get("run").get("id").asText();
    String version = eval.json().get("run").get("model").asText();
    CliRun.Outcome first =
        assay(
            "drift",
            "--model",
            version,
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--quiet");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("no drift");

    Path out = dir.resolve("book.xlsx");
    CliRun.Outcome book = assay("report", "xlsx", "--run", run, "--out", out.toString());
    assertThat(book.code()).as(book.err()).isZero();
    try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(out))) {
      XSSFSheet sheet = workbook.getSheet("Drift");
      assertThat(sheet).isNotNull();
      StringBuilder text = new StringBuilder();
      sheet.forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('|')));
      assertThat(text)
          .contains("Drift report 1")
          .contains("income")
          .contains("Kolmogorov-Smirnov")
          .contains("chi-square");
    }

    Path profiles = dir.resolve("home/store/drift-profiles");
    Path file;
    try (Stream<Path> files = Files.list(profiles)) {
      file = files.filter(p -> p.toString().endsWith(".profile")).findFirst().orElseThrow();
    }
    file.toFile().setWritable(true);
    byte[] bytes = Files.readAllBytes(file);
    bytes[40] ^= 1;
    Files.write(file, bytes);
    CliRun.Outcome changed =
        assay("drift", "--model", version, "--reference", "ref", "--current", "cur", "--quiet");
    assertThat(changed.code()).isEqualTo(1);
    assertThat(changed.err().strip())
        .startsWith("assay: the drift profile ")
        .contains("was changed outside Assay")
        .doesNotContain("Exception");
  }
}
