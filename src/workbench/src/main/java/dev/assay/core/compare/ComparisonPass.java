package dev.assay.core.compare;

import ai.onnxruntime.OrtException;
import dev.assay.core.AssayException;
import dev.assay.core.AssayVersion;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.eval.BatchStream;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.LatencySummary;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shared pass of one comparison: every batch through every model, paired columns and
 * disagreement trackers fed as it goes, live snapshots at a bounded rate; then each model's
 * evaluation result and the comparison report.
 */
final class ComparisonPass {
  private final List<ModelLane> lanes;
  private final ComparisonRequest request;
  private final Clock clock;
  private final Progress progress;
  private final ComparisonListener listener;
  private final Cancellation cancel;
  private final PairedColumns columns;
  private final List<PairTracker> pairs = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private Instant startedAt;
  private long startNanos;
  private long wallNanos;
  private long rows;
  private long skippedRows;
  private long missingCells;

  ComparisonPass(
      List<ModelLane> lanes,
      ComparisonRequest request,
      Clock clock,
      Progress progress,
      ComparisonListener listener,
      Cancellation cancel) {
    this.lanes = lanes;
    this.request = request;
    this.clock = clock;
    this.progress = progress;
    this.listener = listener;
    this.cancel = cancel;
    this.columns = new PairedColumns(lanes.size(), request.dataset().rows());
    for (int k = 1; k < lanes.size(); k++) {
      pairs.add(new PairTracker(lanes.getFirst(), lanes.get(k)));
    }
  }

  void run(BatchStream stream) throws OrtException, IOException {
    startedAt = clock.instant();
    startNanos = System.nanoTime();
    long interval = request.snapshotMillis() * 1_000_000L;
    long lastSnapshot = startNanos;
    BatchStream.Batch batch;
    while ((batch = stream.next()) != null) {
      int n = batch.rows();
      for (ModelLane lane : lanes) {
        lane.process(batch);
      }
      if (rows == 0) {
        checkSameClasses();
      }
      columns.append(lanes, n);
      for (PairTracker pair : pairs) {
        pair.update(batch, n);
      }
      rows += n;
      cancel.throwIfCancelled();
      long now = System.nanoTime();
      if (now - lastSnapshot >= interval) {
        lastSnapshot = now;
        publish(stream.bytesRead(), stream.sizeBytes(), false);
      }
    }
    wallNanos = System.nanoTime() - startNanos;
    skippedRows = stream.skippedRows();
    missingCells = stream.missingCells();
    warnings.addAll(stream.notes());
    if (rows == 0) {
      throw new AssayException(
          "the dataset " + request.dataset().ref() + " has no rows with a target value to compare");
    }
    if (stream.missingTargets() > 0) {
      warnings.add(stream.missingTargets() + " rows without a target value were skipped");
    }
    if (missingCells > 0) {
      warnings.add(
          missingCells
              + " missing feature cells were passed to the models as NaN (0 for integer inputs)");
    }
    publish(stream.sizeBytes(), stream.sizeBytes(), true);
  }

  private void checkSameClasses() {
    List<String> baseline = lanes.getFirst().labels;
    for (ModelLane lane : lanes) {
      if (!lane.labels.equals(baseline)) {
        throw new AssayException(
            "the models do not have the same classes in the same order: "
                + lanes.getFirst().label
                + " "
                + baseline
                + ", "
                + lane.label
                + " "
                + lane.labels);
      }
    }
  }

