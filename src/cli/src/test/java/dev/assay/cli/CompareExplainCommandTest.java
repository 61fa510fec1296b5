package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay compare --explain} on two versions of a logistic HMDA model fitted on two bootstrap
 * resamples (compare_explain/make_boot_models.py): the share of rows whose top reason changes,
 * recounted here from the reasons of two {@code assay explain --json} runs with the same settings.
 */
class CompareExplainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 80;

  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private static String hmdaTest() {
    return TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString();
  }

  private void importModel(Path file, String name) {
    CliRun.Outcome r = assay("models", "import", file.toString(), "--name", name);
    assertThat(r.code()).as(r.err()).isZero();
  }

  private JsonNode compare(String models) throws Exception {
    CliRun.Outcome r =
        assay(
            "compare",
            "--models",
            models,
            "--data",
            hmdaTest(),
            "--target",
            "deny",
            "--positive-label",
            "1",
            "--resamples",
            "50",
            "--explain",
            "--explain-rows",
            Integer.toString(ROWS),
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out()).get("explanations");
  }

  private JsonNode explain(String model) throws Exception {
    CliRun.Outcome r =
        assay(
            "explain",
            "--model",
            model,
            "--data",
            hmdaTest(),
            "--rows",
            Integer.toString(ROWS),
            "--reasons",
            "1",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private static String topReason(JsonNode row) {
    JsonNode reasons = row.get("reasons");
    return reasons.isEmpty() ? null : reasons.get(0).get("feature").asText();
  }

  @Test
  void shareOfRowsWhoseTopReasonChangesEqualsTheRecountFromTwoExplainRuns() throws Exception {
    Path fixtures = TestModels.repoRoot().resolve("src/cli/src/test/resources/compare_explain");
    importModel(fixtures.resolve("hmda-boot-1.onnx"), "hmda-boot");
    importModel(fixtures.resolve("hmda-boot-2.onnx"), "hmda-boot");
    JsonNode made = compare("hmda-boot:1,hmda-boot:2");
    assertThat(made.get("reused").asBoolean()).isFalse();

    JsonNode a = explain("hmda-boot:1");
    JsonNode b = explain("hmda-boot:2");
    assertThat(a.get("background").get("sha256").asText())
        .isEqualTo(b.get("background").get("sha256").asText())
        .isEqualTo(made.get("background_sha256").asText());
    JsonNode rowsA = a.get("reasons").get("rows");
    JsonNode rowsB = b.get("reasons").get("rows");
    assertThat(rowsA).hasSize(ROWS);
    int changed = 0;
    for (int r = 0; r < ROWS; r++) {
      assertThat(rowsA.get(r).get("row").asInt()).isEqualTo(rowsB.get(r).get("row").asInt());
      if (!Objects.equals(topReason(rowsA.get(r)), topReason(rowsB.get(r)))) {
        changed++;
      }
    }
    assertThat(changed).as("the two versions disagree on some rows").isBetween(1, ROWS - 1);
    JsonNode top = made.get("top_reason_changed");
    assertThat(made.get("rows").asInt()).isEqualTo(ROWS);
    assertThat(top.get("rows").asInt()).isEqualTo(changed);
    assertThat(top.get("share").asDouble()).isCloseTo(changed / (double) ROWS, within(1e-12));
    assertThat(top.get("ci_low").asDouble()).isLessThan(top.get("share").asDouble());
    assertThat(top.get("ci_high").asDouble()).isGreaterThan(top.get("share").asDouble());
    assertThat(made.get("features")).hasSize(13);
    for (JsonNode f : made.get("features")) {
      String name = f.get("feature").asText();
      assertThat(f.get("importance_a").asDouble())
          .isCloseTo(a.get("global").get("mean_abs").get(name).asDouble(), within(1e-12));
      assertThat(f.get("importance_b").asDouble())
          .isCloseTo(b.get("global").get("mean_abs").get(name).asDouble(), within(1e-12));
    }
    assertThat(made.get("spearman").asDouble()).isBetween(-1.0, 1.0);
    assertThat(made.get("kendall_tau").asDouble()).isBetween(-1.0, 1.0);

    // the explanations stored since are reused: the same figures, nothing explained again
    JsonNode reused = compare("hmda-boot:1,hmda-boot:2");
    assertThat(reused.get("reused").asBoolean()).isTrue();
    assertThat(reused.get("explanation_ids").get(0).asLong())
        .isEqualTo(a.get("explanation_id").asLong());
    assertThat(reused.get("top_reason_changed")).isEqualTo(top);
    assertThat(reused.get("spearman")).isEqualTo(made.get("spearman"));
  }

  @Test
  void versionsWithDifferentFeaturesAreRefusedInOneLineBeforeAnythingRuns() {
    for (String version : List.of("2", "3")) {
      importModel(TestModels.sample("hmda-deny-v" + version + ".onnx"), "hmda-deny");
    }
    CliRun.Outcome r =
        assay(
            "compare",
            "--models",
            "hmda-deny:1,hmda-deny:2",
            "--data",
            hmdaTest(),
            "--target",
            "deny",
            "--explain",
            "--quiet");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("only in hmda-deny:1: afam").doesNotContain("Exception");
    assertThat(
            assay(
                    "compare",
                    "--models",
                    "hmda-deny:1,hmda-deny:2",
                    "--data",
                    hmdaTest(),
                    "--target",
                    "deny",
                    "--explain",
                    "--adverse",
                    "up")
                .code())
        .isEqualTo(2);
  }
}
