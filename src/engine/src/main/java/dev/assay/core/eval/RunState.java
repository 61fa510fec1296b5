package dev.assay.core.eval;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.FeatureBatch;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.inference.OutputsUsed;
import dev.assay.core.inference.ProbabilityCheck;
import dev.assay.core.metrics.ClassificationAccumulator;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.LatencyAccumulator;
import dev.assay.core.metrics.RegressionAccumulator;
import dev.assay.core.metrics.RegressionMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Mutable state of one run: accumulators, the predictions writer, counters and per-batch scratch
 * arrays.
 */
final class RunState implements AutoCloseable {

  @Override
  public void close() {
    closeAccumulators();
  }

  final OutputDecoder decoder;
  final EvaluationRequest request;
  final OutputReading reading;
  long[] rowNumbers;
  String[] targets;
  double[] targetNumbers;
  int[] targetIds;
  int[] truth;
  int[] predicted;
  double[] actual;
  final LatencyAccumulator latency = new LatencyAccumulator();
  private final TargetClasses targetClasses;

  /** Output buffer reused by {@link #process}, batch after batch. */
  private OutputDecoder.Decoded reuse;

  ClassificationAccumulator classification;
  RegressionAccumulator regression;
  PredictionsFile.Writer writer;
  AgreementCounter agreement;
  ProbabilityCheck probabilityCheck;
  int positiveIndex = -1;
  long rows;
  long skippedRows;
  long missingTargets;
  long missingCells;
  long peakHeap;

  /** Where exact score counts spill beyond a fixed memory (the workbench's tmp folder). */
  private final Path spillFolder;

  RunState(
      OutputDecoder decoder, EvaluationRequest request, OutputReading reading, Path spillFolder) {
    this.decoder = decoder;
    this.request = request;
    this.reading = reading;
    this.spillFolder = spillFolder;
    this.targetClasses = new TargetClasses(request, reading);
  }

  /** Deletes what the accumulators spilled. */
  void closeAccumulators() {
    if (classification != null) {
      classification.close();
    }
    if (regression != null) {
      regression.close();
    }
  }

  /**
   * One batch scored by the model: its outputs decoded, and how long ONNX Runtime took.
   *
   * @param decoded owned by this batch until {@link #accept} is done with it
   */
  record Scored(ParsedBatch batch, OutputDecoder.Decoded decoded, long nanos) {}

  /**
   * Runs the model on a batch and decodes the outputs into {@code into} (or a new buffer when
   * null). Safe to call from several threads at once, each with its own batch and buffer.
   */
  static Scored score(
      InferenceSession session,
      OutputDecoder decoder,
      ParsedBatch parsed,
      OutputDecoder.Decoded into)
      throws OrtException {
    int n = parsed.features.rows();
    long t0 = System.nanoTime();
    try (OrtSession.Result result = session.run(parsed.features)) {
      long nanos = System.nanoTime() - t0;
      return new Scored(parsed, decoder.decode(result, n, into), nanos);
    }
  }

  /** Scores a batch and takes its predictions in (one batch at a time). */
  void process(InferenceSession session, ParsedBatch parsed, Path predictionsFile)
      throws OrtException, IOException {
    Scored scored = score(session, decoder, parsed, reuse);
    reuse = scored.decoded();
    accept(scored, predictionsFile);
  }

  /**
   * Takes a scored batch's predictions in: metrics, agreement, the predictions file. Batches must
   * come in data order.
   */
  void accept(Scored scored, Path predictionsFile) throws IOException {
    ParsedBatch parsed = scored.batch();
    FeatureBatch batch = parsed.features;
    int n = batch.rows();
    Runtime jvm = Runtime.getRuntime();
    peakHeap = Math.max(peakHeap, jvm.totalMemory() - jvm.freeMemory());
    rowNumbers = parsed.rowNumbers;
    targets = parsed.targets;
    targetNumbers = parsed.hasTargetNumbers ? parsed.targetNumbers : null;
    targetIds = parsed.targetIds;
    if (truth == null || truth.length < n) {
      truth = new int[batch.capacity()];
      predicted = new int[batch.capacity()];
      actual = new double[batch.capacity()];
    }
    latency.addBatch(scored.nanos(), n);
    if (decoder.task() == OutputDecoder.Task.REGRESSION) {
      processRegression(n, predictionsFile, scored.decoded());
    } else {
      processClassification(n, predictionsFile, scored.decoded());
    }
    rows += n;
  }

