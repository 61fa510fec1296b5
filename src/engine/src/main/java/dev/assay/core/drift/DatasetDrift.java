package dev.assay.core.drift;

import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.DatasetVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A drift report of two stored datasets. When both have a column cache, features are read and
 * compared one at a time per worker thread (memory: a few columns, not the datasets); otherwise the
 * features are read from the CSVs in one pass each and then compared.
 */
public final class DatasetDrift {
  /**
   * Where a dataset's values come from.
   *
   * @param cache its verified column cache, or empty
   * @param csv its stored CSV file
   */
  public record Source(Optional<ColumnCache> cache, Path csv, DatasetVersion dataset) {}

  private DatasetDrift() {}

  /**
   * Compares {@code features} of {@code current} with {@code reference} and decides.
   *
   * @throws dev.assay.core.AssayException when a column is missing or the data cannot be read
   * @throws IllegalArgumentException when a column is numeric on one side, categorical on the other
   */
  public static DriftReport run(
      Source reference,
      Source current,
      List<FeatureReader.Feature> features,
      DriftSettings settings) {
    List<DriftAnalysis.Compared> compared;
    if (reference.cache().isPresent() && current.cache().isPresent()) {
      ColumnCache r = reference.cache().get();
      ColumnCache c = current.cache().get();
      compared =
          IntStream.range(0, features.size())
              .parallel()
              .mapToObj(
                  i ->
                      DriftAnalysis.compare(
                          FeatureReader.read(r, reference.dataset(), features.get(i)),
                          FeatureReader.read(c, current.dataset(), features.get(i)),
                          settings))
              .toList();
    } else {
      List<FeatureSample> r =
          FeatureReader.read(reference.cache(), reference.csv(), reference.dataset(), features);
      List<FeatureSample> c =
          FeatureReader.read(current.cache(), current.csv(), current.dataset(), features);
      compared =
          IntStream.range(0, features.size())
              .parallel()
              .mapToObj(i -> DriftAnalysis.compare(r.get(i), c.get(i), settings))
              .toList();
    }
    return DriftAnalysis.decide(compared, settings);
  }

  /**
   * Compares {@code features} of {@code current} with a stored reference profile and decides: only
   * the current data is read (one column per worker when it has a column cache).
   *
   * @throws dev.assay.core.AssayException when a column is missing or the data cannot be read
   * @throws IllegalArgumentException when a feature is not in the profile or is numeric on one
   *     side, categorical on the other
   */
  public static DriftReport run(
      ReferenceProfile reference,
      Source current,
      List<FeatureReader.Feature> features,
      DriftSettings settings) {
    java.util.Map<String, FeatureSample> ref = reference.byName();
    for (FeatureReader.Feature f : features) {
      if (!ref.containsKey(f.name())) {
        throw new IllegalArgumentException(
            "column '" + f.name() + "' is not in the reference profile");
      }
    }
    List<DriftAnalysis.Compared> compared;
    if (current.cache().isPresent()) {
      ColumnCache c = current.cache().get();
      try {
        compared =
            IntStream.range(0, features.size())
                .parallel()
                .mapToObj(
                    i -> compareCached(reference, c, current.dataset(), features.get(i), settings))
                .toList();
      } catch (ColumnCache.DamagedException e) {
        // a group of a cache verified as read is damaged: the CSV holds the same data
        return run(
            reference,
            new Source(Optional.empty(), current.csv(), current.dataset()),
            features,
            settings);
      }
    } else {
      List<FeatureSample> c =
          FeatureReader.read(current.cache(), current.csv(), current.dataset(), features);
      compared =
          IntStream.range(0, features.size())
              .parallel()
              .mapToObj(i -> reference.compare(features.get(i).name(), c.get(i), settings))
              .toList();
    }
    return DriftAnalysis.decide(compared, settings);
  }

  /**
   * One feature of the current column cache against the profile: a sketched feature's values are
   * counted as the cache's chunks are decoded (neither kept nor sorted); any other is read whole.
   */
  private static DriftAnalysis.Compared compareCached(
      ReferenceProfile reference,
      ColumnCache cache,
      DatasetVersion dataset,
      FeatureReader.Feature feature,
      DriftSettings settings) {
    NumericSketch sketch = reference.sketches().get(feature.name());
    if (sketch == null || feature.kind() != FeatureReader.Kind.NUMERIC) {
      return reference.compare(
          feature.name(), FeatureReader.read(cache, dataset, feature), settings);
    }
    int column = cache.header().indexOf(feature.name());
    if (column < 0) {
      throw new dev.assay.core.AssayException(
          "column '" + feature.name() + "' is not in dataset " + dataset.ref());
    }
    return DriftAnalysis.compare(
        sketch,
        new SketchComparison(sketch).read(cache, column),
        settings,
        reference.calibrations().get(feature.name()));
  }
}
