package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.AssayProcess;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight CLI calls started at once on one workbench, as separate processes, in rounds (the first on
 * a brand-new workbench, so they also race to create and migrate it): every call succeeds, no run
 * is left running, and the audit chain holds.
 */
@Tag("multiprocess")
class ConcurrentCliTest {
  private static final Duration PER_ROUND = Duration.ofSeconds(120);
  private static final int ROUNDS = 2;
  private static final Pattern RUN_ID = Pattern.compile("^run (\\d+): ", Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void eightMixedCommandsAtOnceAllSucceedRoundAfterRound() throws Exception {
    Path home = dir.resolve("home");
    String v1 = TestModels.sample("hmda-deny-v1.onnx").toString();
    String v2 = TestModels.sample("hmda-deny-v2.onnx").toString();
    String hmda = TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString();
    String titanic = TestModels.repoRoot().resolve("models/data/titanic_test.csv").toString();
    List<List<String>> fresh =
        List.of(
            List.of("models", "import", v1, "--name", "hmda"),
            List.of("models", "import", v2, "--name", "hmda"),
            List.of("datasets", "import", hmda),
            List.of("eval", "--model", v1, "--data", hmda, "--target", "deny", "--quiet"),
            List.of("eval", "--model", v2, "--data", hmda, "--target", "deny", "--quiet"),
            List.of("models", "list"),
            List.of("audit", "verify"),
            List.of("datasets", "import", titanic));
    List<AssayProcess.Result> all = new ArrayList<>(round(home, fresh));
    // the report names a run of the first round by the id its evaluation printed: run ids are an
    // identity column, and an insert rolled back while the brand-new workbench was busy (then
    // retried) uses up an id, so the first run need not be run 1
    String firstRun =
        all.stream()
            .map(r -> RUN_ID.matcher(r.out()))
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no evaluation printed its run: " + all));
    for (int round = 2; round <= ROUNDS; round++) {
      Path report = dir.resolve("report-" + round + ".xlsx");
      all.addAll(
          round(
              home,
              List.of(
                  List.of("eval", "--model", v1, "--data", hmda, "--target", "deny", "--quiet"),
                  List.of("eval", "--model", v2, "--data", hmda, "--target", "deny", "--quiet"),
                  List.of(
                      "compare",
                      "--models",
                      v1 + "," + v2,
                      "--data",
                      hmda,
                      "--target",
                      "deny",
                      "--quiet"),
                  List.of(
                      "report", "xlsx", "--run", firstRun, "--out", report.toString(), "--quiet"),
                  List.of("audit", "verify"),
                  List.of("datasets", "import", titanic),
                  List.of("datasets", "list"),
                  List.of("models", "list", "--json"))));
    }

    assertThat(all)
        .allSatisfy(
            r -> {
              assertThat(r.code()).as(r.toString()).isZero();
              assertThat(r.err()).as(r.toString()).doesNotContain("internal error", "encrypted");
            });
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "checker")) {
      List<RunSummary> runs = workbench.runs().list(null);
      // 2 evals per round and 2 runs per comparison
      assertThat(runs).hasSize(2 + 4 * (ROUNDS - 1));
      assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETED));
      assertThat(workbench.verifyAudit().intact()).isTrue();
      // two names may get the same bytes when imported at the same moment; both are complete
      assertThat(workbench.models().list().stream().map(m -> m.sha256()).distinct()).hasSize(2);
    }
    try (Stream<Path> tmp = Files.list(home.resolve("tmp"))) {
      assertThat(tmp).as("every process removed its temporary folder").isEmpty();
    }
  }

  private List<AssayProcess.Result> round(Path home, List<List<String>> commands) throws Exception {
    List<AssayProcess> started = new ArrayList<>();
    for (List<String> command : commands) {
      started.add(
          AssayProcess.start(
              home, dir.resolve("logs"), dir.resolve("systmp"), command.toArray(String[]::new)));
    }
    List<AssayProcess.Result> results = new ArrayList<>();
    for (AssayProcess process : started) {
      results.add(process.await(PER_ROUND));
    }
    return results;
  }
}
