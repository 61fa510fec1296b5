package dev.assay.core.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What drift tests need of a reference dataset, gathered in one pass per column: for a numeric
 * feature every finite value sorted ascending (KS and Wasserstein are exact, the PSI bins are the
 * reference's quantiles) and its missing and non-finite counts; for a categorical feature the exact
 * count of every category and the missing count. Built once per model version and reference
 * dataset, stored ({@link ProfileCodec}) and reused, so a later comparison reads only the current
 * data.
 *
 * <p>Each numeric feature also keeps its reference-vs-reference {@link ThresholdCalibration} (the
 * random half splits behind the effect threshold), which depends on the reference alone.
 *
 * <p>A profile read from a file may hold a large numeric feature as a {@link NumericSketch} instead
 * of its values ({@link ProfileCodec} writes one for more than {@link NumericSketch#SKETCH_ABOVE}
 * finite values); its entry in {@code features} then carries only the counts (an empty value
 * array), and {@link #compare} compares against the sketch.
 *
 * @param rows rows of the reference dataset
 * @param features one sample per feature, in column order
 * @param calibrations numeric features' calibrations by name
 * @param sketches numeric features held as sketches, by name
 */
public record ReferenceProfile(
    long rows,
    List<FeatureSample> features,
    Map<String, ThresholdCalibration> calibrations,
    Map<String, NumericSketch> sketches) {
  public ReferenceProfile {
    features = List.copyOf(features);
    calibrations = Map.copyOf(calibrations);
    sketches = Map.copyOf(sketches);
  }

  /** A profile with every feature's values at hand (no sketch). */
  public ReferenceProfile(
      long rows, List<FeatureSample> features, Map<String, ThresholdCalibration> calibrations) {
    this(rows, features, calibrations, Map.of());
  }

  /**
   * Compares the current sample of feature {@code name} with this reference, against its sketch
   * when it has one; as {@link DriftAnalysis#compare(FeatureSample, FeatureSample, DriftSettings,
   * ThresholdCalibration)} otherwise.
   *
   * @throws IllegalArgumentException when the feature is not in the profile or of the other kind
   */
  public DriftAnalysis.Compared compare(
      String name, FeatureSample current, DriftSettings settings) {
    NumericSketch sketch = sketches.get(name);
    if (sketch != null) {
      if (!(current instanceof NumericSample c)) {
        throw new IllegalArgumentException(
            "column " + name + " is numeric on one side and categorical on the other");
      }
      return DriftAnalysis.compare(
          sketch, new SketchComparison(sketch).add(c), settings, calibrations.get(name));
    }
    FeatureSample reference = byName().get(name);
    if (reference == null) {
      throw new IllegalArgumentException("column '" + name + "' is not in the reference profile");
    }
    return DriftAnalysis.compare(reference, current, settings, calibrations.get(name));
  }

  /** The feature named {@code name}, if the profile has it. */
  public Optional<FeatureSample> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The features by name, in profile order. */
  public Map<String, FeatureSample> byName() {
    Map<String, FeatureSample> map = new LinkedHashMap<>();
    features.forEach(f -> map.put(f.name(), f));
    return map;
  }

  /** How each feature is compared, in profile order. */
  public List<FeatureReader.Feature> kinds() {
    return features.stream()
        .map(
            f ->
                new FeatureReader.Feature(
                    f.name(),
                    f instanceof NumericSample
                        ? FeatureReader.Kind.NUMERIC
                        : FeatureReader.Kind.CATEGORICAL))
        .toList();
  }

  /**
   * Builds the profile of {@code features} of a reference dataset in one pass per column, with the
   * calibrations that {@code settings} draw.
   *
   * @throws dev.assay.core.AssayException when a column is missing or the data cannot be read
   */
  public static ReferenceProfile build(
      DatasetDrift.Source reference, List<FeatureReader.Feature> features, DriftSettings settings) {
    return of(
        reference.dataset().rows(),
        FeatureReader.read(reference.cache(), reference.csv(), reference.dataset(), features),
        settings);
  }

  /** A profile of {@code features}, calibrating the numeric ones under {@code settings}. */
  public static ReferenceProfile of(
      long rows, List<FeatureSample> features, DriftSettings settings) {
    Map<String, ThresholdCalibration> calibrations = new java.util.concurrent.ConcurrentHashMap<>();
    features.parallelStream()
        .forEach(
            f -> {
              if (f instanceof NumericSample n && n.count() > 0) {
                calibrations.put(n.name(), ThresholdCalibration.of(n, settings));
              }
            });
    return new ReferenceProfile(rows, features, calibrations);
  }
}
