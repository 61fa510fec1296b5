package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file that looks like a registered version (same path and size, not modified since) is
 * evaluated from that version while it is hashed on another thread: the run is that of the usual
 * path, and a file whose bytes changed is caught before a run is stored against the old version,
 * even when its size and time stamp say nothing changed.
 */
class VerifiedEvaluationTest {
  /** Before the test workbench's fixed clock (2026-01-02), so the file looks unmodified. */
  private static final FileTime BEFORE_IMPORT =
      FileTime.from(Instant.parse("2025-06-01T00:00:00Z"));

  @TempDir Path dir;

  private static Function<DatasetVersion, EvaluationRequest> requests(ModelVersion model) {
    return data ->
        EvaluationRequest.builder(model, data, "deny").provider(ExecutionProvider.CPU).build();
  }

  private Path sample(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.copy(TestModels.repoRoot().resolve("models/data/hmda_test.csv"), file);
    Files.setLastModifiedTime(file, BEFORE_IMPORT);
    return file;
  }

  private static List<String> predictions(TestWorkbench bench, Path dir, long run)
      throws IOException {
    Path csv = dir.resolve("predictions-" + run + ".csv");
    new PredictionsExport(bench.workbench().runs(), dir.resolve("scratch")).toCsv(run, csv);
    return Files.readAllLines(csv);
  }

  @Test
  void aRegisteredFileGivesTheUsualRunOfItsVersion() throws IOException {
    Path file = sample("same.csv");
    try (TestWorkbench bench = TestWorkbench.open(dir.resolve("same"))) {
      ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), null);
      DatasetVersion registered = bench.importCsv(file);
      var evaluations = bench.workbench().evaluations();
      assertThat(bench.workbench().datasets().likelyVersionOf(file)).contains(registered);

      EvaluationResult usual = bench.run(requests(model).apply(registered));
      EvaluationResult verified =
          evaluations.run(file, requests(model), Progress.NONE, Cancellation.NONE);

      assertThat(verified.run().dataset()).isEqualTo(registered.ref());
      assertThat(verified.metrics()).isEqualTo(usual.metrics());
      assertThat(verified.warnings()).isEqualTo(usual.warnings());
      assertThat(verified.rows()).isEqualTo(usual.rows());
      assertThat(predictions(bench, dir, verified.run().id()))
          .isEqualTo(predictions(bench, dir, usual.run().id()));
      assertThat(bench.workbench().runs().get(verified.run().id()).status())
          .isEqualTo(RunStatus.COMPLETED);
      assertThat(bench.workbench().datasets().list()).hasSize(1);
    }
  }

  @Test
  void aFileChangedAfterItsImportIsCaughtEvenWithTheSameSizeAndTimeStamp() throws IOException {
    Path file = sample("changed.csv");
    try (TestWorkbench bench = TestWorkbench.open(dir.resolve("changed"))) {
      ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), null);
      DatasetVersion registered = bench.importCsv(file);
      // the same number of bytes: every target 0 becomes 1 and 1 becomes 0; time stamp put back
      List<String> lines = new ArrayList<>(Files.readAllLines(file));
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        char last = line.charAt(line.length() - 1);
        lines.set(i, line.substring(0, line.length() - 1) + (last == '0' ? '1' : '0'));
      }
      long size = Files.size(file);
      Files.write(file, lines);
      assertThat(Files.size(file)).isEqualTo(size);
      Files.setLastModifiedTime(file, BEFORE_IMPORT);
      assertThat(bench.workbench().datasets().likelyVersionOf(file)).contains(registered);

      EvaluationResult verified =
          bench
              .workbench()
              .evaluations()
              .run(file, requests(model), Progress.NONE, Cancellation.NONE);

      List<DatasetVersion> versions = bench.workbench().datasets().list();
      assertThat(versions).hasSize(2);
      DatasetVersion changed = versions.get(1);
      assertThat(changed.sha256()).isNotEqualTo(registered.sha256());
      assertThat(verified.run().dataset()).isEqualTo(changed.ref());
      // no run of any status was stored against the old version
      assertThat(bench.workbench().runs().list(null))
          .singleElement()
          .satisfies(run -> assertThat(run.datasetId()).isEqualTo(changed.id()));
      EvaluationResult reference = bench.run(requests(model).apply(changed));
      assertThat(verified.metrics()).isEqualTo(reference.metrics());
      assertThat(verified.metrics())
          .isNotEqualTo(bench.run(requests(model).apply(registered)).metrics());
    }
  }

  @Test
  void aFileModifiedAfterItsImportIsNotTakenForItsVersion() throws IOException {
    Path file = sample("touched.csv");
    try (TestWorkbench bench = TestWorkbench.open(dir.resolve("touched"))) {
      bench.importCsv(file);
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-06-01T00:00:00Z")));
      assertThat(bench.workbench().datasets().likelyVersionOf(file)).isEmpty();
      Files.setLastModifiedTime(file, BEFORE_IMPORT);
      Files.writeString(dir.resolve("other.csv"), Files.readString(file));
      Files.setLastModifiedTime(dir.resolve("other.csv"), BEFORE_IMPORT);
      assertThat(bench.workbench().datasets().likelyVersionOf(dir.resolve("other.csv"))).isEmpty();
    }
  }
}
