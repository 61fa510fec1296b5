package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  /** income ~ N(50 + shift, 10), age ~ U(18, 80), region in four categories, income missing. */
  private Path csv(String name, long seed, int rows, double shift, double missingIncome)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder("income,age,region\n");
    String[] regions = {"north", "south", "east", "west"};
    for (int i = 0; i < rows; i++) {
      double u = 1 - random.nextDouble();
      double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
      String income =
          random.nextDouble() < missingIncome
              ? ""
              : String.format(Locale.ROOT, "%.2f", 50 + shift + 10 * g);
      s.append(income)
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

  @Test
  void aShiftedColumnDriftsWithTheIssuesJsonKeysAndAMissingRateRiseFailsTheGate() throws Exception {
    Path ref = csv("ref.csv", 1, 3000, 0, 0.01);
    Path cur = csv("cur.csv", 2, 2000, 5, 0.01);
    CliRun.Outcome r =
        assay(
            "drift",
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("drift").asBoolean()).isTrue();
    assertThat(doc.get("drifted_features").toString()).isEqualTo("[\"income\"]");
    assertThat(doc.get("reference").get("rows").asLong()).isEqualTo(3000);
    assertThat(doc.get("settings").get("correction").asText()).isEqualTo("holm");
    JsonNode income = doc.get("features").get(0);
    assertThat(income.get("name").asText()).isEqualTo("income");
    assertThat(income.get("kind").asText()).isEqualTo("numeric");
    assertThat(income.get("tests").get("ks").get("method").asText()).isEqualTo("exact");
    assertThat(income.get("tests").get("ks").get("statistic").asDouble()).isGreaterThan(0.15);
    assertThat(income.get("tests").get("wasserstein_normed").asDouble()).isBetween(0.3, 0.7);
    assertThat(income.get("p_adjusted").asDouble()).isLessThan(1e-6);
    assertThat(income.get("missing_rate").get("drift").asBoolean()).isFalse();
    JsonNode region = doc.get("features").get(2);
    assertThat(region.get("kind").asText()).isEqualTo("categorical");
    assertThat(region.get("tests").get("chi2").get("dof").asInt()).isEqualTo(3);
    assertThat(region.get("drift").asBoolean()).isFalse();
    assertThat(region.get("contributions")).hasSize(4);

    // a raised missing rate alone is drift; --fail-on-drift exits 1 and the table says why
    Path ref2 = csv("ref2.csv", 3, 2000, 0, 0.0);
    Path cur2 = csv("cur2.csv", 4, 2000, 0, 0.15);
    CliRun.Outcome failed =
        assay(
            "drift",
            "--reference",
            ref2.toString(),
            "--current",
            cur2.toString(),
            "--fail-on-drift",
            "--quiet");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.out())
        .contains("DRIFT missing-rate")
        .contains("DRIFT in 1 of 3 features: income");
    assertThat(failed.err()).contains("drift in income");
  }

  @Test
  void sameDistributionIsNoDriftEvenWithFailOnDriftAndAnUnknownFeatureIsRefusedByName()
      throws Exception {
    Path ref = csv("ref.csv", 5, 2000, 0, 0.02);
    Path cur = csv("cur.csv", 6, 2000, 0, 0.02);
    CliRun.Outcome r =
        assay(
            "drift",
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--features",
            "income,region",
            "--fail-on-drift",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("no drift in 2 features");

    CliRun.Outcome unknown =
        assay(
            "drift",
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--features",
            "income,salary");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err().strip()).startsWith("assay: column 'salary' is not in reference ref:");
    assertThat(unknown.err()).doesNotContain("Exception").doesNotContain("\tat ");

    CliRun.Outcome unwritable =
        assay(
            "drift",
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--json",
            dir.resolve("no/such/dir/out.json").toString(),
            "--quiet");
    assertThat(unwritable.code()).isEqualTo(1);
    assertThat(unwritable.err().strip())
        .startsWith("assay: cannot write ")
        .contains("out.json")
        .doesNotContain("Exception");
  }

  @Test
  void alphaOutsideZeroOneIsAUsageErrorOnOneLine() throws Exception {
    Path ref = csv("ref.csv", 7, 50, 0, 0);
    CliRun.Outcome r =
        assay(
            "drift", "--reference", ref.toString(), "--current", ref.toString(), "--alpha", "1.5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("assay: --alpha 1.5 is out of range: allowed 0..1");
    CliRun.Outcome zero =
        assay("drift", "--reference", ref.toString(), "--current", ref.toString(), "--alpha", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err().strip()).isEqualTo("assay: --alpha must lie in (0, 1), not 0.0");
  }
}
