package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.AssayProcess;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of eval, dataset import, compare and report: the next start finds a
 * consistent workbench (every run completed or interrupted, each with its audit entries, the chain
 * intact, no store folder without its row) and nothing left behind (no temporary files in the
 * workbench or the system's temporary folder, no partial report next to its target). The seed is
 * printed so that a failure can be replayed.
 */
@Tag("multiprocess")
class KillAnywhereTest {
  private static final int KILLS = 8;

  @TempDir Path dir;

  @Test
  void killedAtRandomMomentsTheWorkbenchReopensConsistentAndClean() throws Exception {
    long seed = Long.getLong("assay.kill.seed", System.nanoTime());
    System.out.println("KillAnywhereTest seed: " + seed + " (-Dassay.kill.seed=" + seed + ")");
    Random random = new Random(seed);
    Path home = dir.resolve("home");
    Path logs = dir.resolve("logs");
    Path systemTemp = dir.resolve("systmp");
    Path out = Files.createDirectories(dir.resolve("out"));
    String v1 = TestModels.sample("hmda-deny-v1.onnx").toString();
    String v2 = TestModels.sample("hmda-deny-v2.onnx").toString();
    String hmda = TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString();
    List<String> train =
        Files.readAllLines(TestModels.repoRoot().resolve("models/data/hmda_train.csv"));

    long t0 = System.nanoTime();
    AssayProcess.Result first =
        AssayProcess.start(
                home,
                logs,
                systemTemp,
                "eval",
                "--model",
                v1,
                "--data",
                hmda,
                "--target",
                "deny",
                "--quiet")
            .await(Duration.ofSeconds(120));
    long typicalMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(first.code()).as(first.toString()).isZero();

    for (int i = 0; i < KILLS; i++) {
      String[] args =
          switch (i % 4) {
            case 0 -> new String[] {"eval", "--model", v2, "--data", hmda, "--target", "deny"};
            case 1 -> new String[] {"datasets", "import", uniqueCsv(train, i).toString()};
            case 2 ->
                new String[] {
                  "compare", "--models", v1 + "," + v2, "--data", hmda, "--target", "deny"
                };
            default ->
                new String[] {
                  "report", "xlsx", "--run", "1", "--out", out.resolve("r" + i + ".xlsx").toString()
                };
          };
      AssayProcess process = AssayProcess.start(home, logs, systemTemp, args);
      Thread.sleep(random.nextLong(typicalMs + 1));
      process.kill();
    }

    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "checker")) {
      List<RunSummary> runs = workbench.runs().list(null);
      List<AuditLog.Entry> audit = workbench.auditEntries();
      assertThat(runs)
          .allSatisfy(
              run -> {
                assertThat(run.status()).isIn(RunStatus.COMPLETED, RunStatus.INTERRUPTED);
                String ref = "run:" + run.id();
                String end =
                    run.status() == RunStatus.COMPLETED ? "eval.complete" : "eval.interrupted";
                assertThat(audit)
                    .as("audit entries of " + ref)
                    .anyMatch(e -> e.objectRef().equals(ref) && e.action().equals("eval.start"))
                    .anyMatch(e -> e.objectRef().equals(ref) && e.action().equals(end));
              });
      assertThat(workbench.verifyAudit().intact()).isTrue();
      Set<String> datasetShas =
          workbench.datasets().list().stream().map(d -> d.sha256()).collect(Collectors.toSet());
      Set<String> modelShas =
          workbench.models().list().stream().map(m -> m.sha256()).collect(Collectors.toSet());
      assertThat(names(home.resolve("store/datasets"))).isSubsetOf(datasetShas);
      assertThat(names(home.resolve("store/models"))).isSubsetOf(modelShas);
      assertThat(names(home.resolve("tmp")))
          .containsExactly(workbench.scratch().folder().getFileName().toString());
    }
    assertThat(names(out)).allMatch(name -> name.matches("r\\d+\\.xlsx"));
    assertThat(names(systemTemp)).noneMatch(name -> name.startsWith("poifiles"));
  }

  /** The training data with {@code i} rows dropped: a file of its own for every import. */
  private Path uniqueCsv(List<String> lines, int i) throws Exception {
    Path file = dir.resolve("data-" + i + ".csv");
    List<String> kept = new ArrayList<>(lines.subList(0, lines.size() - i - 1));
    Files.write(file, kept, StandardCharsets.UTF_8);
    return file;
  }

  private static List<String> names(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).toList();
    }
  }
}
