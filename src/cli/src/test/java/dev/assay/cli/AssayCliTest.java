package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI over a real workbench in a temporary folder: JSON shapes, messages and exit codes. */
class AssayCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path defaultHome;
  private Path hmdaV1;
  private Path hmdaV2;

  /** Exit code and the two streams of one CLI run. */
  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }

    List<String> errLines() {
      return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    defaultHome = dir.resolve("home");
    // copies, so the JSON's source_path and file names are the test's own
    hmdaV1 = Files.copy(TestModels.sample("hmda-deny-v1.onnx"), dir.resolve("hmda-deny-v1.onnx"));
    hmdaV2 = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), dir.resolve("hmda-deny-v2.onnx"));
  }

  private Run run(String... args) {
    return run(home -> fail("the desktop app must not start for: " + String.join(" ", args)), args);
  }

  private Run run(Consumer<WorkbenchHome> desktop, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            option -> new WorkbenchHome(option != null ? option : defaultHome),
            home -> Workbench.open(home, Clock.systemUTC(), "tester"),
            desktop,
            new PrintWriter(out),
            new PrintWriter(err));
    int code = new AssayCli(context).run(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** Every object key in {@code node} except inside the named free-form maps. */
  private static List<String> keys(JsonNode node, String... freeForm) {
    List<String> keys = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        keys.add(field.getKey());
        if (!List.of(freeForm).contains(field.getKey())) {
          keys.addAll(keys(field.getValue(), freeForm));
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> keys.addAll(keys(element, freeForm)));
    }
    return keys;
  }

  @Test
  void importJsonReportsImportedThenAlreadyPresent() throws Exception {
    Run first = run("models", "import", hmdaV2.toString(), "--json");
    Run again = run("models", "import", hmdaV2.toString(), "--json");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).isEmpty();
    JsonNode imported = first.json();
    assertThat(imported.get("status").asText()).isEqualTo("imported");
    assertThat(imported.get("name").asText()).isEqualTo("hmda-deny-v2");
    assertThat(imported.get("version").isInt()).isTrue();
    assertThat(imported.get("version").asInt()).isEqualTo(1);
    assertThat(imported.get("sha256").asText()).isEqualTo(sha256(hmdaV2));
    assertThat(imported.get("size_bytes").asLong()).isEqualTo(Files.size(hmdaV2));
    assertThat(imported.get("source_path").asText()).isEqualTo(hmdaV2.toString());
    assertThat(imported.get("imported_by").asText()).isEqualTo("tester");
    assertThat(keys(imported)).allMatch(k -> k.matches("[a-z][a-z0-9_]*"), "snake_case");

    assertThat(again.code()).isZero();
    JsonNode present = again.json();
    assertThat(present.get("status").asText()).isEqualTo("already_present");
    assertThat(present.get("version").asInt()).isEqualTo(1);
    assertThat(present.get("sha256").asText()).isEqualTo(imported.get("sha256").asText());
  }

  @Test
  void importHonoursNameVersionNotesAndTags() throws Exception {
    Run run =
        run(
            "models",
            "import",
            hmdaV2.toString(),
            "--name",
            "hmda",
            "--version",
            "5",
            "--notes",
            "stronger",
            "--tag",
            "fair",
            "--tag",
            "lending",
            "--json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("ref").asText()).isEqualTo("hmda:5");
    assertThat(json.get("notes").asText()).isEqualTo("stronger");
    assertThat(json.get("tags")).extracting(JsonNode::asText).containsExactly("fair", "lending");
  }

  @Test
  void importWithoutJsonPrintsOneHumanLine() {
    Run first = run("models", "import", hmdaV2.toString());
    Run again = run("models", "import", hmdaV2.toString());

    assertThat(first.out()).startsWith("imported hmda-deny-v2:1 (sha256 ");
    assertThat(again.out()).startsWith("already registered as hmda-deny-v2:1");
  }

  @Test
  void listJsonIsAnArrayWithOneObjectPerVersion() throws Exception {
    Run empty = run("models", "list", "--json");
    run("models", "import", hmdaV1.toString(), "--name", "hmda");
    run("models", "import", hmdaV2.toString(), "--name", "hmda");

    Run listed = run("models", "list", "--json");

    assertThat(empty.code()).isZero();
    assertThat(empty.json().isArray()).isTrue();
    assertThat(empty.json()).isEmpty();
    assertThat(listed.code()).isZero();
    JsonNode rows = listed.json();
    assertThat(rows.isArray()).isTrue();
    assertThat(rows).hasSize(2);
    assertThat(rows).extracting(r -> r.get("ref").asText()).containsExactly("hmda:1", "hmda:2");
    assertThat(rows.get(0).get("sha256").asText()).isEqualTo(sha256(hmdaV1));
    assertThat(rows.get(1).get("sha256").asText()).isEqualTo(sha256(hmdaV2));
    assertThat(keys(rows)).allMatch(k -> k.matches("[a-z][a-z0-9_]*"), "snake_case");
  }

  @Test
  void listWithoutJsonPrintsATable() {
    run("models", "import", hmdaV2.toString(), "--name", "hmda");

    Run listed = run("models", "list");

    assertThat(listed.out().lines()).hasSize(2);
    assertThat(listed.out()).contains("hmda").contains("input[batch, 13] -> output");
  }

  @Test
  void showJsonHasSignatureOpsetsOpsAndMetadata() throws Exception {
    run("models", "import", hmdaV1.toString(), "--name", "hmda");
    run("models", "import", hmdaV2.toString(), "--name", "hmda");

    Run shown = run("models", "show", "hmda:2", "--json");
    Run newest = run("models", "show", "hmda", "--json");

    assertThat(shown.code()).as(shown.err()).isZero();
    JsonNode json = shown.json();
    assertThat(json.get("name").asText()).isEqualTo("hmda");
    assertThat(json.get("version").asInt()).isEqualTo(2);
    assertThat(json.get("sha256").asText()).isEqualTo(sha256(hmdaV2));
    assertThat(json.get("ir_version").asInt()).isEqualTo(6);

    JsonNode input = json.get("inputs").get(0);
    assertThat(json.get("inputs")).hasSize(1);
    assertThat(input.get("name").asText()).isEqualTo("input");
    assertThat(input.get("type").asText()).isEqualTo("tensor<float>");
    assertThat(input.get("shape").get(0).isTextual()).as("dynamic dim is a string").isTrue();
    assertThat(input.get("shape").get(0).asText()).isEqualTo("batch");
    assertThat(input.get("shape").get(1).isIntegralNumber()).as("fixed dim is a number").isTrue();
    assertThat(input.get("shape").get(1).asInt()).isEqualTo(13);
    JsonNode output = json.get("outputs").get(0);
    assertThat(output.get("name").asText()).isEqualTo("output");
    assertThat(output.get("shape").toString()).isEqualTo("[\"batch\",2]");

    assertThat(json.get("opsets").toString()).isEqualTo("{\"ai.onnx\":13}");
    assertThat(json.get("ops"))
        .extracting(op -> op.get("op_type").asText() + "/" + op.get("count").asInt())
        .containsExactlyInAnyOrder("Gemm/1", "Identity/1", "Mul/1", "Softmax/1", "Sub/1");
    assertThat(json.get("ops")).allMatch(op -> op.get("domain").asText().equals("ai.onnx"));
    assertThat(json.get("parameter_count").asLong()).isEqualTo(54);
    assertThat(json.get("metadata").get("assay.target").asText()).isEqualTo("deny");
    assertThat(JSON.readTree(json.get("metadata").get("assay.features").asText())).hasSize(13);
    assertThat(keys(json, "metadata", "opsets"))
        .allMatch(k -> k.matches("[a-z][a-z0-9_]*"), "snake_case");

    assertThat(newest.json().get("version").asInt()).isEqualTo(2);
  }

  @Test
  void showWithoutJsonPrintsSignatureMetadataAndOperators() {
    run("models", "import", hmdaV2.toString(), "--name", "hmda");

    Run shown = run("models", "show", "hmda:1");

    assertThat(shown.code()).isZero();
    assertThat(shown.out())
        .startsWith("hmda:1")
        .containsPattern("input\\s+tensor<float>\\s+\\[batch, 13\\]")
        .contains("assay.features")
        .containsPattern("Gemm\\s+ai.onnx\\s+1");
  }

  @Test
  void removeDeletesTheVersion() throws Exception {
    run("models", "import", hmdaV1.toString(), "--name", "hmda");
    run("models", "import", hmdaV2.toString(), "--name", "hmda");

    Run removed = run("models", "remove", "hmda:1");
    Run listed = run("models", "list", "--json");

    assertThat(removed.code()).isZero();
    assertThat(removed.out()).isEqualTo("removed hmda:1" + System.lineSeparator());
    assertThat(listed.json()).extracting(r -> r.get("ref").asText()).containsExactly("hmda:2");
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("empty.onnx", new byte[0], "empty"),
        Arguments.of(
            "notes.onnx", "just some text\n".getBytes(StandardCharsets.UTF_8), "not an ONNX model"),
        Arguments.of(
            "garbage.onnx",
            new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff},
            "not an ONNX model"),
        Arguments.of("future.onnx", TestModels.identity(99, 13).toByteArray(), "IR version 99"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badFileExitsOneWithOneLineOnStderrAndNoStackTrace(String name, byte[] bytes, String reason)
      throws Exception {
    Path file = Files.write(dir.resolve(name), bytes);

    Run run = run("models", "import", file.toString(), "--json");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("assay: " + name + ": ").contains(reason);
    assertThat(run.err()).doesNotContain("at dev.assay").doesNotContain("Exception");
    assertThat(run("models", "list", "--json").json()).isEmpty();
  }

  @Test
  void truncatedSampleExitsOneNamingTheFile() throws Exception {
    byte[] whole = Files.readAllBytes(hmdaV2);
    Path file = Files.write(dir.resolve("half.onnx"), Arrays.copyOf(whole, whole.length / 2));

    Run run = run("models", "import", file.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("assay: half.onnx: ")
        .contains("truncated");
  }

  @Test
  void missingFileExitsOne() {
    Run run = run("models", "import", dir.resolve("absent.onnx").toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("assay: absent.onnx: file not found" + System.lineSeparator());
  }

  @ParameterizedTest
  @ValueSource(strings = {"show nope", "show nope:3", "remove nope:1", "show nope --json"})
  void unknownModelExitsOneWithOneLine(String command) {
    Run run = run(("models " + command).split(" "));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString().startsWith("assay: ").contains("nope");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "models import",
        "models frobnicate",
        "models list --bogus",
        "models import a.onnx --version seven",
        "models",
        "--no-such-option"
      })
  void badUsageExitsTwo(String command) {
    Run run = run(command.split(" "));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isNotEmpty().doesNotContain("at dev.assay").doesNotContain("at picocli");
  }

  @Test
  void modelsWithoutSubcommandNamesTheChoicesOnStderr() {
    Run run = run("models");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("choose a command: import, list, show or remove");
  }

  @Test
  void versionPrintsAssayAndExitsZero() {
    Run run = run("--version");

    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("assay ");
  }

  @Test
  void helpListsTheModelsCommandAndExitCodes() {
    Run run = run("--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("models").contains("Exit codes");
  }

  @Test
  void homeOptionSelectsTheWorkbenchFolder() throws Exception {
    Path other = dir.resolve("other-home");

    Run imported = run("--home", other.toString(), "models", "import", hmdaV2.toString());
    Run inOther = run("--home", other.toString(), "models", "list", "--json");
    Run inDefault = run("models", "list", "--json");

    assertThat(imported.code()).isZero();
    assertThat(inOther.json()).hasSize(1);
    assertThat(inDefault.json()).isEmpty();
    assertThat(other.resolve("store/models").resolve(sha256(hmdaV2))).isDirectory();
  }

  @Test
  void noCommandStartsTheDesktopOnTheChosenHome() {
    List<WorkbenchHome> started = new ArrayList<>();
    Path other = dir.resolve("desk");

    Run run = run(started::add, "--home", other.toString());

    assertThat(run.code()).isZero();
    assertThat(started).containsExactly(new WorkbenchHome(other));
  }

  @Test
  void unexpectedFailureExitsThreeWithoutAStackTrace() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext broken =
        new CliContext(
            option -> new WorkbenchHome(defaultHome),
            home -> {
              throw new IllegalStateException("disk on fire");
            },
            home -> fail("desktop"),
            new PrintWriter(out),
            new PrintWriter(err));

    int code = new AssayCli(broken).run("models", "list");

    assertThat(code).isEqualTo(3);
    assertThat(err.toString())
        .startsWith("assay: internal error: ")
        .contains("disk on fire")
        .doesNotContain("at dev.assay");
  }
}
