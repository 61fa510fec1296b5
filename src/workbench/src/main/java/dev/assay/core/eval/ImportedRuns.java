package dev.assay.core.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayVersion;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluations computed outside this process (a Spark job, issue 21), stored as ordinary runs: the
 * same configuration and result as a local run of the request, plus the engine and its provenance.
 * What the workbench remembers (binding, chosen outputs, target map) goes to the job first, and is
 * remembered after it as after a local run. The job's per-row predictions (the engine's {@link
 * PredictionsFile}, written by the Spark job's driver) are stored with the run as a local run's, so
 * the Runs screen, fairness, comparisons and the workbook read them alike; a run imported without
 * them has an empty predictions file.
 */
public final class ImportedRuns {
  private final RunStore runs;
  private final ModelRegistry models;
  private final DatasetRegistry datasets;
  private final ObjectMapper json;
  private final Path scratch;

  public ImportedRuns(
      RunStore runs,
      ModelRegistry models,
      DatasetRegistry datasets,
      ObjectMapper json,
      Path scratch) {
    this.runs = runs;
    this.models = models;
    this.datasets = datasets;
    this.json = json;
    this.scratch = scratch;
  }

  /**
   * What a job needs from the workbench for {@code request}.
   *
   * @param rememberedBinding the binding remembered for the model version, or null
   * @param inputFindings the dataset profile's findings on the bound columns (a local run's
   *     warnings after the binding's own)
   */
  public record Prepared(
      OutputReading reading,
      Binding rememberedBinding,
      Path modelFile,
      Path dataFile,
      List<String> inputFindings) {}

  public Prepared prepare(EvaluationRequest request) {
    OutputReading reading = OutputReading.resolve(request, models.choices(), json);
    Binding remembered = models.binding(request.model()).orElse(null);
    List<String> header =
        request.dataset().profile().columns().stream()
            .sorted(Comparator.comparingInt(ColumnProfile::index))
            .map(ColumnProfile::name)
            .toList();
    Set<String> excluded = new HashSet<>(request.sensitive());
    excluded.add(request.target());
    List<String> findings = List.of();
    if (header.contains(request.target())) {
      BindingResolver.Resolved resolved =
          new BindingResolver(json)
              .resolve(
                  request.model().inspection(), header, request.features(), remembered, excluded);
      findings = InputFindings.of(request.dataset(), resolved.binding());
    }
    return new Prepared(
        reading,
        remembered,
        models.modelFile(request.model()),
        datasets.file(request.dataset()),
        findings);
  }

  /**
   * Stores {@code computed} as a completed run and returns it with the run's id.
   *
   * @param provenance where it was computed (stored in the run's configuration and environment)
   */
  public EvaluationResult store(
      EvaluationRequest request,
      Prepared prepared,
      EvaluationResult computed,
      String engine,
      Map<String, Object> provenance) {
    return store(request, prepared, computed, engine, provenance, null);
  }