  private void publish(long bytes, long total, boolean finished) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    List<LiveSnapshot.ModelLive> live = new ArrayList<>();
    for (ModelLane lane : lanes) {
      live.add(lane.live.snapshot(lane.label));
    }
    double rate = seconds > 0 ? rows / seconds : 0;
    listener.onSnapshot(new LiveSnapshot(rows, bytes, total, seconds, rate, live, finished));
    progress.update(
        bytes,
        total,
        String.format(
            Locale.ROOT, "%,d rows through %d models, %,.0f rows/s", rows, lanes.size(), rate));
  }

  /** Builds and stores each model's evaluation result; in model order. */
  List<EvaluationResult> complete(RunStore runs, OnnxRuntime runtime) throws IOException {
    List<EvaluationResult> results = new ArrayList<>();
    for (ModelLane lane : lanes) {
      lane.closeWriter();
      List<String> laneWarnings = new ArrayList<>(lane.resolved.warnings());
      laneWarnings.addAll(lane.session.warnings());
      laneWarnings.addAll(warnings);
      EvaluationResult.Agreement agreement = lane.agreement();
      if (agreement != null && agreement.disagreements() > 0) {
        laneWarnings.addFirst(
            "the label output and the probabilities disagree on "
                + agreement.disagreements()
                + " of "
                + agreement.compared()
                + " rows (see agreement)");
      }
      LatencySummary latency = lane.latency.snapshot(wallNanos);
      EvaluationResult.Run run =
          new EvaluationResult.Run(
              lane.runId,
              RunStatus.COMPLETED.id(),
              lane.contender.model().ref(),
              request.dataset().ref(),
              request.target(),
              lane.contender.provider().id(),
              lane.session.provider().id(),
              lanes.getFirst().request.batchSize(),
              request.threads(),
              startedAt,
              clock.instant(),
              wallNanos / 1e9,
              rows / (wallNanos / 1e9),
              latency.p50Millis(),
              latency.p95Millis(),
              latency.p99Millis(),
              lane.peakHeap,
              AssayVersion.version(),
              runtime.version(),
              Runtime.version().toString(),
              System.getProperty("os.name")
                  + " "
                  + System.getProperty("os.version")
                  + " "
                  + System.getProperty("os.arch"));
      ClassificationMetrics metrics = lane.classification().snapshot().withThinnedCurves(2000);
      List<String> labels = lane.labels;
      EvaluationResult result =
          new EvaluationResult(
              run,
              "classification",
              labels,
              lane.positiveIndex >= 0 ? labels.get(lane.positiveIndex) : null,
              lane.usesLabelOutput()
                  ? "label_output"
                  : lane.decoder.hasProbabilities() ? "probabilities" : "scores",
              lane.resolved.binding(),
              lane.resolved.source(),
              rows,
              skippedRows,
              missingCells,
              metrics.toJsonMap(),
              metrics,
              null,
              agreement,
              laneWarnings,
              lane.reading(laneWarnings));
      runs.complete(lane.runId, result, lane.predictionsFile, PredictionsFile.FORMAT);
      results.add(result);
    }
    return results;
  }

  /** The comparison report: runs, metric differences and disagreement against the baseline. */
  ComparisonReport report(ComparisonRequest request, List<EvaluationResult> results) {
    ModelLane baseline = lanes.getFirst();
    int resamples = PairedBootstrap.budgeted(request.resamples(), rows);
    List<ComparisonReport.MetricDelta> deltas = new ArrayList<>();
    List<ComparisonReport.Disagreement> disagreements = new ArrayList<>();
    for (int k = 1; k < lanes.size(); k++) {
      cancel.throwIfCancelled();
      PairedSample sample = columns.sample(baseline.labels, baseline.positiveIndex, 0, k);
      deltas.addAll(
          ComparisonStatistics.deltas(
              baseline.label, lanes.get(k).label, sample, resamples, request.seed()));
      disagreements.add(pairs.get(k - 1).summary(request.tolerance()));
    }
    List<ComparisonReport.ModelRun> runs = new ArrayList<>();
    for (int k = 0; k < lanes.size(); k++) {
      ModelLane lane = lanes.get(k);
      EvaluationResult.Run run = results.get(k).run();
      double inferenceSeconds = lane.live.inferenceNanos() / 1e9;
      runs.add(
          new ComparisonReport.ModelRun(
              lane.label,
              lane.contender.model().ref(),
              run.providerRequested(),
              run.provider(),
              lane.runId,
              inferenceSeconds,
              inferenceSeconds > 0 ? rows / inferenceSeconds : Double.NaN,
              run.latencyP50Ms(),
              run.latencyP95Ms(),
              run.latencyP99Ms(),
              lane.live.latencyCounts()));
    }
    EvaluationResult first = results.getFirst();
    return new ComparisonReport(
        0,
        clock.instant(),
        request.dataset().ref(),
        request.target(),
        first.positiveLabel(),
        first.classOrder(),
        rows,
        List.copyOf(runs),
        List.copyOf(deltas),
        List.copyOf(disagreements),
        resamples,
        request.seed(),
        request.tolerance(),
        wallNanos / 1e9,
        rows / (wallNanos / 1e9),
        List.copyOf(warnings));
  }
}
