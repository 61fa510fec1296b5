package dev.assay.cli;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How commands read their {@code --model} and {@code --data} arguments: a registered name, or a
 * file that is imported first (an existing {@code .onnx} file; any existing file for data).
 */
final class CliInputs {
  private CliInputs() {}

  /** A name that may be a file: refused on one line when it cannot be read as a file name. */
  static Path file(String name) {
    try {
      return FileNames.parse(name);
    } catch (FileNames.Refused e) {
      throw new AssayCommand.ExitException(AssayCommand.EXIT_USAGE, e.getMessage());
    }
  }

  /** {@code NAME[:VERSION]} of a registered model, or an ONNX file to import. */
  static ModelVersion model(Workbench workbench, String model) {
    Path file = file(model);
    if (model.toLowerCase(Locale.ROOT).endsWith(".onnx") && Files.isRegularFile(file)) {
      return workbench
          .models()
          .importModel(ImportRequest.of(file), Progress.NONE, Cancellation.NONE)
          .model();
    }
    return workbench.models().get(ModelRef.parse(model));
  }

  /** The name of a registered dataset, or a CSV file to import. */
  static DatasetVersion dataset(Workbench workbench, String data) {
    Path file = file(data);
    if (Files.isRegularFile(file)) {
      return workbench
          .datasets()
          .importDataset(file, null, Progress.NONE, Cancellation.NONE)
          .dataset();
    }
    return workbench.datasets().get(data);
  }

  /** {@code data} as an existing regular file, or null when it names a registered dataset. */
  static Path dataFile(String data) {
    Path file = file(data);
    return Files.isRegularFile(file) ? file : null;
  }
}
