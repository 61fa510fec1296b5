package dev.assay.core.inference;

import dev.assay.core.eval.OutputReading;
import dev.assay.core.model.ModelVersion;
import java.util.Optional;

/**
 * What a user chose earlier for reading a model version: its outputs, and the target map per
 * dataset. The workbench keeps them ({@code OutputChoices}); {@link OutputReading} only asks.
 */
public interface ChoiceMemory {

  /** The outputs remembered for the version, or the automatic choice. */
  OutputChoice outputs(ModelVersion version);

  /** Remembers the outputs chosen for the version. */
  void remember(ModelVersion version, OutputChoice choice);

  /** The target map remembered for the version and dataset name. */
  Optional<TargetMap> targetMap(ModelVersion version, String datasetName);

  /** Remembers the target map chosen for the version and dataset name. */
  void remember(ModelVersion version, String datasetName, TargetMap map);
}
