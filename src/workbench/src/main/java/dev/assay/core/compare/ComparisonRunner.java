package dev.assay.core.compare;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.eval.BatchStream;
import dev.assay.core.eval.CellPolicy;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.OutputReading;
import dev.assay.core.eval.RunEnvironment;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two or more model versions (or one version on two execution providers) on one dataset
 * and target. One reader parses the data once into batches that hold every model's inputs; each
 * batch goes through every model in turn. Live snapshots go to a {@link ComparisonListener} at a
 * bounded rate. Each model's run is stored as a normal evaluation run; the comparison itself
 * (paired statistics, disagreement) is stored by {@link ComparisonStore}.
 */
public final class ComparisonRunner {
  private final OnnxRuntime runtime;
  private final ModelRegistry models;
  private final DatasetRegistry datasets;
  private final RunStore runs;
  private final ComparisonStore store;
  private final BindingResolver bindings;
  private final ObjectMapper json;
  private final Clock clock;
  private final Path scratch;

  public ComparisonRunner(
      OnnxRuntime runtime,
      ModelRegistry models,
      DatasetRegistry datasets,
      RunStore runs,
      ComparisonStore store,
      ObjectMapper json,
      Clock clock,
      Path scratch) {
    this.runtime = runtime;
    this.models = models;
    this.datasets = datasets;
    this.runs = runs;
    this.store = store;
    this.bindings = new BindingResolver(json);
    this.json = json;
    this.clock = clock;
    this.scratch = scratch;
  }

  /**
   * Infinite cells refused; missing cells passed only when every model handles NaN itself (the
   * models share one pass over the data).
   */
  private static CellPolicy cells(List<ModelLane> lanes) {
    CellPolicy cells = null;
    for (ModelLane lane : lanes) {
      CellPolicy own = CellPolicy.forModel(lane.contender.model().inspection(), false);
      if (cells == null || cells.passMissing() && !own.passMissing()) {
        cells = own;
      }
    }
    return cells;
  }

  /**
   * Runs the comparison, stores every model's run and the comparison, and returns it.
   *
   * @throws AssayException for problems the user can fix (columns, classes, regression models)
   * @throws Cancellation.CancelledException when cancelled (the runs are stored as cancelled)
   */
  public Comparison run(
      ComparisonRequest request,
      Progress progress,
      ComparisonListener listener,
      Cancellation cancel) {
    if (request.target() == null) {
      throw new AssayException(
          "a comparison needs labels: name the target column (a run scored without one, assay eval"
              + " --no-target, cannot be compared)");
    }
    BatchStream.Dataset data = BatchStream.of(datasets, request.dataset());
    List<String> header = data.header();
    if (!header.contains(request.target())) {
      throw new AssayException(
          "the dataset "
              + request.dataset().ref()
              + " has no target column '"
              + request.target()
              + "'; columns: "
              + String.join(", ", header));
    }
    List<ModelLane> lanes = plan(request, header);
    List<Binding.InputBinding> union = new ArrayList<>();
    Map<Binding, Integer> first = new LinkedHashMap<>();
    for (ModelLane lane : lanes) {
      if (!first.containsKey(lane.resolved.binding())) {
        first.put(lane.resolved.binding(), union.size());
        union.addAll(lane.resolved.binding().inputs());
      }
    }
    Binding shared = new Binding(union);
    int batchSize = shared.fixedBatch() > 0 ? shared.fixedBatch() : request.batchSize();
    List<ModelLane> started = new ArrayList<>();
    try {
      Files.createDirectories(scratch);
      for (ModelLane lane : lanes) {
        lane.firstInput = first.get(lane.resolved.binding());
        lane.runId = runs.start(lane.request, config(lane), RunEnvironment.of(runtime));
        started.add(lane);
        lane.predictionsFile = Files.createTempFile(scratch, "run-" + lane.runId + "-", ".pred");
        lane.session =
            runtime.open(
                models.modelFile(lane.contender.model()),
                lane.contender.provider(),
                request.threads());
      }
      ComparisonPass pass = new ComparisonPass(lanes, request, clock, progress, listener, cancel);
      try (BatchStream stream = data.open(request.target(), shared, batchSize, cells(lanes))) {
        pass.run(stream);
      }
      List<EvaluationResult> results = pass.complete(runs, runtime);
      started.clear(); // completed: a later failure must not mark these runs failed
      for (ModelLane lane : lanes) {
        if (!lane.resolved.source().equals("default")) {
          models.remember(lane.contender.model(), lane.resolved.binding());
        }
      }
      progress.update(-1, -1, "Computing paired statistics");
      ComparisonReport report = pass.report(request, results);
      return new Comparison(store.save(report, request.dataset()), results);
    } catch (Cancellation.CancelledException e) {
      finishAll(started, RunStatus.CANCELLED, null);
      throw e;
    } catch (AssayException e) {
      finishAll(started, RunStatus.FAILED, e.getMessage());
      throw e;
    } catch (OrtException e) {
      finishAll(started, RunStatus.FAILED, e.getMessage());
      throw new AssayException("ONNX Runtime failed on this model and data: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      finishAll(started, RunStatus.FAILED, String.valueOf(e));
      throw new AssayException("comparison failed: " + e, e);
    } finally {
      for (ModelLane lane : lanes) {
        lane.close();
        deleteQuietly(lane.predictionsFile);
      }
    }
  }

  private List<ModelLane> plan(ComparisonRequest request, List<String> header) {
    List<ModelLane> lanes = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (Contender contender : request.contenders()) {
      if (!labels.add(contender.label())) {
        throw new AssayException(
            contender.label() + " is listed twice; compare different versions or providers");
      }
      ModelVersion model = contender.model();
      EvaluationRequest evaluation =
          new EvaluationRequest(
              model,
              request.dataset(),
              request.target(),
              null,
              request.positiveLabel(),
              List.of(),
              contender.provider(),
              request.batchSize(),
              request.threads(),
              EvaluationRequest.LabelSource.LABEL_OUTPUT,
              false);
      BindingResolver.Resolved resolved =
          bindings.resolve(
              model.inspection(),
              header,
              null,
              models.binding(model).orElse(null),
              Set.of(request.target()));
      if (resolved.binding().columns().contains(request.target())) {
        throw new AssayException(
            "the target column '"
                + request.target()
                + "' is also bound as an input of "
                + contender.label());
      }
      if (ModelMetadata.isRegression(model.inspection())) {
        throw new AssayException(
            contender.label() + " is a regression model; comparisons cover classification models");
      }
      OutputReading reading = OutputReading.resolve(evaluation, models.choices(), json);
      OutputDecoder decoder =
          OutputDecoder.plan(
              model.inspection(),
              ModelMetadata.classLabels(model.inspection(), json),
              false,
              false,
              reading.outputs());
      lanes.add(
          new ModelLane(contender, contender.label(), evaluation, resolved, reading, 0, decoder));
    }
    return lanes;
  }

  private Map<String, Object> config(ModelLane lane) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("binding", lane.resolved.binding());
    config.put("binding_source", lane.resolved.source());
    config.put("positive_label", lane.request.positiveLabel());
    config.put("label_source", lane.request.labelSource().id());
    config.put("threads", lane.request.threads());
    config.put("softmax", false);
    config.putAll(lane.reading.config());
    config.put("comparison", true);
    return config;
  }

  private void finishAll(List<ModelLane> started, RunStatus status, String error) {
    for (ModelLane lane : started) {
      runs.finish(lane.runId, status, error);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover scratch file is harmless
    }
  }
}
