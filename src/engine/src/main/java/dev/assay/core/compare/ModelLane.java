package dev.assay.core.compare;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.core.AssayException;
import dev.assay.core.eval.BatchStream;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.OutputReading;
import dev.assay.core.eval.PredictionRule;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.ClassLabels;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.inference.OutputsUsed;
import dev.assay.core.inference.ProbabilityCheck;
import dev.assay.core.metrics.ClassificationAccumulator;
import dev.assay.core.metrics.LatencyAccumulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One contender's share of a comparison pass: its session and decoder, the accumulators of its
 * evaluation run, its predictions file, and this batch's class indices and probabilities for the
 * paired statistics. Reads the model exactly as an evaluation does (label output first, {@link
 * PredictionRule} for probabilities).
 */
final class ModelLane implements AutoCloseable {
  final Contender contender;
  final String label;
  final EvaluationRequest request;
  final BindingResolver.Resolved resolved;
  final OutputReading reading;
  int firstInput;
  final OutputDecoder decoder;
  final RunningMetrics live = new RunningMetrics();
  final LatencyAccumulator latency = new LatencyAccumulator();
  long runId;
  Path predictionsFile;
  InferenceSession session;
  List<String> labels;
  int positiveIndex = -1;
  long rows;
  long peakHeap;

  /** This batch: true and predicted class, probabilities (row-major) or null, row losses. */
  int[] truth = new int[0];

  int[] predicted = new int[0];
  float[] probabilities;
  double[] logLoss = new double[0];
  double[] brier = new double[0];

  private final Map<String, Integer> targetIndex = new HashMap<>();
  private ClassificationAccumulator classification;
  private PredictionsFile.Writer writer;
  private OutputDecoder.Decoded decoded;
  private long agreementCompared;
  private long agreementDisagreements;
  private final List<EvaluationResult.Disagreement> agreementExamples = new ArrayList<>();
  private ProbabilityCheck probabilityCheck;

  ModelLane(
      Contender contender,
      String label,
      EvaluationRequest request,
      BindingResolver.Resolved resolved,
      OutputReading reading,
      int firstInput,
      OutputDecoder decoder) {
    this.contender = contender;
    this.label = label;
    this.request = request;
    this.resolved = resolved;
    this.reading = reading;
    this.firstInput = firstInput;
    this.decoder = decoder;
  }

  boolean usesLabelOutput() {
    return decoder.hasLabelOutput()
        && (request.labelSource() == EvaluationRequest.LabelSource.LABEL_OUTPUT
            || !decoder.hasProbabilities());
  }

  void process(BatchStream.Batch batch) throws OrtException, IOException {
    int n = batch.rows();
    Runtime jvm = Runtime.getRuntime();
    peakHeap = Math.max(peakHeap, jvm.totalMemory() - jvm.freeMemory());
    if (truth.length < n) {
      truth = new int[batch.features().capacity()];
      predicted = new int[truth.length];
      logLoss = new double[truth.length];
      brier = new double[truth.length];
    }
    long t0 = System.nanoTime();
    try (OrtSession.Result result =
        session.run(batch.features(), firstInput, resolved.binding().inputs().size())) {
      long nanos = System.nanoTime() - t0;
      latency.addBatch(nanos, n);
      live.addBatch(nanos);
      decoded = decoder.decode(result, n, decoded);
    }
    if (classification == null) {
      start();
    }
    int c = labels.size();
    float[] raw = decoded.probabilities;
    if (probabilityCheck != null) {
      long[] rowNumbers = new long[n];
      for (int i = 0; i < n; i++) {
        rowNumbers[i] = batch.rowNumber(i);
      }
      if (decoded.scores != null) {
        probabilityCheck.check(decoded.scores, n, c, rowNumbers);
      } else if (raw != null && decoder.checksProbabilities()) {
        probabilityCheck.check(raw, n, c, rowNumbers);
      }
    }
    // Rows that are not distributions leave the probability metrics out from then on.
    probabilities = probabilityCheck != null && probabilityCheck.failed() ? null : raw;
    for (int i = 0; i < n; i++) {
      truth[i] = truthIndex(batch, i);
      int fromProbs =
          raw != null
              ? PredictionRule.fromProbabilities(raw, i * c, c, positiveIndex)
              : decoded.scores != null ? PredictionRule.argmax(decoded.scores, i * c, c) : -1;
      int fromLabel = decoded.labelIndex == null ? -1 : decoded.labelIndex[i];
      if (decoded.labelIndex != null && fromLabel < 0) {
        throw new AssayException(
            label
                + ", row "
                + batch.rowNumber(i)
                + ": the model's label output '"
                + decoded.labelText[i]
                + "' is not one of its classes "
                + labels);
      }
      predicted[i] = usesLabelOutput() ? fromLabel : fromProbs;
      if (fromLabel >= 0 && fromProbs >= 0 && raw != null) {
        agree(batch.rowNumber(i), fromLabel, fromProbs, raw, i * c, c);
      }
      writer.classification(batch.rowNumber(i), truth[i], predicted[i], raw, i * c);
      if (probabilities != null) {
        losses(i, c);
      }
    }
    classification.add(truth, predicted, probabilities, n);
    live.add(truth, predicted, probabilities, c, positiveIndex, n);
    rows += n;
  }

