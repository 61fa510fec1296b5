package dev.assay.core.eval;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.registry.PendingImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a dataset through a model version: streams the CSV in batches, binds columns to inputs, runs
 * ONNX Runtime, decodes outputs, accumulates metrics and stores the run with its per-row
 * predictions. Memory stays bounded by the batch size plus what exact score metrics need (one float
 * and one int per row).
 */
public final class EvaluationRunner {
  private final OnnxRuntime runtime;
  private final ModelRegistry models;
  private final DatasetRegistry datasets;
  private final RunStore runs;
  private final BindingResolver bindings;
  private final ObjectMapper json;
  private final Clock clock;
  private final Path scratch;

  public EvaluationRunner(
      OnnxRuntime runtime,
      ModelRegistry models,
      DatasetRegistry datasets,
      RunStore runs,
      ObjectMapper json,
      Clock clock,
      Path scratch) {
    this.runtime = runtime;
    this.models = models;
    this.datasets = datasets;
    this.runs = runs;
    this.bindings = new BindingResolver(json);
    this.json = json;
    this.clock = clock;
    this.scratch = scratch;
  }

  /**
   * Evaluates and stores the run.
   *
   * @throws AssayException for problems the user can fix (columns, labels, cells), naming row and
   *     column
   * @throws Cancellation.CancelledException when cancelled (the run is stored as cancelled)
   */
  public EvaluationResult run(EvaluationRequest request, Progress progress, Cancellation cancel) {
    DatasetInput input = DatasetInput.open(datasets, request.dataset());
    Plan plan = plan(request, input.header());
    long runId = runs.start(request, plan.config(), environment());
    return stored(runId, request, plan, input, progress, cancel);
  }

  /**
   * Evaluates on a dataset file that is imported in the same pass ({@link ImportingEvaluation}), or
   * on the version already holding its bytes.
   *
   * @param requests the request for the dataset version the file is, or becomes
   */
  public EvaluationResult run(
      PendingImport pending,
      Function<DatasetVersion, EvaluationRequest> requests,
      Progress progress,
      Cancellation cancel) {
    if (pending.existing() != null) {
      return run(requests.apply(pending.existing()), progress, cancel);
    }
    return new ImportingEvaluation(this, datasets).run(pending, requests, progress, cancel);
  }

  /**
   * Evaluates a dataset file: from the registered version it most likely is, confirmed by the
   * file's hash computed meanwhile on another thread ({@link VerifiedEvaluation}); otherwise hashed
   * first and evaluated as {@link #run(PendingImport, Function, Progress, Cancellation)} does.
   *
   * @param requests the request for the dataset version the file is, or becomes
   */
  public EvaluationResult run(
      Path file,
      Function<DatasetVersion, EvaluationRequest> requests,
      Progress progress,
      Cancellation cancel) {
    return datasets
        .likelyVersionOf(file)
        .map(
            likely ->
                new VerifiedEvaluation(this, datasets)
                    .run(file, likely, requests, progress, cancel))
        .orElseGet(
            () ->
                run(
                    datasets.prepare(file, null, Progress.NONE, cancel),
                    requests,
                    progress,
                    cancel));
  }

  /** How a request reads its dataset and model, settled before any row is read. */
  record Plan(
      BindingResolver.Resolved resolved,
      OutputReading reading,
      CellPolicy cells,
      Map<String, Object> config) {}

  Plan plan(EvaluationRequest request, List<String> header) {
    return new RunPlanner(bindings, models, json).plan(request, header);
  }

  /** Scores a run whose row is stored and completes it, or marks it failed or cancelled. */
  private EvaluationResult stored(
      long runId,
      EvaluationRequest request,
      Plan plan,
      DatasetInput input,
      Progress progress,
      Cancellation cancel) {
    BindingResolver.Resolved resolved = plan.resolved();
    OutputReading reading = plan.reading();
    Path predictions = null;
    try {
      Files.createDirectories(scratch);
      predictions = Files.createTempFile(scratch, "run-" + runId + "-", ".pred");
      EvaluationResult result =
          execute(
              request,
              plan,
              input,
              predictions,
              progress,
              cancel,
              () -> new Registered(runId, request));
      complete(runId, request, plan, result, predictions);
      return result;
    } catch (Cancellation.CancelledException e) {
      runs.finish(runId, RunStatus.CANCELLED, null);
      throw e;
    } catch (OrtException | IOException | RuntimeException | OutOfMemoryError e) {
      throw failed(runId, e);
    } finally {
      if (predictions != null) {
        try {
          Files.deleteIfExists(predictions);
        } catch (IOException ignored) {
          // a leftover scratch file is harmless
        }
      }
    }
  }

  /** Stores a scored run with its predictions and remembers the binding and outputs used. */
  void complete(
      long runId, EvaluationRequest request, Plan plan, EvaluationResult result, Path predictions)
      throws IOException {
    runs.complete(runId, result, predictions, PredictionsFile.FORMAT);
    if (!plan.resolved().source().equals("default")) {
      models.remember(request.model(), plan.resolved().binding());
    }
    plan.reading().rememberChoices(request, models.choices());
  }

  /** Marks a stored run failed by {@code e}; returns the one-line exception to throw. */
  AssayException failed(long runId, Throwable e) {
    return new RunFailures(runs).failed(runId, e);
  }

  RunStore runs() {
    return runs;
  }

  Path scratch() {
    return scratch;
  }

