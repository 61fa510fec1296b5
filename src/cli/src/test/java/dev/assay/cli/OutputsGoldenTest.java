package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay eval} on models exported the way common tools write them gives scikit-learn's
 * metrics with no options: a three-output MLP (logits, probabilities, label), and a model whose
 * classes are 0/1 on a dataset whose target says neg/pos with only {@code --target-map}. Models,
 * data and metrics come from {@code golden/outputs/make_outputs_golden.py}.
 */
class OutputsGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path GOLDEN =
      TestModels.repoRoot().resolve("src/engine/src/test/resources/golden/outputs");

  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private static JsonNode golden(String name) throws Exception {
    return JSON.readTree(Files.readString(GOLDEN.resolve("outputs_golden.json"))).get(name);
  }

  private CliRun.Outcome eval(JsonNode c, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "eval",
                "--model",
                GOLDEN.resolve(c.get("model").asText()).toString(),
                "--data",
                GOLDEN.resolve(c.get("data").asText()).toString(),
                "--target",
                c.get("target").asText(),
                "--json",
                "-",
                "--quiet"));
    args.addAll(List.of(extra));
    return assay(args.toArray(String[]::new));
  }

  private static void assertMetrics(JsonNode metrics, JsonNode golden, String... keys) {
    for (String key : keys) {
      System.out.printf(
          java.util.Locale.ROOT,
          "%-18s scikit-learn %.6f  Assay %.6f%n",
          key,
          golden.get(key).asDouble(),
          metrics.get(key).asDouble());
      assertThat(metrics.get(key).asDouble())
          .as(key)
          .isCloseTo(golden.get(key).asDouble(), within(1e-4));
    }
    assertThat(metrics.get("confusion_matrix")).isEqualTo(golden.get("confusion_matrix"));
  }

  @Test
  void aThreeOutputMlpGivesScikitLearnsMetricsWithNoOptions() throws Exception {
    JsonNode c = golden("mlp");

    CliRun.Outcome r = eval(c);

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("rows").asLong()).isEqualTo(c.get("rows").asLong());
    assertMetrics(
        doc.get("metrics"),
        c,
        "accuracy",
        "balanced_accuracy",
        "f1_macro",
        "precision_macro",
        "recall_macro",
        "log_loss",
        "brier",
        "roc_auc_ovr_macro",
        "ece");
    JsonNode outputs = doc.get("reading").get("outputs");
    assertThat(outputs.get("probabilities").asText()).isEqualTo("probabilities");
    assertThat(outputs.get("label").asText()).isEqualTo("label");
    assertThat(outputs.get("probabilities_reason").asText()).contains("its rows are probabilities");
    assertThat(doc.get("warnings").toString()).doesNotContain("not a probability distribution");
  }

  @Test
  void aNegPosTargetGivesScikitLearnsMetricsWithOnlyATargetMapWhichIsRemembered() throws Exception {
    JsonNode c = golden("neg_pos");

    CliRun.Outcome mapped = eval(c, "--target-map", c.get("target_map").asText());
    CliRun.Outcome again = eval(c);

    assertThat(mapped.code()).as(mapped.err()).isZero();
    assertMetrics(
        mapped.json().get("metrics"),
        c,
        "accuracy",
        "precision",
        "recall",
        "f1",
        "roc_auc",
        "average_precision",
        "log_loss",
        "brier");
    JsonNode reading = mapped.json().get("reading");
    assertThat(reading.get("target_map").get("pos").asText()).isEqualTo("1");
    assertThat(reading.get("target_map_source").asText()).isEqualTo("option");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.json().get("metrics")).isEqualTo(mapped.json().get("metrics"));
    assertThat(again.json().get("reading").get("target_map_source").asText())
        .isEqualTo("remembered");
  }

  @Test
  void aNegPosTargetWithoutAMapIsRefusedNamingTheValuesTheClassesAndTheMap() throws Exception {
    CliRun.Outcome r = eval(golden("neg_pos"));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("target column 'outcome'")
        .contains("the model's classes [0, 1]")
        .contains("the target holds neg, pos")
        .contains("--target-map neg=0,pos=1")
        .doesNotContain("Exception");
  }

  @Test
  void aMalformedTargetMapIsAUsageError() throws Exception {
    CliRun.Outcome r = eval(golden("neg_pos"), "--target-map", "neg:0");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--target-map entries are VALUE=CLASS");
  }
}
