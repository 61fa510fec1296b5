package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FairnessCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private static String model(String file) {
    return TestModels.sample(file).toString();
  }

  private static String hmda() {
    return TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString();
  }

  @Test
  void fairnessAfterEvaluatingWritesGroupsAndDisparitiesKeyedByColumnAndValue() throws Exception {
    CliRun.Outcome r =
        assay(
            "fairness",
            "--model",
            model("hmda-deny-v2.onnx"),
            "--data",
            hmda(),
            "--target",
            "deny",
            "--sensitive",
            "afam",
            "--favorable",
            "0",
            "--json",
            "-",
            "--quiet");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("positive_label").asText()).isEqualTo("1");
    assertThat(doc.get("favorable_label").asText()).isEqualTo("0");
    assertThat(doc.get("rows").asLong()).isEqualTo(714);
    JsonNode groups = doc.get("groups").get("afam");
    assertThat(groups.properties()).extracting(e -> e.getKey()).containsExactly("0", "1");
    JsonNode one = groups.get("1");
    for (String key :
        List.of(
            "n",
            "share",
            "base_rate",
            "selection_rate",
            "favorable_rate",
            "accuracy",
            "tpr",
            "fpr",
            "fnr",
            "tnr",
            "precision",
            "npv",
            "fdr",
            "for",
            "f1",
            "roc_auc",
            "ci",
            "counts")) {
      assertThat(one.has(key)).as(key).isTrue();
    }
    assertThat(one.get("n").asLong()).isEqualTo(109);
    assertThat(one.get("selection_rate").asDouble()).isCloseTo(17.0 / 109, within(1e-12));
    assertThat(one.get("ci").get("selection_rate")).hasSize(2);
    JsonNode disparities = doc.get("disparities").get("afam");
    for (String key :
        List.of(
            "demographic_parity_difference",
            "demographic_parity_ratio",
            "disparate_impact",
            "equal_opportunity_difference",
            "equalized_odds_difference",
            "average_odds_difference",
            "predictive_parity_difference",
            "theil_index")) {
      JsonNode d = disparities.get(key);
      assertThat(d).as(key).isNotNull();
      for (String field :
          List.of("value", "ci_low", "ci_high", "p_value", "threshold", "verdict")) {
        assertThat(d.has(field)).as(key + "." + field).isTrue();
      }
      assertThat(d.get("explanation").asText()).isNotBlank();
    }
    JsonNode dpd = disparities.get("demographic_parity_difference");
    assertThat(dpd.get("verdict").asText()).isEqualTo("unfair");
    assertThat(dpd.get("threshold").asDouble()).isEqualTo(0.1);
    assertThat(dpd.get("p_value").asDouble()).isLessThan(0.001);
    assertThat(disparities.get("disparate_impact").get("threshold").asDouble()).isEqualTo(0.8);
    assertThat(disparities.get("theil_index").get("p_value").isNull()).isTrue();
    assertThat(doc.get("verdict").asText()).isEqualTo("unfair");
    JsonNode thresholds = doc.get("threshold_analysis").get("afam");
    assertThat(thresholds.get("thresholds")).hasSize(99);
    assertThat(thresholds.get("groups").get("1").get("selection_rate")).hasSize(99);
    assertThat(thresholds.get("policies")).hasSize(2);
  }

  @Test
  void fairnessOfAStoredRunNeedsNoModelAndPrintsASummary() throws Exception {
    CliRun.Outcome eval =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v1.onnx"),
            "--data",
            hmda(),
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    long run = eval.json().get("run").get("id").asLong();

    CliRun.Outcome r =
        assay("fairness", "--run", Long.toString(run), "--sensitive", "afam", "--favorable", "0");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("on run " + run + ": hmda-deny-v1:1 on hmda_test:1, 714 rows")
        .contains("afam (reference group '0', largest)")
        .contains("demographic_parity_difference")
        .contains("FAIR");
  }

  @Test
  void severalModelsGiveOneReportEachAndAComparison() throws Exception {
    Path out = dir.resolve("cmp.json");
    CliRun.Outcome r =
        assay(
            "fairness",
            "--model",
            model("hmda-deny-v2.onnx"),
            "--model",
            model("hmda-deny-v3.onnx"),
            "--data",
            hmda(),
            "--target",
            "deny",
            "--sensitive",
            "afam",
            "--favorable",
            "0",
            "--resamples",
            "200",
            "--json",
            out.toString(),
            "--quiet");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(Files.readString(out));
    assertThat(doc.get("reports")).hasSize(2);
    assertThat(doc.get("comparison").get("versions")).hasSize(2);
    assertThat(doc.get("comparison").get("notes").toString()).contains("unfair in every version");
    assertThat(r.out()).contains("comparison across versions");
  }

  @Test
  void anUnfairVerdictFailsThePipelineOnlyWhenAsked() {
    CliRun.Outcome r =
        assay(
            "fairness",
            "--model",
            model("hmda-deny-v2.onnx"),
            "--data",
            hmda(),
            "--target",
            "deny",
            "--sensitive",
            "afam",
            "--favorable",
            "0",
            "--resamples",
            "100",
            "--quiet",
            "--fail-on-unfair");
    assertThat(r.code()).isEqualTo(FairnessCommand.EXIT_UNFAIR);
    assertThat(r.err()).contains("a disparity is unfair");

    CliRun.Outcome lenient =
        assay(
            "fairness",
            "--run",
            "1",
            "--sensitive",
            "afam",
            "--favorable",
            "0",
            "--resamples",
            "100",
            "--threshold",
            "demographic_parity_difference=0.2",
            "--threshold",
            "demographic_parity_ratio=0.1",
            "--threshold",
            "equal_opportunity_difference=0.2",
            "--threshold",
            "equalized_odds_difference=0.2",
            "--threshold",
            "predictive_parity_difference=0.2",
            "--fail-on-unfair");
    assertThat(lenient.code()).as(lenient.err() + lenient.out()).isZero();
  }

  @Test
  void referenceGroupsAreChosenPerColumnEvenWhenTheGroupNameHoldsAnEqualsSign() throws Exception {
    CliRun.Outcome r =
        assay(
            "fairness",
            "--model",
            model("hmda-deny-v2.onnx"),
            "--data",
            hmda(),
            "--target",
            "deny",
            "--sensitive",
            "afam",
            "--sensitive",
            "pirat",
            "--bins",
            "pirat=0.25,0.33",
            "--reference",
            "afam=1",
            "--reference",
            "pirat=>= 0.33",
            "--reference",
            "1 & [0.25, 0.33)",
            "--resamples",
            "50",
            "--json",
            "-",
            "--quiet");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode reference = r.json().get("reference");
    assertThat(reference.get("afam").asText()).isEqualTo("1");
    assertThat(reference.get("pirat").asText()).isEqualTo(">= 0.33");
    assertThat(reference.get("afam & pirat").asText()).isEqualTo("1 & [0.25, 0.33)");
    assertThat(r.json().get("groups").get("pirat").properties())
        .extracting(e -> e.getKey())
        .containsExactly("< 0.25", "[0.25, 0.33)", ">= 0.33");
  }

  @Test
  void usageErrorsExitTwoAndRefusedInputOne() {
    CliRun.Outcome noSensitive = assay("fairness", "--run", "1");
    assertThat(noSensitive.code()).isEqualTo(2);
    assertThat(noSensitive.err()).contains("--sensitive");

    CliRun.Outcome neither = assay("fairness", "--sensitive", "afam");
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err()).contains("give --run RUN_ID, or --model");

    CliRun.Outcome badThreshold =
        assay("fairness", "--run", "1", "--sensitive", "afam", "--threshold", "nonsense=1");
    assertThat(badThreshold.code()).isEqualTo(2);
    assertThat(badThreshold.err()).contains("unknown threshold 'nonsense'");

    CliRun.Outcome badBins =
        assay("fairness", "--run", "1", "--sensitive", "pirat", "--bins", "pirat=0.5,0.2");
    assertThat(badBins.code()).isEqualTo(2);

    CliRun.Outcome noRun = assay("fairness", "--run", "42", "--sensitive", "afam");
    assertThat(noRun.code()).isEqualTo(1);
    assertThat(noRun.err()).isEqualTo("assay: no run 42\n");

    assay(
        "eval",
        "--model",
        model("hmda-deny-v1.onnx"),
        "--data",
        hmda(),
        "--target",
        "deny",
        "--quiet");
    CliRun.Outcome noColumn = assay("fairness", "--run", "1", "--sensitive", "race");
    assertThat(noColumn.code()).isEqualTo(1);
    assertThat(noColumn.err())
        .startsWith("assay: the dataset hmda_test:1 has no column 'race'; columns: ");
    assertThat(noColumn.err().lines().count()).as("one line, no stack trace").isEqualTo(1);
  }

  @Test
  void sparkEngineRefusesAStoredRunAndAMissingSparkInstallationInOneLine() {
    CliRun.Outcome byRun =
        assay("fairness", "--engine", "spark", "--run", "1", "--sensitive", "afam");
    assertThat(byRun.code()).isEqualTo(2);
    assertThat(byRun.err().strip())
        .isEqualTo(
            "assay: --engine spark evaluates in the job: give --model with --data and --target,"
                + " not --run");

    CliRun.Outcome noSpark =
        assay(
            "fairness",
            "--engine",
            "spark",
            "--spark-home",
            dir.resolve("no-spark").toString(),
            "--model",
            model("hmda-deny-v2.onnx"),
            "--data",
            hmda(),
            "--target",
            "deny",
            "--sensitive",
            "afam",
            "--quiet");
    assertThat(noSpark.code()).isEqualTo(1);
    assertThat(noSpark.err().strip().lines()).hasSize(1);
    assertThat(noSpark.err()).contains("--engine spark needs a Spark 4.2 installation");
  }
}