  /**
   * What a run scored without a target says in its configuration ({@code labels}), so no reader
   * takes it for an evaluation with metrics.
   */
  public static final String UNLABELLED = "none: scored without a target, no label metrics";

  /** The stored run a scored evaluation becomes: its id and its request's dataset version. */
  record Registered(long runId, EvaluationRequest request) {}

  /** Stores the run (and, for a new file, its dataset) once every row is scored. */
  interface Registration {
    Registered register() throws IOException;
  }

  /**
   * Scores every row; {@code registration} runs once they are scored and the result is sure (no
   * refusal left), and gives the run's id and the request with its registered dataset.
   */
  EvaluationResult execute(
      EvaluationRequest request,
      Plan plan,
      DatasetInput input,
      Path predictionsFile,
      Progress progress,
      Cancellation cancel,
      Registration registration)
      throws OrtException, IOException {
    BindingResolver.Resolved resolved = plan.resolved();
    OutputReading reading = plan.reading();
    CellPolicy cells = plan.cells();
    Binding binding = resolved.binding();
    List<String> warnings = new ArrayList<>(resolved.warnings());
    Instant started = clock.instant();
    long wallStart = System.nanoTime();
    List<String> header = input.header();
    int targetIndex = request.labelled() ? header.indexOf(request.target()) : -1;
    int[][] columnIndex = new int[binding.inputs().size()][];
    for (int i = 0; i < columnIndex.length; i++) {
      List<String> columns = binding.inputs().get(i).columns();
      columnIndex[i] = columns.stream().mapToInt(header::indexOf).toArray();
    }
    List<String> metadataLabels = ModelMetadata.classLabels(request.model().inspection(), json);
    boolean regression = ModelMetadata.isRegression(request.model().inspection());
    OutputDecoder decoder =
        OutputDecoder.plan(
            request.model().inspection(),
            metadataLabels,
            regression,
            request.softmax(),
            reading.outputs());
    int batchSize = binding.fixedBatch() > 0 ? binding.fixedBatch() : request.batchSize();
    if (binding.fixedBatch() > 0 && binding.fixedBatch() != request.batchSize()) {
      warnings.add(
          "the model's batch dimension is fixed at " + batchSize + "; batches of " + batchSize);
    }
    int inFlight = inFlight(request);
    try (RunState state = new RunState(decoder, request, reading, scratch);
        InferenceSession session =
            runtime.open(
                models.modelFile(request.model()),
                request.provider(),
                inFlight > 1 ? 1 : request.threads());
        BatchSource reader =
            input.batches(
                targetIndex,
                columnIndex,
                binding,
                batchSize,
                decoder.task() == OutputDecoder.Task.REGRESSION,
                warnings,
                cells)) {
      warnings.addAll(session.warnings());
      reader.start();
      if (inFlight > 1) {
        BatchScoring.inParallel(
            inFlight,
            session,
            decoder,
            reader,
            state,
            predictionsFile,
            wallStart,
            progress,
            cancel);
      } else {
        BatchScoring.oneAtATime(
            session, reader, state, predictionsFile, wallStart, progress, cancel);
      }
      state.skippedRows = reader.skippedRows();
      state.missingTargets = reader.missingTargets();
      state.missingCells = reader.missingCells();
      long nonFinite = reader.nonFiniteCells();
      warnings.addAll(reader.notes());
      state.closeWriter();
      long wallNanos = System.nanoTime() - wallStart;
      BatchScoring.report(progress, state.rows, reader.size(), reader.size(), wallNanos);
      if (state.rows == 0) {
        throw new AssayException(
            "the dataset "
                + request.dataset().ref()
                + (request.labelled()
                    ? " has no rows with a target value to evaluate"
                    : " has no rows to score"));
      }
      Registered registered = registration.register();
      request = registered.request();
      // the profile's findings on bound columns come right after the binding's warnings
      warnings.addAll(resolved.warnings().size(), InputFindings.of(request.dataset(), binding));
      ScoredRun.addCountWarnings(state, nonFinite, warnings);
      EvaluationResult.Run run =
          ScoredRun.record(
              registered.runId(),
              request,
              session.provider().id(),
              batchSize,
              started,
              clock.instant(),
              wallNanos,
              state,
              runtime.version());
      return state.result(run, resolved, warnings);
    }
  }

  /**
   * Batches scored at once on the CPU when the user left the thread count to Assay: one per core
   * (at most {@value #MAX_IN_FLIGHT}), each on a single ONNX Runtime thread. Whole batches in
   * parallel keep every core busy through the model's serial stretches and need no hand-over inside
   * an operator; with ONNX Runtime's own intra-op threads instead, the evaluation benchmark's MLP
   * ran up to 10% slower on an idle 2-core machine and up to 3x slower on a busy one. A thread
   * count the user sets, and CUDA, keep one batch at a time.
   */
  int inFlight(EvaluationRequest request) {
    boolean cpu =
        request.provider() == ExecutionProvider.CPU
            || request.provider() == ExecutionProvider.AUTO
                && !runtime.availableProviders().contains("CUDA");
    if (!cpu || request.threads() > 0) {
      return 1;
    }
    return Math.clamp(Runtime.getRuntime().availableProcessors(), 1, MAX_IN_FLIGHT);
  }

  /** Most batches scored at once. */
  static final int MAX_IN_FLIGHT = BatchSource.MAX_IN_FLIGHT;

  Map<String, Object> environment() {
    return RunEnvironment.of(runtime);
  }
}
