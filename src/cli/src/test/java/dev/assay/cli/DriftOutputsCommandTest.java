package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay drift --model}: prediction drift, target drift and CBPE from the model's evaluation
 * runs (scored by ONNX Runtime) on the reference and current data. The HMDA model on its training
 * set against a current set with a planted shift: only applicants with a bad credit history (chist
 * &ge; 3) and a high payment-to-income ratio, where denials are far more common.
 */
class DriftOutputsCommandTest {
  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private Path shifted() throws Exception {
    List<String> lines = Files.readAllLines(TestModels.sample("data/hmda_test.csv"));
    List<String> lines2 = Files.readAllLines(TestModels.sample("data/hmda_train.csv"));
    List<String> out = new ArrayList<>();
    out.add(lines.get(0));
    for (List<String> source : List.of(lines, lines2)) {
      for (String line : source.subList(1, source.size())) {
        String[] cells = line.split(",");
        if (Double.parseDouble(cells[3]) >= 3 || Double.parseDouble(cells[0]) > 0.4) {
          out.add(line);
        }
      }
    }
    Path file = dir.resolve("shifted.csv");
    Files.write(file, out);
    return file;
  }

  private JsonNode eval(String data) throws Exception {
    CliRun.Outcome eval =
        assay(
            "eval",
            "--model",
            TestModels.sample("hmda-deny-v2.onnx").toString(),
            "--data",
            data,
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(eval.code()).as(eval.err()).isZero();
    return eval.json();
  }

  @Test
  void predictionTargetDriftAndEstimatedPerformanceFromStoredRuns() throws Exception {
    JsonNode reference = eval(TestModels.sample("data/hmda_train.csv").toString());
    String version = reference.get("run").get("model").asText();
    CliRun.Outcome none =
        assay(
            "drift",
            "--model",
            version,
            "--reference",
            "hmda_train",
            "--current",
            shifted().toString(),
            "--json",
            "-",
            "--quiet");
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(none.json().get("prediction").isNull()).isTrue();
    assertThat(none.json().get("outputs_note").asText()).contains("no completed evaluation run");

    JsonNode current = eval("shifted");
    CliRun.Outcome drift =
        assay(
            "drift",
            "--model",
            version,
            "--reference",
            "hmda_train",
            "--current",
            "shifted",
            "--json",
            "-",
            "--quiet");
    assertThat(drift.code()).as(drift.err()).isZero();
    JsonNode doc = drift.json();
    JsonNode prediction = doc.get("prediction");
    assertThat(prediction.get(0).get("name").asText()).isEqualTo("prediction.score");
    assertThat(prediction.get(0).get("n_reference").asLong())
        .isEqualTo(reference.get("rows").asLong());
    assertThat(prediction.get(0).get("n_current").asLong()).isEqualTo(current.get("rows").asLong());
    assertThat(prediction.get(0).get("drift").asBoolean()).isTrue();
    assertThat(prediction.get(1).get("name").asText()).isEqualTo("prediction.label");
    assertThat(doc.get("target").get("kind").asText()).isEqualTo("categorical");
    assertThat(doc.get("target").get("drift").asBoolean()).isTrue();
    assertThat(doc.get("drifted_outputs").toString()).contains("prediction.score");
    assertThat(doc.get("drift").asBoolean()).isTrue();

    JsonNode e = doc.get("estimated_performance");
    assertThat(e.get("method").asText()).isEqualTo("cbpe");
    assertThat(e.get("positive_label").asText()).isEqualTo("1");
    // the realised side equals the evaluation's own metrics, computed by other code
    JsonNode realised = e.get("realised");
    JsonNode metrics = current.get("metrics");
    assertThat(realised.get("accuracy").asDouble())
        .isCloseTo(metrics.get("accuracy").asDouble(), within(1e-12));
    assertThat(realised.get("roc_auc").asDouble())
        .isCloseTo(metrics.get("roc_auc").asDouble(), within(1e-9));
    // the shift lowers accuracy; the estimate follows it within 4 standard errors
    double se = e.get("accuracy_standard_error").asDouble();
    assertThat(
            reference.get("metrics").get("accuracy").asDouble()
                - realised.get("accuracy").asDouble())
        .isGreaterThan(0.03);
    assertThat(Math.abs(realised.get("accuracy_error").asDouble())).isLessThan(4 * se);
    assertThat(drift.code()).isZero();
  }
}
