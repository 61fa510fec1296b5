package dev.assay.cli;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of commands that run one model version on one dataset ({@code eval}, {@code security
 * robustness}): {@code --model}, {@code --data}, {@code --target} and {@code --features}.
 */
final class ModelDataOptions {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "NAME[:VERSION]|FILE",
      description = "a registered model version, or an .onnx file (imported first)")
  String model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "NAME|FILE",
      description = "a registered dataset, or a CSV file (imported first)")
  String data;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  // not required by picocli: eval --no-target scores without one; target() asks for it otherwise
  @Option(names = "--target", paramLabel = "COL", description = "the target column")
  String target;

  /** {@code --target}, or picocli's own usage error for a missing required option. */
  String target() {
    if (target == null) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "Missing required option: '--target=COL'");
    }
    return target;
  }

  @Option(
      names = "--features",
      split = ",",
      paramLabel = "a,b,c",
      description =
          "feature columns in model input order (default: remembered, else model metadata)")
  List<String> features;

  /** The model version, imported first when {@code --model} names a file. */
  ModelVersion model(Workbench workbench) {
    return CliInputs.model(workbench, model);
  }

  /** The dataset, imported first when {@code --data} names a file. */
  DatasetVersion dataset(Workbench workbench) {
    return CliInputs.dataset(workbench, data);
  }

  /** {@code --data} as an existing file, or null when it names a registered dataset. */
  java.nio.file.Path dataFile() {
    return CliInputs.dataFile(data);
  }
}
