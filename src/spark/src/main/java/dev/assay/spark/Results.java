package dev.assay.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.OutputsUsed;
import dev.assay.core.inference.ProbabilityCheck;
import dev.assay.core.metrics.ClassificationMetrics;
import dev.assay.core.metrics.LatencyAccumulator;
import dev.assay.core.metrics.LatencySummary;
import dev.assay.core.metrics.RegressionMetrics;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns the merged {@link Partial} into the engine's {@link EvaluationResult} with the same fields,
 * warnings and their order as a local run's ({@code EvaluationRunner} and {@code RunState}).
 */
final class Results {
  private Results() {}

  static EvaluationResult assemble(
      Partial merged,
      EvalJob.Spec spec,
      BindingResolver.Resolved resolved,
      List<String> warnings,
      Instant started,
      long wallNanos,
      int batchSize,
      String assayVersion,
      String runtimeVersion)
      throws IOException {
    ObjectMapper json = Json.newMapper();
    warnings.addAll(merged.sessionWarnings);
    if (merged.missingTargets > 0) {
      warnings.add(merged.missingTargets + " rows without a target value were skipped");
    }
    if (merged.missingCells > 0) {
      warnings.add(
          merged.missingCells
              + " missing feature cells were passed to the model as NaN (0 for integer inputs)");
    }
    if (merged.nonFiniteCells > 0) {
      warnings.add(
          merged.nonFiniteCells
              + " infinite feature cells were passed to the model (--allow-nonfinite)");
    }
    boolean agreement = merged.hasLabelOutput && merged.hasProbabilities;
    if (agreement && merged.agreementDisagreements > 0) {
      warnings.addFirst(
          "the label output and the probabilities disagree on "
              + merged.agreementDisagreements
              + " of "
              + merged.agreementCompared
              + " rows (see agreement)");
    }
    LatencyAccumulator latency = new LatencyAccumulator();
    for (int b = 0; b < merged.batches; b++) {
      latency.addBatch(merged.batchNanos[b], merged.batchRows[b]);
    }
    LatencySummary times = latency.snapshot(wallNanos);
    Runtime jvm = Runtime.getRuntime();
    EvaluationResult.Run run =
        new EvaluationResult.Run(
            0,
            "completed",
            spec.modelRef(),
            spec.datasetRef(),
            spec.target(),
            "cpu",
            merged.providerUsed,
            batchSize,
            1,
            started,
            Instant.now(),
            wallNanos / 1e9,
            merged.rows / (wallNanos / 1e9),
            times.p50Millis(),
            times.p95Millis(),
            times.p99Millis(),
            jvm.totalMemory() - jvm.freeMemory(),
            assayVersion,
            runtimeVersion,
            Runtime.version().toString(),
            System.getProperty("os.name")
                + " "
                + System.getProperty("os.version")
                + " "
                + System.getProperty("os.arch"));
    if (merged.regression != null) {
      RegressionMetrics regression = merged.regression.snapshot();
      return new EvaluationResult(
          run,
          "regression",
          List.of(),
          null,
          null,
          resolved.binding(),
          resolved.source(),
          merged.rows,
          merged.missingTargets,
          merged.missingCells,
          regression.toJsonMap(),
          null,
          regression,
          null,
          warnings,
          null);
    }
    ClassificationMetrics metrics = merged.accumulator.snapshot().withThinnedCurves(2000);
    boolean fromLabel = !"probabilities".equals(spec.labelSource());
    String labelSource =
        merged.hasLabelOutput && (fromLabel || !merged.hasProbabilities)
            ? "label_output"
            : merged.hasProbabilities ? "probabilities" : "scores";
    List<String> labels = merged.classLabels;
    int positive = labels.size() == 2 ? labels.indexOf(metrics.positiveLabel()) : -1;
    OutputsUsed used = json.readValue(merged.outputsUsedJson, OutputsUsed.class);
    ProbabilityCheck.Summary check =
        merged.probabilityOutput == null
            ? null
            : new ProbabilityCheck.Summary(
                merged.probabilityOutput,
                merged.probabilitiesChecked,
                merged.probabilitiesInvalid,
                merged.probabilityExamples.stream().map(Partial.Shown::example).toList());
    if (used.problem() != null) {
      warnings.addFirst(used.problem());
    } else if (check != null && check.warning() != null) {
      warnings.addFirst(check.warning());
    }
    if (spec.softmax() && !used.softmax() && used.probabilities() != null) {
      warnings.add(
          "--softmax was not applied: output '" + used.probabilities() + "' holds probabilities");
    }
    EvaluationResult.Reading reading =
        new EvaluationResult.Reading(
            used,
            spec.outputsSource() == null ? "automatic" : spec.outputsSource(),
            spec.targetMap() == null ? Map.of() : spec.targetMap(),
            spec.targetMapSource() == null ? "none" : spec.targetMapSource(),
            check);
    return new EvaluationResult(
        run,
        "classification",
        labels,
        positive >= 0 ? labels.get(positive) : null,
        labelSource,
        resolved.binding(),
        resolved.source(),
        merged.rows,
        merged.missingTargets,
        merged.missingCells,
        metrics.toJsonMap(),
        metrics,
        null,
        agreement
            ? new EvaluationResult.Agreement(
                merged.agreementCompared,
                merged.agreementDisagreements,
                merged.disagreements.stream().map(Partial.Shown::disagreement).toList())
            : null,
        warnings,
        reading);
  }
}