  private void processRegression(int n, Path predictionsFile, OutputDecoder.Decoded decoded)
      throws IOException {
    if (regression == null) {
      regression = new RegressionAccumulator(spillFolder);
      writer = new PredictionsFile.Writer(predictionsFile, List.of());
    }
    if (!request.labelled()) {
      for (int i = 0; i < n; i++) {
        checkValue(decoded, i);
        writer.regression(rowNumbers[i], Double.NaN, decoded.values[i]);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      try {
        double known = targetNumbers != null ? targetNumbers[i] : Double.NaN;
        actual[i] = Double.isNaN(known) ? Cells.parseNumber(targets[i]) : known;
      } catch (NumberFormatException e) {
        throw new AssayException(
            "row "
                + rowNumbers[i]
                + ", target column '"
                + request.target()
                + "': '"
                + targets[i]
                + "' is not a number");
      }
      checkValue(decoded, i);
      writer.regression(rowNumbers[i], actual[i], decoded.values[i]);
    }
    regression.add(actual, decoded.values, n);
  }

  private void checkValue(OutputDecoder.Decoded decoded, int i) {
    if (Double.isNaN(decoded.values[i])) {
      throw new AssayException(
          "row " + rowNumbers[i] + ": the model's prediction is NaN" + NAN_HINT);
    }
  }

  private void processClassification(int n, Path predictionsFile, OutputDecoder.Decoded decoded)
      throws IOException {
    List<String> labels = decoder.classLabels();
    if (classification == null) {
      positiveIndex = positiveIndex(labels);
      classification = new ClassificationAccumulator(labels, positiveIndex, spillFolder);
      writer = new PredictionsFile.Writer(predictionsFile, labels);
      if (decoder.hasLabelOutput() && decoder.hasProbabilities()) {
        agreement = new AgreementCounter();
      }
      if (decoder.probabilityOutput() != null) {
        probabilityCheck = new ProbabilityCheck(decoder.probabilityOutput());
      }
    }
    int c = labels.size();
    float[] probs = decoded.probabilities;
    boolean scored = probs != null;
    if (decoded.scores != null) {
      probabilityCheck.check(decoded.scores, n, c, rowNumbers);
    } else if (probs != null && decoder.checksProbabilities()) {
      probabilityCheck.check(probs, n, c, rowNumbers);
      scored = !probabilityCheck.failed();
    }
    for (int i = 0; i < n; i++) {
      int index = targetIds != null ? targetClasses.known(targetIds[i]) : TargetClasses.UNKNOWN;
      if (!request.labelled()) {
        index = PredictionsFile.NO_CLASS;
      } else if (index == TargetClasses.UNKNOWN) {
        index = targetClasses.match(labels, targets, targetIds, rowNumbers, i);
      }
      truth[i] = index;
      if (probs != null) {
        checkProbabilities(labels, probs, i);
      }
      int fromProbs =
          probs != null
              ? fromProbabilities(probs, i * c, c)
              : decoded.scores != null ? PredictionRule.argmax(decoded.scores, i * c, c) : -1;
      int fromLabel = decoded.labelIndex == null ? -1 : decoded.labelIndex[i];
      if (decoded.labelIndex != null && fromLabel < 0) {
        throw new AssayException(
            "row "
                + rowNumbers[i]
                + ": the model's label output '"
                + decoded.labelText[i]
                + "' is not one of its classes "
                + labels);
      }
      boolean useLabel =
          decoded.labelIndex != null
              && (request.labelSource() == EvaluationRequest.LabelSource.LABEL_OUTPUT
                  || probs == null);
      predicted[i] = useLabel ? fromLabel : fromProbs;
      if (agreement != null && probs != null) {
        agreement.compare(rowNumbers[i], fromLabel, fromProbs, labels, probs, i * c, c);
      }
      writer.classification(rowNumbers[i], truth[i], predicted[i], probs, i * c);
    }
    // A batch with a row that is not a distribution adds no scores, so score metrics are left out.
    if (request.labelled()) {
      classification.add(truth, predicted, scored ? probs : null, n);
    }
  }

  private static final String NAN_HINT =
      " (a missing or infinite feature cell the model does not handle?)";

  /** Refuses a row whose probabilities hold a NaN, naming its 1-based data row and the class. */
  private void checkProbabilities(List<String> labels, float[] probs, int i) {
    int c = labels.size();
    for (int k = 0; k < c; k++) {
      if (Float.isNaN(probs[i * c + k])) {
        throw new AssayException(
            "row "
                + rowNumbers[i]
                + ": the model's probability of class '"
                + labels.get(k)
                + "' is NaN"
                + NAN_HINT);
      }
    }
  }

  private int fromProbabilities(float[] probs, int offset, int c) {
    return PredictionRule.fromProbabilities(probs, offset, c, positiveIndex);
  }

  private int positiveIndex(List<String> labels) {
    return PredictionRule.positiveIndex(labels, request.positiveLabel());
  }

  void closeWriter() throws IOException {
    if (writer != null) {
      writer.close();
    }
  }

  EvaluationResult result(
      EvaluationResult.Run run, BindingResolver.Resolved resolved, List<String> warnings) {
    if (regression != null) {
      RegressionMetrics metrics = request.labelled() ? regression.snapshot() : null;
      return new EvaluationResult(
          run,
          "regression",
          List.of(),
          null,
          null,
          resolved.binding(),
          resolved.source(),
          rows,
          skippedRows,
          missingCells,
          metrics == null ? Map.of() : metrics.toJsonMap(),
          null,
          metrics,
          null,
          warnings,
          null);
    }
    // Curves are kept for display at up to 2,000 points; the AUCs above come from all points.
    // Without labels there are no metrics: the run holds predictions and output statistics only.
    ClassificationMetrics metrics =
        request.labelled() ? classification.snapshot().withThinnedCurves(2000) : null;
    String labelSource =
        decoder.hasLabelOutput()
                && (request.labelSource() == EvaluationRequest.LabelSource.LABEL_OUTPUT
                    || !decoder.hasProbabilities())
            ? "label_output"
            : decoder.hasProbabilities() ? "probabilities" : "scores";
    return new EvaluationResult(
        run,
        "classification",
        decoder.classLabels(),
        positiveIndex >= 0 ? decoder.classLabels().get(positiveIndex) : null,
        labelSource,
        resolved.binding(),
        resolved.source(),
        rows,
        skippedRows,
        missingCells,
        metrics == null ? Map.of() : metrics.toJsonMap(),
        metrics,
        null,
        agreement == null ? null : agreement.summary(),
        warnings,
        reading(warnings));
  }

  /** What the run read, with a warning first when probability metrics were left out. */
  private EvaluationResult.Reading reading(List<String> warnings) {
    OutputsUsed used = decoder.outputsUsed();
    ProbabilityCheck.Summary check = probabilityCheck == null ? null : probabilityCheck.summary();
    if (used.problem() != null) {
      warnings.addFirst(used.problem());
    } else if (check != null && check.warning() != null) {
      warnings.addFirst(check.warning());
    }
    if (request.softmax() && !used.softmax() && used.probabilities() != null) {
      warnings.add(
          "--softmax was not applied: output '" + used.probabilities() + "' holds probabilities");
    }
    return new EvaluationResult.Reading(
        used,
        reading.outputsSource(),
        reading.targetMap().values(),
        reading.targetMapSource(),
        check);
  }
}
