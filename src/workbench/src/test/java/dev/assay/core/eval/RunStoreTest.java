package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.Database;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
  @TempDir Path dir;

  /** The pid of a process that has ended. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    long pid = process.pid();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    return pid;
  }

  @Test
  void aRunningRunWhoseProcessDiedIsMarkedInterruptedAtTheNextStart() throws Exception {
    long orphan;
    long live;
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda");
      DatasetVersion data =
          bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
      RunStore runs = bench.workbench().runs();
      EvaluationRequest request = TestWorkbench.request(model, data, "deny", null);
      orphan = runs.start(request, Map.of(), Map.of());
      live = runs.start(request, Map.of(), Map.of());
      try (Database database = Database.open(bench.workbench().home().databaseDirectory());
          Connection connection = database.connection();
          PreparedStatement update =
              connection.prepareStatement("UPDATE eval_run SET owner_pid = ? WHERE id = ?")) {
        update.setLong(1, deadPid());
        update.setLong(2, orphan);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      assertThat(runs.get(orphan).status()).isEqualTo(RunStatus.RUNNING);
    }

    try (TestWorkbench reopened = TestWorkbench.open(dir)) {
      RunStore runs = reopened.workbench().runs();

      RunSummary interrupted = runs.get(orphan);
      assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(interrupted.endedAt()).isNotNull();
      assertThat(interrupted.error()).contains("ended before it finished");
      // this process still owns the other run: it is left running
      assertThat(runs.get(live).status()).isEqualTo(RunStatus.RUNNING);
      assertThat(runs.markInterrupted()).isZero();
      assertThat(reopened.workbench().auditEntries())
          .anyMatch(e -> e.toString().contains("eval.interrupted"));
    }
  }
}
