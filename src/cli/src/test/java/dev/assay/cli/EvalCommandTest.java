package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EvalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private static String model(String file) {
    return TestModels.sample(file).toString();
  }

  private static String data(String file) {
    return TestModels.repoRoot().resolve("models/data").resolve(file).toString();
  }

  private static JsonNode golden(String modelFile) throws Exception {
    try (InputStream in = EvalCommandTest.class.getResourceAsStream("/golden/eval_samples.json")) {
      for (JsonNode c : JSON.readTree(in).get("cases")) {
        if (c.get("model").asText().equals(modelFile)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException(modelFile);
  }

  @Test
  void evalWithJsonOnStdoutPrintsEveryDocumentedMetricAndTheRun() throws Exception {
    CliRun.Outcome r =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v2.onnx"),
            "--data",
            data("hmda_test.csv"),
            "--target",
            "deny",
            "--json",
            "-");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    JsonNode metrics = doc.get("metrics");
    for (String key :
        List.of(
            "accuracy",
            "balanced_accuracy",
            "precision",
            "recall",
            "f1",
            "precision_macro",
            "recall_macro",
            "f1_macro",
            "f1_micro",
            "f1_weighted",
            "roc_auc",
            "roc_auc_ovr_macro",
            "roc_auc_ovo_macro",
            "average_precision",
            "log_loss",
            "brier",
            "confusion_matrix",
            "class_order")) {
      assertThat(metrics.has(key)).as("metrics.%s", key).isTrue();
    }
    JsonNode golden = golden("hmda-deny-v2.onnx");
    assertThat(metrics.get("accuracy").asDouble())
        .isCloseTo(golden.get("metrics").get("accuracy").asDouble(), within(1e-12));
    assertThat(metrics.get("roc_auc").asDouble())
        .isCloseTo(golden.get("metrics").get("roc_auc").asDouble(), within(1e-6));
    assertThat(metrics.get("confusion_matrix")).isEqualTo(golden.get("confusion_matrix"));
    assertThat(metrics.get("class_order").toString()).isEqualTo("[\"0\",\"1\"]");
    assertThat(doc.get("run").get("id").asLong()).isPositive();
    assertThat(doc.get("run").get("provider").asText()).isEqualTo("cpu");
    assertThat(doc.get("rows").asLong()).isEqualTo(714);
  }

  @Test
  void aConditionThatHoldsExitsFourAndNamesTheCondition() {
    CliRun.Outcome r =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v1.onnx"),
            "--data",
            data("hmda_test.csv"),
            "--target",
            "deny",
            "--fail-if",
            "f1 > 0.1",
            "--fail-if",
            "accuracy < 0.5");

    assertThat(r.code()).isEqualTo(EvalCommand.EXIT_GATE).isEqualTo(4);
    assertThat(r.err()).contains("quality gate failed: f1 > 0.1 (f1 = 0.125)");
    assertThat(r.err()).doesNotContain("accuracy < 0.5");
  }

  @Test
  void junitReportParsesAndHasAFailureForTheFailingGate() throws Exception {
    Path xml = dir.resolve("report.xml");
    CliRun.Outcome r =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v1.onnx"),
            "--data",
            data("hmda_test.csv"),
            "--target",
            "deny",
            "--fail-if",
            "f1 > 0.1",
            "--fail-if",
            "accuracy < 0.5",
            "--junit",
            xml.toString());

    assertThat(r.code()).isEqualTo(4);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    NodeList failures = doc.getElementsByTagName("failure");
    assertThat(failures.getLength()).isEqualTo(1);
    Element failure = (Element) failures.item(0);
    assertThat(failure.getAttribute("message")).contains("f1 > 0.1");
    assertThat(((Element) failure.getParentNode()).getAttribute("name")).contains("f1 > 0.1");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(cases.getLength());
  }

  @Test
  void aJunitReportIntoAFolderThatDoesNotExistYetCreatesIt() throws Exception {
    Path xml = dir.resolve("reports/gate/report.xml");
    CliRun.Outcome r =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v1.onnx"),
            "--data",
            data("hmda_test.csv"),
            "--target",
            "deny",
            "--junit",
            xml.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(xml).isRegularFile();
  }

  @Test
  void anOutputThatCannotBeWrittenIsOneLineNamingTheFileNotAnInternalError() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
    CliRun.Outcome r =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v1.onnx"),
            "--data",
            data("hmda_test.csv"),
            "--target",
            "deny",
            "--json",
            notAFolder.resolve("result.json").toString());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("internal error", "Exception").contains("plain.txt");
    assertThat(r.err().strip().lines().filter(l -> l.startsWith("assay: ")).count()).isOne();
  }

  @Test
  void anUnknownMetricInACondititionExitsNonZeroNamingIt() {
    CliRun.Outcome r =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v1.onnx"),
            "--data",
            data("hmda_test.csv"),
            "--target",
            "deny",
            "--fail-if",
            "bogus < 1");

    assertThat(r.code()).isNotZero().isNotEqualTo(4);
    assertThat(r.err()).contains("unknown metric 'bogus'").doesNotContain("Exception");
  }

  @Test
  void aConditionThatIsNotAConditionExitsNonZeroBeforeRunning() {
    CliRun.Outcome r =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v1.onnx"),
            "--data",
            data("hmda_test.csv"),
            "--target",
            "deny",
            "--fail-if",
            "f1 is low");

    assertThat(r.code()).isNotZero().isNotEqualTo(4);
    assertThat(r.err()).contains("'f1 is low' is not a condition");
  }

  @Test
  void cudaOnTheCpuBuildRunsOnTheCpuWithAWarning() throws Exception {
    CliRun.Outcome r =
        assay(
            "eval",
            "--model",
            model("hmda-deny-v1.onnx"),
            "--data",
            data("hmda_test.csv"),
            "--target",
            "deny",
            "--ep",
            "cuda",
            "--json",
            "-");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: CUDA was requested").contains("running on the CPU");
    JsonNode run = r.json().get("run");
    assertThat(run.get("provider").asText()).isEqualTo("cpu");
    assertThat(run.get("provider_requested").asText()).isEqualTo("cuda");
  }

  @Test
  void datasetsImportListAndShowDescribeTheDataset() throws Exception {
    CliRun.Outcome imported = assay("datasets", "import", data("hmda_test.csv"), "--json");
    CliRun.Outcome again = assay("datasets", "import", data("hmda_test.csv"), "--json");
    CliRun.Outcome list = assay("datasets", "list", "--json");

    assertThat(imported.code()).as(imported.err()).isZero();
    JsonNode body = imported.json();
    assertThat(body.get("status").asText()).isEqualTo("imported");
    assertThat(body.get("rows").asLong()).isEqualTo(714);
    String ref = body.get("ref").asText();
    assertThat(again.json().get("status").asText()).isEqualTo("already_present");
    assertThat(list.json()).hasSize(1);
    assertThat(list.json().get(0).get("ref").asText()).isEqualTo(ref);

    CliRun.Outcome show = assay("datasets", "show", ref, "--json");

    assertThat(show.code()).as(show.err()).isZero();
    JsonNode profile = show.json().get("profile");
    assertThat(profile).hasSize(14);
    List<String> names = new ArrayList<>();
    profile.forEach(c -> names.add(c.get("name").asText()));
    assertThat(names).startsWith("pirat", "hirat", "lvrat").endsWith("deny");
    assertThat(show.json().has("findings")).isTrue();
  }

  @Test
  void showingAnUnknownDatasetExitsOneWithoutAStackTrace() {
    CliRun.Outcome r = assay("datasets", "show", "nothing-here", "--json");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("nothing-here").doesNotContain("Exception");
  }

  @Test
  void aBindingSetWithModelsBindIsUsedByALaterEval() throws Exception {
    Path zip = TestModels.write(dir.resolve("zip.onnx"), TestModels.zipMap());
    Path csv = dir.resolve("zip.csv");
    Files.writeString(csv, "x0,x1,y\n0.9,0.1,0\n0.2,0.8,1\n0.6,0.4,1\n0.3,0.7,0\n");
    CliRun.Outcome imported = assay("models", "import", zip.toString(), "--name", "zip", "--json");
    assertThat(imported.code()).as(imported.err()).isZero();

    CliRun.Outcome bind = assay("models", "bind", "zip:1", "--features", "x1,x0");
    CliRun.Outcome eval =
        assay("eval", "--model", "zip:1", "--data", csv.toString(), "--target", "y", "--json", "-");

    assertThat(bind.code()).as(bind.err()).isZero();
    assertThat(eval.code()).as(eval.err()).isZero();
    JsonNode doc = eval.json();
    assertThat(doc.get("binding_source").asText()).isEqualTo("remembered");
    assertThat(doc.get("binding").get("inputs").get(0).get("columns").toString())
        .isEqualTo("[\"x1\",\"x0\"]");
    // x1 read as class 0's probability: p1 = .9, .2, .6, .3 for y = 0, 1, 1, 0
    assertThat(doc.get("metrics").get("roc_auc").asDouble()).isEqualTo(0.25);
  }

  @Test
  void bindingTheWrongNumberOfFeaturesIsRefused() {
    assay("models", "import", model("hmda-deny-v1.onnx"), "--name", "hmda");

    CliRun.Outcome r = assay("models", "bind", "hmda:1", "--features", "hirat,lvrat");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("expects 3 features, 2 given");
  }
}
