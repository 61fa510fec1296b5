package dev.assay.cli;

import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.ColumnType;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DatasetDrift;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.ReferenceProfile;
import dev.assay.core.driftreports.DriftProfileStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code assay drift} compares: the datasets' sources, the columns, the stored profile. */
final class DriftInputs {
  private DriftInputs() {}

  /** The model version's stored profile of {@code ref}, built from every column when missing. */
  static DriftProfileStore.StoredProfile profile(
      Workbench workbench,
      ModelVersion version,
      DatasetVersion ref,
      DriftSettings settings,
      PrintWriter err,
      boolean quiet) {
    Optional<DriftProfileStore.StoredProfile> found = workbench.driftProfiles().find(version, ref);
    if (found.isPresent()) {
      return found.get();
    }
    long start = System.nanoTime();
    List<FeatureReader.Feature> all = new ArrayList<>();
    for (ColumnProfile c : ref.profile().columns()) {
      all.add(feature(ref, c.name()));
    }
    DriftProfileStore.StoredProfile built =
        workbench
            .driftProfiles()
            .save(version, ref, ReferenceProfile.build(source(workbench, ref), all, settings));
    if (!quiet) {
      err.printf(
          "drift: reference profile %d of %s on %s built and stored in %d ms%n",
          built.id(), version.ref(), ref.ref(), (System.nanoTime() - start) / 1_000_000);
    }
    return built;
  }

  /** The dataset's column cache when intact, and its CSV. */
  static DatasetDrift.Source source(Workbench workbench, DatasetVersion dataset) {
    Optional<ColumnCache> cache;
    try {
      cache = workbench.datasets().columnCache(dataset);
    } catch (ColumnCache.DamagedException e) {
      cache = Optional.empty();
    }
    return new DatasetDrift.Source(cache, workbench.datasets().file(dataset), dataset);
  }

  /**
   * The current dataset's column cache opened for one pass (each group's checksum verified as it is
   * read; a damaged group makes {@link DatasetDrift} read the CSV instead), and its CSV.
   */
  static DatasetDrift.Source streamedSource(Workbench workbench, DatasetVersion dataset) {
    Optional<ColumnCache> cache;
    try {
      cache = workbench.datasets().columnCacheVerifiedAsRead(dataset);
    } catch (ColumnCache.DamagedException e) {
      cache = Optional.empty();
    }
    return new DatasetDrift.Source(cache, workbench.datasets().file(dataset), dataset);
  }

  static List<FeatureReader.Feature> columns(
      List<String> features, DatasetVersion ref, DatasetVersion cur) {
    List<String> names = new ArrayList<>();
    if (features != null && !features.isEmpty()) {
      for (String f : features) {
        String name = f.strip();
        if (ref.profile().column(name).isEmpty()) {
          throw new AssayCommand.ExitException(
              1, "column '" + name + "' is not in reference " + ref.ref());
        }
        if (cur.profile().column(name).isEmpty()) {
          throw new AssayCommand.ExitException(
              1, "column '" + name + "' is not in current " + cur.ref());
        }
        names.add(name);
      }
    } else {
      for (ColumnProfile c : ref.profile().columns()) {
        if (cur.profile().column(c.name()).isPresent()) {
          names.add(c.name());
        }
      }
      if (names.isEmpty()) {
        throw new AssayCommand.ExitException(
            1, ref.ref() + " and " + cur.ref() + " have no column in common");
      }
    }
    List<FeatureReader.Feature> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(feature(ref, name));
    }
    return columns;
  }

  static FeatureReader.Feature feature(DatasetVersion ref, String name) {
    ColumnType type = ref.profile().column(name).orElseThrow().type();
    return new FeatureReader.Feature(
        name,
        type == ColumnType.CATEGORICAL
            ? FeatureReader.Kind.CATEGORICAL
            : FeatureReader.Kind.NUMERIC);
  }
}