  /**
   * Stores {@code computed} as a completed run with its per-row predictions and returns it with the
   * run's id.
   *
   * @param predictions the job's predictions file (moved into the prediction store), or null for
   *     none
   * @throws dev.assay.core.AssayException when the file is not the predictions of {@code computed}
   *     (another class order, or another number of rows)
   */
  public EvaluationResult store(
      EvaluationRequest request,
      Prepared prepared,
      EvaluationResult computed,
      String engine,
      Map<String, Object> provenance,
      Path predictions) {
    if (predictions != null) {
      checkPredictions(predictions, computed);
    }
    long id =
        runs.start(
            request, config(request, prepared, computed, engine), environment(engine, provenance));
    EvaluationResult.Run r = computed.run();
    EvaluationResult result =
        new EvaluationResult(
            new EvaluationResult.Run(
                id,
                RunStatus.COMPLETED.id(),
                request.model().ref(),
                request.dataset().ref(),
                request.target(),
                r.providerRequested(),
                r.provider(),
                r.batchSize(),
                r.threads(),
                r.startedAt(),
                r.endedAt(),
                r.wallSeconds(),
                r.rowsPerSecond(),
                r.latencyP50Ms(),
                r.latencyP95Ms(),
                r.latencyP99Ms(),
                r.peakHeapBytes(),
                r.assayVersion(),
                r.onnxRuntimeVersion(),
                r.jdk(),
                r.os()),
            computed.task(),
            computed.classOrder(),
            computed.positiveLabel(),
            computed.labelSource(),
            computed.binding(),
            computed.bindingSource(),
            computed.rows(),
            computed.skippedRows(),
            computed.missingFeatureCells(),
            computed.metrics(),
            computed.classification(),
            computed.regression(),
            computed.agreement(),
            computed.warnings(),
            computed.reading());
    Path stored = predictions;
    try {
      if (stored == null) {
        Files.createDirectories(scratch);
        stored = Files.createTempFile(scratch, "run-" + id + "-", ".pred");
        new PredictionsFile.Writer(stored, computed.classOrder()).close();
      }
      runs.complete(id, result, stored, PredictionsFile.FORMAT);
    } catch (IOException e) {
      runs.finish(id, RunStatus.FAILED, e.toString());
      throw new UncheckedIOException(e);
    } finally {
      if (stored != null) {
        try {
          Files.deleteIfExists(stored);
        } catch (IOException ignored) {
          // swept with the scratch folder
        }
      }
    }
    if (!computed.bindingSource().equals("default")) {
      models.remember(request.model(), computed.binding());
    }
    prepared.reading().rememberChoices(request, models.choices());
    return result;
  }

  /**
   * Refuses a predictions file whose header is not that of {@code computed}'s class order, or whose
   * size is not that of its rows (a classification row: 16 bytes and 4 per class).
   */
  private void checkPredictions(Path predictions, EvaluationResult computed) {
    try {
      Files.createDirectories(scratch);
      Path header = Files.createTempFile(scratch, "header-", ".pred");
      try {
        new PredictionsFile.Writer(header, computed.classOrder()).close();
        byte[] expected = Files.readAllBytes(header);
        byte[] actual = new byte[expected.length];
        int read;
        try (var in = Files.newInputStream(predictions)) {
          read = in.readNBytes(actual, 0, actual.length);
        }
        int classes = computed.classOrder().size();
        long rowBytes = classes == 0 ? 24 : 16 + 4L * classes;
        long size = Files.size(predictions);
        if (read != expected.length || !java.util.Arrays.equals(actual, expected)) {
          throw new dev.assay.core.AssayException(
              "the job's predictions are not of the classes " + computed.classOrder());
        }
        if (size - expected.length != computed.rows() * rowBytes) {
          throw new dev.assay.core.AssayException(
              "the job's predictions hold "
                  + (size - expected.length) / rowBytes
                  + " rows, its result "
                  + computed.rows());
        }
      } finally {
        Files.deleteIfExists(header);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records a run the engine could not complete, with its one-line reason. */
  public long storeFailure(
      EvaluationRequest request,
      Prepared prepared,
      String engine,
      Map<String, Object> provenance,
      String error) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("engine", engine);
    config.putAll(prepared.reading().config());
    long id = runs.start(request, config, environment(engine, provenance));
    runs.finish(id, RunStatus.FAILED, error);
    return id;
  }

  private static Map<String, Object> config(
      EvaluationRequest request, Prepared prepared, EvaluationResult computed, String engine) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("engine", engine);
    config.put("binding", computed.binding());
    config.put("binding_source", computed.bindingSource());
    config.put("positive_label", request.positiveLabel());
    config.put("label_source", request.labelSource().id());
    config.put("threads", computed.run().threads());
    config.put("softmax", request.softmax());
    config.putAll(prepared.reading().config());
    CellPolicy cells = CellPolicy.forModel(request.model().inspection(), request.allowNonFinite());
    config.put("nonfinite_cells", cells.allowNonFinite() ? "passed" : "refused");
    config.put(
        "missing_cells", (cells.passMissing() ? "passed: " : "refused: ") + cells.missingReason());
    return config;
  }

  private static Map<String, Object> environment(String engine, Map<String, Object> provenance) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("assay", AssayVersion.version());
    env.put("engine", engine);
    env.put(engine, provenance);
    env.put("jdk", Runtime.version().toString());
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return env;
  }
}
