package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.JobResultFolder;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay runs import FOLDER}: a job's result folder ({@link JobResultFolder}, the layout the
 * Spark job's {@code SparkEval} writes when given a folder) stored as a run. The folder here is
 * written from a local run's result and predictions with the job's own writer, so the imported run
 * must equal the local one: the same metrics, and predictions byte for byte. A damaged or partial
 * folder is refused with one line and nothing stored.
 */
class RunsImportCommandTest {
  private static final ObjectMapper JSON = Json.newMapper();

  @TempDir Path dir;
  private Path home;
  private long local;
  private String sha;

  @BeforeEach
  void evaluateLocally() throws Exception {
    home = dir.resolve("home");
    CliRun.Outcome r =
        CliRun.run(
            home,
            "eval",
            "--model",
            TestModels.sample("hmda-deny-v1.onnx").toString(),
            "--data",
            TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString(),
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    local = r.json().get("run").get("id").asLong();
    try (Workbench workbench = open()) {
      sha = workbench.models().list().getFirst().sha256();
    }
  }

  private Workbench open() {
    return Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester");
  }

  /** A job's folder with the local run's result and predictions, as the job writes it. */
  private Path jobFolder(String name) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    try (Workbench workbench = open()) {
      EvaluationResult result = workbench.runs().result(local);
      workbench.runs().copyPredictions(local, folder.resolve(JobResultFolder.PREDICTIONS));
      Map<String, Object> provenance = new LinkedHashMap<>();
      provenance.put("spark_version", "4.2.0");
      provenance.put("master", "spark://cluster:7077");
      provenance.put("model_sha256", sha);
      JobResultFolder.writeResult(folder, "spark", provenance, result, JSON);
    }
    return folder;
  }

  private CliRun.Outcome importRun(Path folder) {
    return CliRun.run(home, "runs", "import", folder.toString(), "--json");
  }

  @Test
  void aJobsFolderBecomesARunEqualToTheLocalOne() throws Exception {
    CliRun.Outcome r = importRun(jobFolder("job"));

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    long id = doc.get("run_id").asLong();
    assertThat(id).isNotEqualTo(local);
    assertThat(doc.get("engine").asText()).isEqualTo("spark");
    assertThat(doc.get("rows").asLong()).isEqualTo(714);
    try (Workbench workbench = open()) {
      assertThat(workbench.runs().get(id).status().id()).isEqualTo("completed");
      assertThat(workbench.runs().documents(id).configJson()).contains("\"engine\":\"spark\"");
      assertThat(workbench.runs().documents(id).environmentJson())
          .contains("spark://cluster:7077", "imported_from");
      JsonNode mineMetrics = JSON.valueToTree(workbench.runs().result(id).metrics());
      JsonNode theirMetrics = JSON.valueToTree(workbench.runs().result(local).metrics());
      assertThat(mineMetrics.toString()).isEqualTo(theirMetrics.toString());
      Path mine = dir.resolve("mine.pred");
      Path theirs = dir.resolve("theirs.pred");
      workbench.runs().copyPredictions(id, mine);
      workbench.runs().copyPredictions(local, theirs);
      assertThat(Files.readAllBytes(mine)).isEqualTo(Files.readAllBytes(theirs));
    }
  }

  @Test
  void aPartialPredictionsFileIsRefusedAndNothingStored() throws Exception {
    Path folder = jobFolder("partial");
    Path predictions = folder.resolve(JobResultFolder.PREDICTIONS);
    byte[] bytes = Files.readAllBytes(predictions);
    Files.write(predictions, Arrays.copyOf(bytes, bytes.length - 24 * 10));

    CliRun.Outcome r = importRun(folder);

    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("cannot import", "predictions hold 704 rows, its result 714");
    assertThat(runs()).isEqualTo(1);
  }

  @Test
  void aDamagedOrMissingResultIsRefusedWithOneLine() throws Exception {
    Path damaged = jobFolder("damaged");
    Path result = damaged.resolve(JobResultFolder.RESULT);
    String text = Files.readString(result);
    Files.writeString(result, text.substring(0, text.length() / 2));
    CliRun.Outcome r = importRun(damaged);
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("result.json is damaged");

    Path unfinished = jobFolder("unfinished");
    Files.delete(unfinished.resolve(JobResultFolder.RESULT));
    r = importRun(unfinished);
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("has no result.json: the job did not finish");

    Path otherModel = jobFolder("other-model");
    Path doc = otherModel.resolve(JobResultFolder.RESULT);
    Files.writeString(doc, Files.readString(doc).replace(sha, "0".repeat(64)));
    r = importRun(otherModel);
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("is not in the workbench");
    assertThat(runs()).isEqualTo(1);
  }

  private int runs() {
    try (Workbench workbench = open()) {
      return workbench.runs().list(null).size();
    }
  }
}
