package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay drift --multivariate} on the engine's PCA golden (make_pca_golden.py): the errors
 * equal scikit-learn's, the flipped correlation is flagged, and no single feature drifted.
 */
class DriftMultivariateCommandTest {
  @TempDir Path dir;

  private Path csv(JsonNode columns, String name) throws Exception {
    StringBuilder s = new StringBuilder("x1,x2,x3,x4,x5\n");
    int n = columns.get(0).size();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        JsonNode v = columns.get(j).get(i);
        s.append(j == 0 ? "" : ",").append(v.isNull() ? "" : Double.toString(v.asDouble()));
      }
      s.append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, s);
    return file;
  }

  @Test
  void aFlippedCorrelationIsMultivariateDriftAndNoFeatureDrift() throws Exception {
    JsonNode g =
        new ObjectMapper()
            .readTree(
                TestModels.repoRoot()
                    .resolve("src/engine/src/test/resources/golden/multivariate/pca.json")
                    .toFile());
    Path ref = csv(g.get("reference"), "ref.csv");
    Path cur = csv(g.get("current"), "cur.csv");
    CliRun.Outcome run =
        CliRun.run(
            dir.resolve("home"),
            "drift",
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--multivariate",
            "--json",
            "-",
            "--quiet");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode doc = run.json();
    JsonNode m = doc.get("multivariate");
    assertThat(m.get("components").asInt()).isEqualTo(g.get("components").asInt());
    assertThat(m.get("reference_error").asDouble())
        .isCloseTo(g.get("reference_error").asDouble(), within(1e-9));
    assertThat(m.get("current_error").asDouble())
        .isCloseTo(g.get("current_error").asDouble(), within(1e-9));
    assertThat(m.get("drift").asBoolean()).isTrue();
    assertThat(doc.get("drifted_features").size()).isZero();
    assertThat(doc.get("drift").asBoolean()).isTrue();
  }
}
