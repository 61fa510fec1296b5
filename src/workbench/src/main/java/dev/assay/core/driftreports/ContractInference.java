package dev.assay.core.driftreports;

import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.ColumnType;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.ContractCheck;
import dev.assay.core.drift.DataContract;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.FeatureSample;
import dev.assay.core.registry.DatasetRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A registered dataset read for a data contract: inferred from it as a reference (its column cache
 * when it has a sound one, else the CSV) or checked against a contract. Used by {@code assay
 * contract} and the Drift screen's contract editor.
 */
public final class ContractInference {
  private ContractInference() {}

  /** The contract {@link DataContract#infer} makes from {@code reference}'s columns. */
  public static DataContract infer(DatasetRegistry datasets, DatasetVersion reference) {
    List<FeatureReader.Feature> features = new ArrayList<>();
    for (ColumnProfile c : reference.profile().columns()) {
      features.add(
          new FeatureReader.Feature(
              c.name(),
              c.type() == ColumnType.CATEGORICAL
                  ? FeatureReader.Kind.CATEGORICAL
                  : FeatureReader.Kind.NUMERIC));
    }
    Optional<ColumnCache> cache;
    try {
      cache = datasets.columnCache(reference);
    } catch (ColumnCache.DamagedException e) {
      cache = Optional.empty();
    }
    List<FeatureSample> samples =
        FeatureReader.read(cache, datasets.file(reference), reference, features);
    return DataContract.infer(samples);
  }

  /** {@code dataset} checked against {@code contract}. */
  public static ContractCheck.Result check(
      DatasetRegistry datasets, DataContract contract, DatasetVersion dataset) {
    return ContractCheck.check(contract, datasets.file(dataset));
  }
}
