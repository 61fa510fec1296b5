package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private void importSamples() {
    for (String version : List.of("1", "2")) {
      CliRun.Outcome r =
          assay(
              "models",
              "import",
              TestModels.sample("hmda-deny-v" + version + ".onnx").toString(),
              "--name",
              "hmda-deny");
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  private static String hmdaTest() {
    return TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString();
  }

  @Test
  void compareWritesModelsWithEvalMetricsDeltasAndDisagreementAsJson() throws Exception {
    importSamples();
    Path csv = dir.resolve("flips.csv");
    CliRun.Outcome r =
        assay(
            "compare",
            "--models",
            "hmda-deny:1,hmda-deny:2",
            "--data",
            hmdaTest(),
            "--target",
            "deny",
            "--positive-label",
            "1",
            "--json",
            "-",
            "--disagreements",
            csv.toString(),
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.fieldNames()).toIterable().contains("models", "deltas", "disagreement");
    JsonNode models = doc.get("models");
    assertThat(models).hasSize(2);
    assertThat(models.get(0).get("model").asText()).isEqualTo("hmda-deny:1");
    assertThat(models.get(1).get("run_id").asLong()).isPositive();
    assertThat(models.get(1).get("metrics").fieldNames())
        .toIterable()
        .contains(
            "accuracy",
            "balanced_accuracy",
            "precision",
            "recall",
            "f1",
            "f1_macro",
            "roc_auc",
            "average_precision",
            "log_loss",
            "brier",
            "confusion_matrix",
            "class_order");
    for (JsonNode delta : doc.get("deltas")) {
      assertThat(delta.fieldNames())
          .toIterable()
          .contains("metric", "difference", "ci_low", "ci_high", "p_value", "test", "verdict");
    }
    assertThat(doc.get("deltas").get(0).get("metric").asText()).isEqualTo("accuracy");
    assertThat(doc.get("deltas").findValuesAsText("test")).contains("delong", "paired_bootstrap");
    JsonNode disagreement = doc.get("disagreement");
    assertThat(disagreement.get("rate").asDouble()).isBetween(0.0, 1.0);
    assertThat(disagreement.has("flips_to_correct")).isTrue();
    assertThat(disagreement.has("flips_to_wrong")).isTrue();
    long flips =
        disagreement.get("flips_to_correct").asLong() + disagreement.get("flips_to_wrong").asLong();
    assertThat(Files.readAllLines(csv)).hasSize((int) (1 + flips));
  }

  @Test
  void compareNeedsTwoModelsAndNamesAnUnknownOne() {
    importSamples();
    CliRun.Outcome one =
        assay("compare", "--models", "hmda-deny:1", "--data", hmdaTest(), "--target", "deny");
    assertThat(one.code()).isEqualTo(2);
    assertThat(one.err()).contains("at least two models");
    CliRun.Outcome unknown =
        assay(
            "compare",
            "--models",
            "hmda-deny:1,hmda-deny:9",
            "--data",
            hmdaTest(),
            "--target",
            "deny");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("hmda-deny:9").doesNotContain("Exception");
  }
}
