package dev.assay.testing;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A workbench in a temporary folder with shortcuts for importing and evaluating. */
public final class TestWorkbench implements AutoCloseable {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final Path dir;
  private final Workbench workbench;

  private TestWorkbench(Path dir, Workbench workbench) {
    this.dir = dir;
    this.workbench = workbench;
  }

  /** Opens a workbench whose home is {@code dir/home}. */
  public static TestWorkbench open(Path dir) {
    WorkbenchHome home = new WorkbenchHome(dir.resolve("home"));
    return new TestWorkbench(dir, Workbench.open(home, Clock.fixed(NOW, ZoneOffset.UTC), "tester"));
  }

  public Workbench workbench() {
    return workbench;
  }

  public ModelVersion importModel(Path file, String name) {
    return workbench
        .models()
        .importModel(
            new ImportRequest(file, name, null, null, List.of()), Progress.NONE, Cancellation.NONE)
        .model();
  }

  public DatasetVersion importCsv(Path file) {
    return workbench
        .datasets()
        .importDataset(file, null, Progress.NONE, Cancellation.NONE)
        .dataset();
  }

  /** Writes {@code lines} (joined with newlines) to {@code dir/data/name} and imports it. */
  public DatasetVersion importCsv(String name, String... lines) throws IOException {
    Path file = dir.resolve("data").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return importCsv(file);
  }

  /** A request with defaults: CPU, default batch, label output, no softmax. */
  public static EvaluationRequest request(
      ModelVersion model, DatasetVersion data, String target, List<String> features) {
    return new EvaluationRequest(
        model,
        data,
        target,
        features,
        null,
        List.of(),
        ExecutionProvider.CPU,
        0,
        1,
        EvaluationRequest.LabelSource.LABEL_OUTPUT,
        false);
  }

  public EvaluationResult run(EvaluationRequest request) {
    return workbench.evaluations().run(request, Progress.NONE, Cancellation.NONE);
  }

  @Override
  public void close() {
    workbench.close();
  }
}
