package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay contract infer|check} on the fixture of the engine's contract golden
 * (make_contract_golden.py): the violations the plain-Python reference found, exit 1; the reference
 * passes its own contract, exit 0; an unreadable contract is one line, exit 1.
 */
class ContractCommandTest {
  @TempDir Path dir;

  private static final Path GOLDEN =
      dev.assay.testing.TestModels.repoRoot()
          .resolve("src/engine/src/test/resources/golden/contract");

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  @Test
  void inferThenCheckReportsThePlantedViolations() throws Exception {
    Path contract = dir.resolve("contract.json");
    CliRun.Outcome infer =
        assay(
            "contract",
            "infer",
            "--reference",
            GOLDEN.resolve("ref.csv").toString(),
            "--out",
            contract.toString());
    assertThat(infer.code()).as(infer.err()).isZero();
    assertThat(Files.readString(contract)).contains("\"max_missing_rate\"");

    CliRun.Outcome own =
        assay(
            "contract",
            "check",
            "--contract",
            contract.toString(),
            "--data",
            GOLDEN.resolve("ref.csv").toString());
    assertThat(own.code()).as(own.out() + own.err()).isZero();

    CliRun.Outcome check =
        assay(
            "contract",
            "check",
            "--contract",
            contract.toString(),
            "--data",
            GOLDEN.resolve("cur.csv").toString(),
            "--json",
            "-");
    assertThat(check.code()).isEqualTo(1);
    JsonNode doc = check.json();
    assertThat(doc.get("passed").asBoolean()).isFalse();
    JsonNode expected =
        new ObjectMapper().readTree(GOLDEN.resolve("contract.json").toFile()).get("violations");
    assertThat(doc.get("violations").size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode a = doc.get("violations").get(i);
      JsonNode e = expected.get(i);
      assertThat(a.get("column")).isEqualTo(e.get("column"));
      assertThat(a.get("rule")).isEqualTo(e.get("rule"));
      assertThat(a.get("count").asLong()).isEqualTo(e.get("count").asLong());
      assertThat(a.get("example_rows")).isEqualTo(e.get("example_rows"));
    }

    Files.writeString(dir.resolve("bad.json"), "{not json");
    CliRun.Outcome bad =
        assay(
            "contract",
            "check",
            "--contract",
            dir.resolve("bad.json").toString(),
            "--data",
            GOLDEN.resolve("cur.csv").toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err().strip().lines()).hasSize(1);
  }
}
