package dev.assay.core.eval;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.AssayVersion;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.metrics.LatencySummary;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.registry.PendingImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** How a request reads its dataset and model, settled before any row is read. */
  record Plan(
      BindingResolver.Resolved resolved,
      OutputReading reading,
      CellPolicy cells,
      Map<String, Object> config) {}

  Plan plan(EvaluationRequest request, List<String> header) {
    if (!header.contains(request.target())) {
      throw new AssayException(
          "the dataset "
              + request.dataset().ref()
              + " has no target column '"
              + request.target()
              + "'; columns: "
              + String.join(", ", header));
    }
    Set<String> excluded = new HashSet<>(request.sensitive());
    excluded.add(request.target());
    BindingResolver.Resolved resolved =
        bindings.resolve(
            request.model().inspection(),
            header,
            request.features(),
            models.binding(request.model()).orElse(null),
            excluded);
    if (resolved.binding().columns().contains(request.target())) {
      throw new AssayException(
          "the target column '" + request.target() + "' is also bound as a model input");
    }
    OutputReading reading = OutputReading.resolve(request, models.choices(), json);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("binding", resolved.binding());
    config.put("binding_source", resolved.source());
    config.put("positive_label", request.positiveLabel());
    config.put("label_source", request.labelSource().id());
    config.put("threads", request.threads());
    config.put("softmax", request.softmax());
    config.putAll(reading.config());
    CellPolicy cells = CellPolicy.forModel(request.model().inspection(), request.allowNonFinite());
    config.put("nonfinite_cells", cells.allowNonFinite() ? "passed" : "refused");
    config.put(
        "missing_cells", (cells.passMissing() ? "passed: " : "refused: ") + cells.missingReason());
    return new Plan(resolved, reading, cells, config);
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
    if (e instanceof AssayException refusal) {
      runs.finish(runId, RunStatus.FAILED, refusal.getMessage());
      return refusal;
    }
    if (e instanceof OrtException ort) {
      runs.finish(runId, RunStatus.FAILED, ort.getMessage());
      return new AssayException(
          "ONNX Runtime failed on this model and data: " + ort.getMessage(), ort);
    }
    if (causedByOutOfMemory(e)) {
      String message = outOfMemory();
      try {
        runs.finish(runId, RunStatus.FAILED, message);
      } catch (RuntimeException storeClosed) {
        // H2 closes the database when it runs out of memory; the next start marks the run
      }
      return new AssayException(message);
    }
    runs.finish(runId, RunStatus.FAILED, String.valueOf(e));
    return new AssayException("evaluation failed: " + e, e);
  }

  RunStore runs() {
    return runs;
  }

  Path scratch() {
    return scratch;
  }

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
    int targetIndex = header.indexOf(request.target());
    int[][] columnIndex = new int[binding.inputs().size()][];
    for (int i = 0; i < columnIndex.length; i++) {
      List<String> columns = binding.inputs().get(i).columns();
      columnIndex[i] = columns.stream().mapToInt(header::indexOf).toArray();
    }
    List<String> metadataLabels = metadataLabels(request);
    boolean regression = isRegression(request);
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
        scoreInParallel(
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
        long lastReport = 0;
        ParsedBatch batch;
        while ((batch = reader.next()) != null) {
          state.process(session, batch, predictionsFile);
          reader.recycle(batch);
          cancel.throwIfCancelled();
          long now = System.nanoTime();
          if (now - lastReport > 200_000_000L) {
            lastReport = now;
            report(progress, state.rows, reader.position(), reader.size(), now - wallStart);
          }
        }
      }
      state.skippedRows = reader.skippedRows();
      state.missingTargets = reader.missingTargets();
      state.missingCells = reader.missingCells();
      long nonFinite = reader.nonFiniteCells();
      warnings.addAll(reader.notes());
      state.closeWriter();
      long wallNanos = System.nanoTime() - wallStart;
      report(progress, state.rows, reader.size(), reader.size(), wallNanos);
      if (state.rows == 0) {
        throw new AssayException(
            "the dataset "
                + request.dataset().ref()
                + " has no rows with a target value to evaluate");
      }
      Registered registered = registration.register();
      request = registered.request();
      // the profile's findings on bound columns come right after the binding's warnings
      warnings.addAll(resolved.warnings().size(), InputFindings.of(request.dataset(), binding));
      if (state.missingTargets > 0) {
        warnings.add(state.missingTargets + " rows without a target value were skipped");
      }
      if (state.missingCells > 0) {
        warnings.add(
            state.missingCells
                + " missing feature cells were passed to the model as NaN (0 for integer inputs)");
      }
      if (nonFinite > 0) {
        warnings.add(
            nonFinite + " infinite feature cells were passed to the model (--allow-nonfinite)");
      }
      if (state.agreement != null && state.agreement.disagreements > 0) {
        warnings.addFirst(
            "the label output and the probabilities disagree on "
                + state.agreement.disagreements
                + " of "
                + state.agreement.compared
                + " rows (see agreement)");
      }
      LatencySummary latency = state.latency.snapshot(wallNanos);
      EvaluationResult.Run run =
          new EvaluationResult.Run(
              registered.runId(),
              RunStatus.COMPLETED.id(),
              request.model().ref(),
              request.dataset().ref(),
              request.target(),
              request.provider().id(),
              session.provider().id(),
              batchSize,
              request.threads(),
              started,
              clock.instant(),
              wallNanos / 1e9,
              state.rows / (wallNanos / 1e9),
              latency.p50Millis(),
              latency.p95Millis(),
              latency.p99Millis(),
              state.peakHeap,
              AssayVersion.version(),
              runtime.version(),
              Runtime.version().toString(),
              System.getProperty("os.name")
                  + " "
                  + System.getProperty("os.version")
                  + " "
                  + System.getProperty("os.arch"));
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

  /**
   * Scores up to {@code inFlight} batches at once on worker threads and takes their predictions in
   * data order on this thread. One more batch waits queued, so a worker that finishes starts on it
   * at once instead of idling until this thread has taken the oldest batch in (a gap of about 5%
   * per batch in the evaluation benchmark's MLP). Waits for every batch in flight before returning,
   * also on failure or cancellation, so the session is never closed under a running batch.
   */
  private static void scoreInParallel(
      int inFlight,
      InferenceSession session,
      OutputDecoder decoder,
      BatchSource reader,
      RunState state,
      Path predictionsFile,
      long wallStart,
      Progress progress,
      Cancellation cancel)
      throws OrtException, IOException {
    AtomicInteger ids = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            inFlight,
            task ->
                Thread.ofPlatform()
                    .name("assay-scorer-" + ids.incrementAndGet())
                    .daemon()
                    .unstarted(task));
    ArrayDeque<Future<RunState.Scored>> pending = new ArrayDeque<>();
    ArrayDeque<OutputDecoder.Decoded> spare = new ArrayDeque<>();
    try {
      long lastReport = 0;
      ParsedBatch batch = reader.next();
      if (batch != null) {
        // The first batch settles which output holds the probabilities: scored alone, in order.
        takeIn(
            CompletableFuture.completedFuture(RunState.score(session, decoder, batch, null)),
            reader,
            state,
            spare,
            predictionsFile);
        batch = reader.next();
      }
      for (; batch != null; batch = reader.next()) {
        ParsedBatch submitted = batch;
        OutputDecoder.Decoded into = spare.poll();
        pending.add(workers.submit(() -> RunState.score(session, decoder, submitted, into)));
        if (pending.size() > inFlight) {
          takeIn(pending.poll(), reader, state, spare, predictionsFile);
        }
        cancel.throwIfCancelled();
        long now = System.nanoTime();
        if (now - lastReport > 200_000_000L) {
          lastReport = now;
          report(progress, state.rows, reader.position(), reader.size(), now - wallStart);
        }
      }
      while (!pending.isEmpty()) {
        takeIn(pending.poll(), reader, state, spare, predictionsFile);
      }
    } finally {
      workers.shutdown();
      boolean interrupted = false;
      while (true) {
        try {
          if (workers.awaitTermination(1, TimeUnit.MINUTES)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for one scored batch and takes it in; rethrows what went wrong while scoring it. */
  private static void takeIn(
      Future<RunState.Scored> next,
      BatchSource reader,
      RunState state,
      ArrayDeque<OutputDecoder.Decoded> spare,
      Path predictionsFile)
      throws OrtException, IOException {
    RunState.Scored scored;
    try {
      scored = next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancellation.CancelledException();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case OrtException ort -> throw ort;
        case RuntimeException runtime -> throw runtime;
        case Error error -> throw error;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
    state.accept(scored, predictionsFile);
    spare.add(scored.decoded());
    reader.recycle(scored.batch());
  }

  /** Whether {@code e} reports an out-of-memory error (H2 wraps its own in SQL exceptions). */
  private static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError
          || t.getMessage() != null && t.getMessage().contains("OutOfMemoryError")) {
        return true;
      }
    }
    return false;
  }

  /** One line for a run that ran out of memory: the heap limit and what to change. */
  static String outOfMemory() {
    long mib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return "evaluation ran out of memory (Java heap limit "
        + mib
        + " MiB); give it more (ASSAY_JAVA_OPTS=-Xmx...) or use a smaller --batch";
  }

  private static void report(Progress progress, long rows, long bytes, long total, long nanos) {
    double seconds = nanos / 1e9;
    double rate = seconds > 0 ? rows / seconds : 0;
    String eta = "";
    if (total > 0 && bytes > 0 && bytes < total) {
      long remaining = (long) (seconds * (total - bytes) / bytes);
      eta = ", ETA " + Duration.ofSeconds(remaining).toString().substring(2).toLowerCase();
    }
    progress.update(
        bytes,
        total,
        String.format(java.util.Locale.ROOT, "%,d rows, %,.0f rows/s%s", rows, rate, eta));
  }

  private List<String> metadataLabels(EvaluationRequest request) {
    String labels = request.model().inspection().metadata().get("assay.class_labels");
    if (labels == null) {
      return null;
    }
    try {
      return json.readValue(labels, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isRegression(EvaluationRequest request) {
    String task = request.model().inspection().metadata().get("assay.task");
    return "regression".equalsIgnoreCase(task);
  }

  Map<String, Object> environment() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("assay", AssayVersion.version());
    env.put("onnxruntime", runtime.version());
    env.put("jdk", Runtime.version().toString());
    env.put("jdk_vendor", System.getProperty("java.vendor"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    env.put("arch", System.getProperty("os.arch"));
    env.put("providers_available", runtime.availableProviders());
    return env;
  }
}
