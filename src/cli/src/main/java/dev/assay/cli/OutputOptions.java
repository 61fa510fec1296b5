package dev.assay.cli;

import dev.assay.core.AssayException;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.OutputChoices;
import picocli.CommandLine.Option;

/**
 * How a command reads a model's outputs and the target: {@code --probabilities-output}, {@code
 * --label-output} and {@code --target-map}, shared by {@code eval}, {@code compare}, {@code
 * fairness} and {@code security robustness}. What is given is remembered per model version (and
 * dataset, for a target map), like the binding.
 */
final class OutputOptions {
  @Option(
      names = "--probabilities-output",
      paramLabel = "NAME",
      description =
          "the output holding class probabilities (default: remembered, else the output whose"
              + " rows are probabilities)")
  String probabilitiesOutput;

  @Option(
      names = "--label-output",
      paramLabel = "NAME",
      description = "the output holding predicted labels (default: remembered, else the model's)")
  String labelOutput;

  @Option(
      names = "--target-map",
      paramLabel = "V=C,...",
      description =
          "target values written otherwise than the model's classes, e.g. neg=0,pos=1 (default:"
              + " remembered, else model metadata assay.target_map)")
  String targetMap;

  /** The outputs named on the command line; automatic when none. */
  OutputChoice outputs() {
    return new OutputChoice(probabilitiesOutput, labelOutput);
  }

  /**
   * The target map given on the command line, or {@link TargetMap#NONE}.
   *
   * @throws AssayCommand.ExitException (usage) when it is not {@code VALUE=CLASS,...}
   */
  TargetMap targetMap() {
    try {
      return TargetMap.parse(targetMap);
    } catch (AssayException e) {
      throw new AssayCommand.ExitException(2, e.getMessage());
    }
  }

  /**
   * Remembers what was given for {@code version} (and {@code datasetName}), for commands whose runs
   * read remembered choices only (compare).
   */
  void remember(OutputChoices choices, ModelVersion version, String datasetName) {
    if (!outputs().automatic()) {
      choices.remember(version, outputs().orElse(choices.outputs(version)));
    }
    TargetMap map = targetMap();
    if (!map.isEmpty()) {
      choices.remember(version, datasetName, map);
    }
  }
}
