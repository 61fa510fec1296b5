package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay eval --no-target} and CBPE on current data without labels: the HMDA model on its
 * training set (labelled reference) against the planted shift of {@link DriftOutputsCommandTest}
 * with its {@code deny} column cut off. The held-back labels give the realised metrics through an
 * ordinary {@code assay eval} of the labelled copy (the evaluation's accumulators, not CBPE).
 */
class DriftUnlabelledCommandTest {
  @TempDir Path dir;

  private static final String MODEL = "hmda-deny-v2.onnx";
  private Path labelled;
  private Path unlabelled;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  @BeforeEach
  void shifted() throws Exception {
    List<String> test = Files.readAllLines(TestModels.sample("data/hmda_test.csv"));
    List<String> train = Files.readAllLines(TestModels.sample("data/hmda_train.csv"));
    String header = test.get(0);
    int deny = Arrays.asList(header.split(",")).indexOf("deny");
    assertThat(deny).isEqualTo(header.split(",").length - 1);
    List<String> with = new ArrayList<>();
    List<String> without = new ArrayList<>();
    with.add(header);
    without.add(header.substring(0, header.lastIndexOf(',')));
    for (List<String> source : List.of(test, train)) {
      for (String line : source.subList(1, source.size())) {
        String[] cells = line.split(",");
        if (Double.parseDouble(cells[3]) >= 3 || Double.parseDouble(cells[0]) > 0.4) {
          with.add(line);
          without.add(line.substring(0, line.lastIndexOf(',')));
        }
      }
    }
    labelled = dir.resolve("shifted_labelled.csv");
    unlabelled = dir.resolve("shifted_unlabelled.csv");
    Files.write(labelled, with);
    Files.write(unlabelled, without);
  }

  private JsonNode eval(String data, String... target) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "eval",
                "--model",
                TestModels.sample(MODEL).toString(),
                "--data",
                data,
                "--json",
                "-",
                "--quiet"));
    args.addAll(List.of(target));
    CliRun.Outcome eval = assay(args.toArray(String[]::new));
    assertThat(eval.code()).as(eval.err()).isZero();
    return eval.json();
  }

  private JsonNode drift(String version, String current, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "drift",
                "--model",
                version,
                "--reference",
                "hmda_train",
                "--current",
                current,
                "--json",
                "-",
                "--quiet"));
    args.addAll(List.of(more));
    CliRun.Outcome drift = assay(args.toArray(String[]::new));
    assertThat(drift.code()).as(drift.err()).isZero();
    return drift.json();
  }

  @Test
  void unlabelledCurrentGetsPredictionDriftAndAnEstimateWithoutRealised() throws Exception {
    JsonNode reference =
        eval(TestModels.sample("data/hmda_train.csv").toString(), "--target", "deny");
    String version = reference.get("run").get("model").asText();

    JsonNode scored = eval(unlabelled.toString(), "--no-target");
    assertThat(scored.get("labelled").asBoolean()).isFalse();
    assertThat(scored.get("run").get("target").isNull()).isTrue();
    assertThat(scored.get("metrics").isEmpty()).as(scored.get("metrics").toString()).isTrue();
    assertThat(scored.get("task").asText()).isEqualTo("classification");
    assertThat(reference.get("labelled").asBoolean()).isTrue();

    JsonNode doc = drift(version, "shifted_unlabelled");
    assertThat(doc.get("current_run").asLong()).isEqualTo(scored.get("run").get("id").asLong());
    JsonNode prediction = doc.get("prediction");
    assertThat(prediction.get(0).get("name").asText()).isEqualTo("prediction.score");
    assertThat(prediction.get(0).get("n_current").asLong()).isEqualTo(scored.get("rows").asLong());
    assertThat(prediction.get(0).get("drift").asBoolean()).isTrue();
    assertThat(prediction.get(1).get("name").asText()).isEqualTo("prediction.label");
    assertThat(prediction).hasSize(2);
    assertThat(doc.get("target").isNull()).isTrue();
    JsonNode e = doc.get("estimated_performance");
    List<String> keys = new ArrayList<>();
    e.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "method",
            "positive_label",
            "threshold",
            "calibration",
            "calibrated",
            "ece_raw",
            "ece_calibrated_cv",
            "rows",
            "accuracy",
            "accuracy_standard_error",
            "precision",
            "recall",
            "f1",
            "roc_auc",
            "current_labelled");
    assertThat(e.get("current_labelled").asBoolean()).isFalse();
    assertThat(e.get("rows").asLong()).isEqualTo(scored.get("rows").asLong());

    // the held-back labels: an ordinary evaluation of the labelled copy gives the realised metrics
    JsonNode realised = eval(labelled.toString(), "--target", "deny").get("metrics");
    assertThat(
            reference.get("metrics").get("accuracy").asDouble()
                - realised.get("accuracy").asDouble())
        .as("the planted shift lowers accuracy")
        .isGreaterThan(0.03);
    double se = e.get("accuracy_standard_error").asDouble();
    assertThat(e.get("accuracy").asDouble())
        .isCloseTo(realised.get("accuracy").asDouble(), within(3 * se));
    assertThat(e.get("roc_auc").asDouble())
        .isCloseTo(realised.get("roc_auc").asDouble(), within(0.03));

    // scoring without the target changes nothing the model produced: with the labelled copy as
    // current, the same scores give the same estimate, and realised stands beside it
    JsonNode withLabels = drift(version, "shifted_labelled").get("estimated_performance");
    assertThat(withLabels.get("current_labelled").asBoolean()).isTrue();
    for (String k : List.of("accuracy", "accuracy_standard_error", "precision", "roc_auc")) {
      assertThat(e.get(k).asDouble()).as(k).isCloseTo(withLabels.get(k).asDouble(), within(1e-12));
    }
    assertThat(withLabels.get("realised").get("accuracy").asDouble())
        .isCloseTo(realised.get("accuracy").asDouble(), within(1e-12));

    // per chunk: two halves of the scored rows, each with an estimate and no realised part
    JsonNode chunks =
        drift(version, "shifted_unlabelled", "--chunk", "count=2")
            .get("estimated_performance")
            .get("chunks");
    assertThat(chunks).hasSize(2);
    long n = scored.get("rows").asLong();
    assertThat(chunks.get(0).get("chunk").asText()).isEqualTo("rows 1-" + n / 2);
    assertThat(chunks.get(0).get("rows").asLong() + chunks.get(1).get("rows").asLong())
        .isEqualTo(n);
    assertThat(chunks.get(0).has("realised_accuracy")).isFalse();
    assertThat(chunks.get(1).get("accuracy").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void theTargetIsStillRequiredWithoutTheFlag() {
    CliRun.Outcome missing =
        assay(
            "eval",
            "--model",
            TestModels.sample(MODEL).toString(),
            "--data",
            unlabelled.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--target=COL'");

    CliRun.Outcome both =
        assay(
            "eval",
            "--model",
            TestModels.sample(MODEL).toString(),
            "--data",
            unlabelled.toString(),
            "--target",
            "deny",
            "--no-target");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--no-target and --target exclude each other");

    CliRun.Outcome absent =
        assay(
            "eval",
            "--model",
            TestModels.sample(MODEL).toString(),
            "--data",
            unlabelled.toString(),
            "--target",
            "deny",
            "--quiet");
    assertThat(absent.code()).isEqualTo(1);
    assertThat(absent.err()).contains("has no target column 'deny'");
  }

  @Test
  void fairnessAndTheWorkbookRefuseAnUnlabelledRun() throws Exception {
    Path exported = dir.resolve("predictions.csv");
    long run =
        eval(labelled.toString(), "--no-target", "--predictions", exported.toString())
            .get("run")
            .get("id")
            .asLong();
    // the exported predictions leave the actual cell empty: the run read no target
    List<String> lines = Files.readAllLines(exported);
    assertThat(lines.get(0)).startsWith("row,actual,predicted,");
    assertThat(lines.get(1)).matches("1,,[01],.*");
    assertThat(lines).hasSize(758);
    CliRun.Outcome fairness =
        assay("fairness", "--run", Long.toString(run), "--sensitive", "afam", "--favorable", "0");
    assertThat(fairness.code()).as(fairness.err()).isEqualTo(1);
    assertThat(fairness.err().strip().lines())
        .singleElement()
        .asString()
        .contains("scored without a target")
        .contains("a fairness report needs labels");

    CliRun.Outcome report =
        assay(
            "report",
            "xlsx",
            "--run",
            Long.toString(run),
            "--out",
            dir.resolve("r.xlsx").toString(),
            "--quiet");
    assertThat(report.code()).as(report.err()).isEqualTo(1);
    assertThat(report.err().strip().lines())
        .singleElement()
        .asString()
        .contains("the compliance workbook needs labels");
    assertThat(dir.resolve("r.xlsx")).doesNotExist();
  }
}
