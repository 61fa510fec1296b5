package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Contracts kept with a model version (V18): {@code contract infer --model} keeps revision 1,
 * {@code contract check --model} uses the newest revision and finds the engine golden's planted
 * violations, an edited contract saved with {@code contract save} becomes revision 2 and is the one
 * checked, every save is audited and the audit trail verifies; a version without a contract is one
 * line, exit 1.
 */
class ContractModelCommandTest {
  @TempDir Path dir;

  private static final Path GOLDEN =
      TestModels.repoRoot().resolve("src/engine/src/test/resources/golden/contract");

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  @Test
  void theKeptContractIsCheckedAndRevisedWithAuditEntries() throws Exception {
    String model = TestModels.sample("hmda-deny-v2.onnx").toString();
    CliRun.Outcome none =
        assay(
            "contract", "check", "--model", model, "--data", GOLDEN.resolve("cur.csv").toString());
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("keeps no contract");

    CliRun.Outcome infer =
        assay(
            "contract",
            "infer",
            "--reference",
            GOLDEN.resolve("ref.csv").toString(),
            "--model",
            model);
    assertThat(infer.code()).as(infer.err()).isZero();
    assertThat(infer.err()).contains("kept as revision 1 of");

    CliRun.Outcome check =
        assay(
            "contract",
            "check",
            "--model",
            model,
            "--data",
            GOLDEN.resolve("cur.csv").toString(),
            "--json",
            "-");
    assertThat(check.code()).isEqualTo(1);
    JsonNode doc = check.json();
    assertThat(doc.at("/contract/revision").asInt()).isEqualTo(1);
    assertThat(doc.at("/contract/source").asText()).startsWith("inferred from ");
    JsonNode expected =
        new ObjectMapper().readTree(GOLDEN.resolve("contract.json").toFile()).get("violations");
    assertThat(doc.get("violations").size()).isEqualTo(expected.size());

    // another contract, as a user would edit one: inferred from cur.csv, saved from its file
    Path edited = dir.resolve("edited.json");
    CliRun.Outcome out =
        assay(
            "contract",
            "infer",
            "--reference",
            GOLDEN.resolve("cur.csv").toString(),
            "--out",
            edited.toString());
    assertThat(out.code()).as(out.err()).isZero();
    CliRun.Outcome save =
        assay("contract", "save", "--model", model, "--contract", edited.toString());
    assertThat(save.code()).as(save.err()).isZero();
    assertThat(save.out()).contains("kept as revision 2 of");
    CliRun.Outcome again =
        assay(
            "contract",
            "check",
            "--model",
            model,
            "--data",
            GOLDEN.resolve("cur.csv").toString(),
            "--json",
            "-");
    // inferred from cur.csv itself: its ranges, categories and missing rates pass; only the text
    // cell in a numeric column is still a violation
    assertThat(again.code()).as(again.out()).isEqualTo(1);
    assertThat(again.json().at("/contract/revision").asInt()).isEqualTo(2);
    assertThat(again.json().get("violations")).hasSize(1);
    assertThat(again.json().at("/violations/0/rule").asText()).isEqualTo("not_a_number");

    CliRun.Outcome both =
        assay(
            "contract",
            "check",
            "--model",
            model,
            "--contract",
            edited.toString(),
            "--data",
            GOLDEN.resolve("cur.csv").toString());
    assertThat(both.code()).isEqualTo(2);

    JsonNode audit = new ObjectMapper().readTree(assay("audit", "export", "--json").out());
    List<String> actions = new ArrayList<>();
    audit.forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions.stream().filter("contract.save"::equals)).hasSize(2);
    CliRun.Outcome verify = assay("audit", "verify");
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    assertThat(Files.exists(dir.resolve("home"))).isTrue();
  }
}
