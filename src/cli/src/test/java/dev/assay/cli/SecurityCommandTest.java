package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.HostileModels;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay security scan}, {@code assay keys} and {@code assay models sign|verify}. */
class SecurityCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }

    List<String> errLines() {
      return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
    }
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            option -> new WorkbenchHome(option != null ? option : dir.resolve("home")),
            home -> Workbench.open(home, Clock.systemUTC(), "tester"),
            home -> fail("no desktop"),
            new PrintWriter(out),
            new PrintWriter(err));
    int code = new AssayCli(context).run(args);
    return new Run(code, out.toString(), err.toString());
  }

  private List<String> auditActions() {
    try (Workbench w =
        Workbench.open(new WorkbenchHome(dir.resolve("home")), Clock.systemUTC(), "tester")) {
      return w.auditEntries().stream().map(AuditLog.Entry::action).toList();
    }
  }

  @Test
  void aCleanModelExitsZeroWithTheJsonReportIncludingTheIsolatedLoad() throws Exception {
    Run run =
        run("security", "scan", TestModels.sample("hmda-deny-v2.onnx").toString(), "--json", "-");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode report = run.json();
    assertThat(report.get("sha256").asText()).hasSize(64);
    assertThat(report.get("blocking").asBoolean()).isFalse();
    assertThat(report.get("isolation").get("outcome").asText()).isEqualTo("loaded");
    assertThat(report.get("isolation").get("inference").asText()).isEqualTo("ok");
    JsonNode finding = report.get("findings").get(0);
    assertThat(finding.get("id").asText()).isEqualTo("unsigned");
    assertThat(finding.get("severity").asText()).isEqualTo("low");
    assertThat(finding.get("atlas").asText()).isEqualTo("AML.T0010");
    assertThat(finding.has("title")).isTrue();
    assertThat(finding.has("evidence")).isTrue();
    assertThat(auditActions()).containsExactly("security.report");
  }

  @Test
  void aHostileModelExitsTwoAndTheTextReportNamesTheFinding() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("m"));
    Path model =
        TestModels.write(
            folder.resolve("model.onnx"),
            TestModels.addWithExternalWeights("../../etc/passwd", null, null));
    Path json = dir.resolve("report.json");

    Run run = run("security", "scan", model.toString(), "--json", json.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out())
        .contains("CRITICAL external_data_outside_folder")
        .contains("[AML.T0011.000 User Execution: Unsafe AI Artifacts]")
        .contains("BLOCKED");
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.get("findings").get(0).get("id").asText())
        .isEqualTo("external_data_outside_folder");
    assertThat(report.get("isolation").get("outcome").asText()).isEqualTo("not_run");
  }

  @Test
  void aHighFindingAloneAlsoExitsTwo() throws Exception {
    Path model =
        TestModels.write(
            dir.resolve("secret.onnx"),
            HostileModels.withMetadata(java.util.Map.of("api_token", "abcd1234efgh5678")));

    Run run = run("security", "scan", model.toString(), "--no-isolation");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out())
        .contains("HIGH     secret_in_metadata")
        .doesNotContain("abcd1234efgh5678");
  }

  @Test
  void zeroBytesAndNotOnnxAreCriticalFindingsNotErrors() throws Exception {
    Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);

    Run run = run("security", "scan", empty.toString(), "--json", "-");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.json().get("findings").get(0).get("id").asText()).isEqualTo("empty_file");
    assertThat(run.json().get("highest_severity").asText()).isEqualTo("critical");
  }

  @Test
  void aFileThatCannotBeReadAtAllIsOneCleanErrorLineAndExitOne() throws Exception {
    Run missing = run("security", "scan", dir.resolve("nowhere.onnx").toString());
    Path folder = Files.createDirectories(dir.resolve("folder.onnx"));
    Run directory = run("security", "scan", folder.toString());
    Path locked = Files.write(dir.resolve("locked.onnx"), new byte[] {8, 7});
    boolean canLock = locked.toFile().setReadable(false) && !Files.isReadable(locked);
    Run unreadable = run("security", "scan", locked.toString());

    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.errLines()).containsExactly("assay: nowhere.onnx: file not found");
    assertThat(missing.out()).isEmpty();
    assertThat(directory.code()).isEqualTo(1);
    assertThat(directory.errLines()).containsExactly("assay: folder.onnx: not a regular file");
    if (canLock) {
      assertThat(unreadable.code()).isEqualTo(1);
      assertThat(unreadable.errLines())
          .containsExactly("assay: locked.onnx: cannot be read (permission denied)");
    }
  }

  @Test
  void aRegisteredVersionCanBeScannedByName() throws Exception {
    assertThat(
            run(
                    "models",
                    "import",
                    TestModels.sample("hmda-deny-v1.onnx").toString(),
                    "--name",
                    "hmda")
                .code())
        .isZero();

    Run run = run("security", "scan", "hmda:1", "--no-isolation", "--json", "-");
    Run unknown = run("security", "scan", "nosuch:3");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.json().get("model").asText()).isEqualTo("hmda:1");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.errLines())
        .containsExactly("assay: nosuch:3: file not found, and no registered model of that name");
  }

  @Test
  void keysSignAndVerifyRoundTripAndATamperedByteFailsVerification() throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(
            run(
                    "models",
                    "import",
                    TestModels.sample("hmda-deny-v1.onnx").toString(),
                    "--name",
                    "hmda")
                .code())
        .isZero();

    Run generate = run("keys", "generate", "--out", keys.toString(), "--trust");
    Run unsigned = run("models", "verify", "hmda:1");
    Run sign = run("models", "sign", "hmda:1", "--key", keys.resolve("site.key").toString());
    Run verify = run("models", "verify", "hmda:1");
    Run show = run("models", "show", "hmda:1", "--json");

    assertThat(generate.code()).as(generate.err()).isZero();
    assertThat(generate.out()).contains("site.key").contains("trusted");
    assertThat(unsigned.code()).isEqualTo(1);
    assertThat(unsigned.errLines()).containsExactly("assay: hmda:1: unsigned: not signed");
    assertThat(sign.code()).as(sign.err()).isZero();
    assertThat(sign.out()).startsWith("signed hmda:1: verified: key 'site'");
    assertThat(verify.code()).isZero();
    assertThat(verify.out()).startsWith("hmda:1: verified: key 'site'");
    assertThat(show.json().get("signature").get("state").asText()).isEqualTo("verified");
    assertThat(show.json().get("signature").get("key_name").asText()).isEqualTo("site");

    Path stored;
    try (Workbench w =
        Workbench.open(new WorkbenchHome(dir.resolve("home")), Clock.systemUTC(), "tester")) {
      stored = w.models().modelFile(w.models().get(dev.assay.core.model.ModelRef.parse("hmda:1")));
    }
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length / 2] ^= 0x20;
    stored.toFile().setWritable(true);
    Files.write(stored, bytes);
    Run tampered = run("models", "verify", "hmda:1");

    assertThat(tampered.code()).isEqualTo(1);
    assertThat(tampered.errLines())
        .singleElement()
        .asString()
        .startsWith("assay: hmda:1: invalid: the files changed since they were signed");
    assertThat(auditActions())
        .containsExactly(
            "model.import", "model.verify", "model.sign", "model.verify", "model.verify");
  }

  @Test
  void aSignatureByAKeyTheWorkbenchDoesNotTrustFailsVerification() throws Exception {
    Path keys = dir.resolve("keys");
    run("models", "import", TestModels.sample("hmda-deny-v1.onnx").toString(), "--name", "hmda");
    run("keys", "generate", "--out", keys.toString(), "--name", "vendor");

    Run sign = run("models", "sign", "hmda:1", "--key", keys.resolve("vendor.key").toString());
    Run verify = run("models", "verify", "hmda:1");
    Run list = run("keys", "list");

    assertThat(sign.code()).as(sign.err()).isZero();
    assertThat(sign.out()).contains("untrusted");
    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.errLines())
        .singleElement()
        .asString()
        .startsWith("assay: hmda:1: untrusted: signed by key ");
    assertThat(list.out()).startsWith("no trusted keys in ");
  }

  @Test
  void signingWithAMissingKeyFileIsOneLine() {
    run("models", "import", TestModels.sample("hmda-deny-v1.onnx").toString(), "--name", "hmda");

    Run sign = run("models", "sign", "hmda:1", "--key", dir.resolve("none.key").toString());

    assertThat(sign.code()).isEqualTo(1);
    assertThat(sign.errLines())
        .singleElement()
        .asString()
        .startsWith("assay: cannot read the key file ");
  }

  @Test
  void robustnessOnASampleWritesPerturbationVerdictsAndExitsZero() throws Exception {
    Path model = TestModels.sample("hmda-deny-v2.onnx");
    Path data = TestModels.repoRoot().resolve("models/data/hmda_test.csv");

    Run run =
        run(
            "security",
            "robustness",
            "--model",
            model.toString(),
            "--data",
            data.toString(),
            "--target",
            "deny",
            "--immutable",
            "afam",
            "--rows",
            "300",
            "--attack-rows",
            "50",
            "--query-budget",
            "200",
            "--epsilons",
            "0.25,1",
            "--json",
            "-");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode report = run.json();
    assertThat(report.get("rows").asInt()).isEqualTo(300);
    assertThat(report.get("immutable").toString()).isEqualTo("[\"afam\"]");
    assertThat(report.get("perturbation")).hasSize(5);
    for (JsonNode test : report.get("perturbation")) {
      assertThat(test.get("changed_rate").asDouble()).isBetween(0.0, 1.0);
      assertThat(test.get("verdict").asText()).isIn("pass", "issue", "major");
    }
    assertThat(report.get("fuzzing").get(0).get("input").asText()).isEqualTo("nan");
    assertThat(report.get("determinism").get(0).get("outcome").asText()).isEqualTo("same");
    assertThat(report.get("attacks")).hasSize(3);
    for (JsonNode attack : report.get("attacks")) {
      assertThat(attack.get("status").asText()).as(attack.toString()).isEqualTo("completed");
      assertThat(attack.get("norm").asText()).isEqualTo("linf_std");
      assertThat(attack.get("rows").asInt()).isEqualTo(50);
      int budget = attack.get("attack").asText().equals("combined") ? 400 : 200;
      assertThat(attack.get("query_budget").asInt()).isEqualTo(budget);
      assertThat(attack.get("queries_max_per_row").asInt()).isBetween(1, budget);
      assertThat(attack.get("sensitive").asText()).isEqualTo("afam");
      assertThat(attack.get("epsilons")).hasSize(2);
      for (JsonNode e : attack.get("epsilons")) {
        assertThat(e.has("epsilon")).isTrue();
        assertThat(e.get("robust_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(e.has("success_rate")).isTrue();
        assertThat(e.has("median_perturbation")).isTrue();
        assertThat(e.get("queries").asLong()).isNotNegative();
      }
      assertThat(attack.get("groups").findValuesAsText("group")).containsExactly("0", "1");
    }
    JsonNode example = report.get("attacks").get(1).get("examples").get(0);
    assertThat(example.get("original_label").asText())
        .isNotEqualTo(example.get("adversarial_label").asText());
    assertThat(example.get("values").findValuesAsText("feature")).contains("afam", "pirat");
    assertThat(example.get("changed").toString()).doesNotContain("afam");
    assertThat(auditActions()).endsWith("security.report");
  }

  @Test
  void robustnessPrintsAnAttackTablePerAttack() throws Exception {
    Run run =
        run(
            "security",
            "robustness",
            "--model",
            TestModels.sample("hmda-deny-v2.onnx").toString(),
            "--data",
            TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString(),
            "--target",
            "deny",
            "--rows",
            "200",
            "--attack-rows",
            "40",
            "--query-budget",
            "100",
            "--epsilons",
            "0.5,0.1");

    assertThat(run.code()).as(run.err()).isIn(0, 2);
    assertThat(run.out())
        .contains("evasion attacks (perturbation: L-infinity in standard deviations)")
        .contains("fd_sign_gradient")
        .contains("hop_skip_jump")
        .contains("epsilon  robust_acc success  median_pert  queries")
        .containsPattern("\\n    0\\.1 +\\d\\.\\d{3} ")
        .contains("robust accuracy by group at each epsilon: afam=0");
  }

  @Test
  void robustnessRefusesANonPositiveEpsilon() throws Exception {
    Run run =
        run(
            "security",
            "robustness",
            "--model",
            TestModels.sample("hmda-deny-v2.onnx").toString(),
            "--data",
            TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString(),
            "--target",
            "deny",
            "--epsilons",
            "0.1,-1");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("assay: --epsilons -1.0 is out of range: allowed 1.0E-6..100");
  }

  @Test
  void robustnessWithAnUnknownImmutableColumnIsOneLineAndExitOne() throws Exception {
    Run run =
        run(
            "security",
            "robustness",
            "--model",
            TestModels.sample("hmda-deny-v2.onnx").toString(),
            "--data",
            TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString(),
            "--target",
            "deny",
            "--immutable",
            "race");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().endsWith("has no column 'race'");
  }
}
