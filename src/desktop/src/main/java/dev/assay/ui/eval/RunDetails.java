package dev.assay.ui.eval;

import dev.assay.core.eval.EvaluationResult;
import java.util.Locale;

/** The Evaluations screen's "Run details" tab: how a run read its data and what it ran on. */
final class RunDetails {
  private RunDetails() {}

  /** The run's target, reading, binding, provider, latency, versions and warnings, a line each. */
  static String text(EvaluationResult result) {
    StringBuilder text = new StringBuilder();
    text.append("Target: ")
        .append(
            result.labelled()
                ? result.run().target()
                : "none: UNLABELLED, scored without a target, no label metrics");
    if (result.positiveLabel() != null) {
      text.append("\nPositive class: ").append(result.positiveLabel());
    }
    text.append("\nLabels from: ").append(result.labelSource());
    text.append("\nBinding (")
        .append(result.bindingSource())
        .append("): ")
        .append(String.join(", ", result.binding().columns()));
    text.append("\nProvider: ")
        .append(result.run().provider())
        .append(" (requested ")
        .append(result.run().providerRequested())
        .append(")");
    text.append(
        String.format(
            Locale.ROOT,
            "\nBatch latency p50/p95/p99: %.2f / %.2f / %.2f ms",
            result.run().latencyP50Ms(),
            result.run().latencyP95Ms(),
            result.run().latencyP99Ms()));
    text.append("\nONNX Runtime ")
        .append(result.run().onnxRuntimeVersion())
        .append(", Java ")
        .append(result.run().jdk());
    if (result.agreement() != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "\nLabel output vs probabilities: %d of %d rows disagree",
              result.agreement().disagreements(),
              result.agreement().compared()));
    }
    if (result.reading() != null) {
      var used = result.reading().outputs();
      if (used.probabilities() != null) {
        text.append(used.scoresOnly() ? "\nScores from '" : "\nProbabilities from '")
            .append(used.probabilities())
            .append("': ")
            .append(used.probabilitiesReason());
      }
      if (used.label() != null) {
        text.append("\nLabels from '")
            .append(used.label())
            .append("': ")
            .append(used.labelReason());
      }
      if (!result.reading().targetMap().isEmpty()) {
        text.append("\nTarget values mapped (")
            .append(result.reading().targetMapSource())
            .append("): ")
            .append(new dev.assay.core.inference.TargetMap(result.reading().targetMap()));
      }
    }
    for (String warning : result.warnings()) {
      text.append("\nWarning: ").append(warning);
    }
    return text.toString();
  }
}