  private void start() throws IOException {
    if (decoder.task() != OutputDecoder.Task.CLASSIFICATION) {
      throw new AssayException(
          label + " is a regression model; comparisons cover classification models");
    }
    labels = decoder.classLabels();
    if (decoder.probabilityOutput() != null) {
      probabilityCheck = new ProbabilityCheck(decoder.probabilityOutput());
    }
    positiveIndex = PredictionRule.positiveIndex(labels, request.positiveLabel());
    classification = new ClassificationAccumulator(labels, positiveIndex);
    writer = new PredictionsFile.Writer(predictionsFile, labels);
  }

  private int truthIndex(BatchStream.Batch batch, int i) {
    String cell = batch.target(i);
    Integer index = targetIndex.get(cell);
    if (index == null) {
      index = ClassLabels.indexOf(labels, reading.targetMap().apply(cell));
      if (index < 0) {
        List<String> seen = new ArrayList<>(targetIndex.keySet());
        for (int j = 0; j < batch.rows() && seen.size() < 100; j++) {
          String t = batch.target(j);
          if (t != null && !t.isBlank() && !seen.contains(t.strip())) {
            seen.add(t.strip());
          }
        }
        throw new AssayException(
            label
                + ": "
                + OutputReading.unknownTarget(
                        request.target(), batch.rowNumber(i), cell, seen, labels)
                    .getMessage());
      }
      targetIndex.put(cell, index);
    }
    return index;
  }

  /** Per-row log loss and Brier loss, as ClassificationAccumulator sums them. */
  private void losses(int i, int c) {
    int offset = i * c;
    double clippedSum = 0;
    double brierRow = 0;
    for (int k = 0; k < c; k++) {
      double p = probabilities[offset + k];
      clippedSum += Math.min(Math.max(p, 1e-15), 1 - 1e-15);
      double y = k == truth[i] ? 1.0 : 0.0;
      brierRow += (p - y) * (p - y);
    }
    double pTrue = Math.min(Math.max((double) probabilities[offset + truth[i]], 1e-15), 1 - 1e-15);
    logLoss[i] = -Math.log(pTrue / clippedSum);
    if (c == 2 && positiveIndex >= 0) {
      double y = truth[i] == positiveIndex ? 1.0 : 0.0;
      double p = probabilities[offset + positiveIndex];
      brier[i] = (p - y) * (p - y);
    } else {
      brier[i] = brierRow;
    }
  }

  private void agree(
      long row, int fromLabel, int fromProbs, float[] probabilities, int offset, int c) {
    agreementCompared++;
    if (fromLabel != fromProbs) {
      agreementDisagreements++;
      if (agreementExamples.size() < 10) {
        List<Float> p = new ArrayList<>();
        for (int j = 0; j < c; j++) {
          p.add(probabilities[offset + j]);
        }
        agreementExamples.add(
            new EvaluationResult.Disagreement(
                row, labels.get(fromLabel), labels.get(fromProbs), p));
      }
    }
  }

  /** What the lane read, and the check of every row read as probabilities. */
  EvaluationResult.Reading reading(List<String> warnings) {
    OutputsUsed used = decoder.outputsUsed();
    ProbabilityCheck.Summary check = probabilityCheck == null ? null : probabilityCheck.summary();
    if (used.problem() != null) {
      warnings.addFirst(used.problem());
    } else if (check != null && check.warning() != null) {
      warnings.addFirst(check.warning());
    }
    return new EvaluationResult.Reading(
        used,
        reading.outputsSource(),
        reading.targetMap().values(),
        reading.targetMapSource(),
        check);
  }

  /** Label output versus probabilities, or null when the model lacks one of them. */
  EvaluationResult.Agreement agreement() {
    if (!decoder.hasLabelOutput() || !decoder.hasProbabilities()) {
      return null;
    }
    return new EvaluationResult.Agreement(
        agreementCompared, agreementDisagreements, List.copyOf(agreementExamples));
  }

  ClassificationAccumulator classification() {
    return classification;
  }

  void closeWriter() throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  @Override
  public void close() {
    try {
      closeWriter();
    } catch (IOException ignored) {
      // the run is failing or cancelled already; the scratch file is deleted
    }
    if (session != null) {
      session.close();
    }
  }
}
