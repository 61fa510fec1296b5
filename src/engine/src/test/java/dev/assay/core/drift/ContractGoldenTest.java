package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.data.CsvSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Data contracts against src/engine/src/test/resources/golden/contract/make_contract_golden.py: the
 * contract inferred from the reference, and the violations of a current file with planted breaches
 * (rule, count, example rows), computed there from the definitions in plain Python.
 */
class ContractGoldenTest {
  private static Path resource(String name) throws Exception {
    return Path.of(ContractGoldenTest.class.getResource("/golden/contract/" + name).toURI());
  }

  private static List<FeatureSample> reference() throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (CsvSource csv = CsvSource.open(resource("ref.csv"))) {
      String[] r;
      while ((r = csv.next()) != null) {
        rows.add(r);
      }
    }
    String[][] cols = new String[3][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int c = 0; c < 3; c++) {
        cols[c][i] = rows.get(i)[c];
      }
    }
    return List.of(
        OutputDrift.numeric("income", cols[0]),
        OutputDrift.numeric("age", cols[1]),
        OutputDrift.categorical("region", cols[2]));
  }

  @Test
  void inferredContractAndViolationsEqualTheReference() throws Exception {
    JsonNode golden = new ObjectMapper().readTree(resource("contract.json").toFile());
    DataContract contract = DataContract.infer(reference());
    for (int i = 0; i < 3; i++) {
      JsonNode g = golden.get("contract").get(i);
      DataContract.Column c = contract.columns().get(i);
      assertThat(c.name()).isEqualTo(g.get("name").asText());
      assertThat(c.kind()).isEqualTo(g.get("kind").asText());
      assertThat(c.maxMissingRate()).isEqualTo(g.get("max_missing_rate").asDouble());
      if (g.has("min")) {
        assertThat(c.min()).isEqualTo(g.get("min").asDouble());
        assertThat(c.max()).isEqualTo(g.get("max").asDouble());
      } else {
        assertThat(c.categories().toString().replace(" ", ""))
            .isEqualTo(g.get("categories").toString().replace("\"", ""));
      }
    }
    ContractCheck.Result result = ContractCheck.check(contract, resource("cur.csv"));
    assertThat(result.rows()).isEqualTo(golden.get("rows").asLong());
    assertThat(result.passed()).isFalse();
    List<String> actual = new ArrayList<>();
    for (ContractCheck.Violation v : result.violations()) {
      actual.add(v.column() + " " + v.rule().id() + " " + v.count() + " " + v.exampleRows());
    }
    List<String> expected = new ArrayList<>();
    for (JsonNode v : golden.get("violations")) {
      List<Long> rows = new ArrayList<>();
      v.get("example_rows").forEach(r -> rows.add(r.asLong()));
      expected.add(
          v.get("column").asText()
              + " "
              + v.get("rule").asText()
              + " "
              + v.get("count").asLong()
              + " "
              + rows);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void theReferenceMeetsItsOwnContractAndTheContractRoundTripsThroughJson() throws Exception {
    DataContract contract = DataContract.infer(reference());
    assertThat(ContractCheck.check(contract, resource("ref.csv")).violations()).isEmpty();
    ObjectMapper json = Json.newMapper();
    String text = json.writeValueAsString(contract);
    assertThat(text).contains("\"max_missing_rate\"").contains("\"allow_non_finite\"");
    assertThat(json.readValue(text, DataContract.class)).isEqualTo(contract);
  }
}
