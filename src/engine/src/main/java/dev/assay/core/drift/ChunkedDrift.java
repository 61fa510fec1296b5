package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Drift per chunk of the current data against the whole reference. Every chunk-feature comparison
 * is made as in {@link DriftAnalysis}, and all their p-values (distribution and rate tests, across
 * features and chunks) are adjusted together. The threshold of a feature is its calibrated δ or,
 * when the reference can be chunked the same way into at least two chunks, the band of the
 * reference's own chunks if that is higher: mean + 3 standard deviations (population, ddof 0) of
 * the effect (KS D or L-infinity) of each reference chunk against the whole reference.
 */
public final class ChunkedDrift {
  /** One chunk's verdicts. */
  public record Chunk(String label, long rows, List<FeatureDrift> features) {
    public Chunk {
      features = List.copyOf(features);
    }

    public boolean drift() {
      return features.stream().anyMatch(FeatureDrift::drift);
    }

    public List<String> drifted() {
      return features.stream().filter(FeatureDrift::drift).map(FeatureDrift::name).toList();
    }
  }

  /**
   * The chunked report.
   *
   * @param chunking how the current data was cut
   * @param chunks the chunks in order
   * @param unassigned current rows in no chunk (no date in the period column)
   * @param referenceChunks how many chunks the reference was cut into for the band (0: none)
   * @param bands the reference band of each feature (absent without reference chunks)
   */
  public record Result(
      Chunking chunking,
      List<Chunk> chunks,
      long unassigned,
      int referenceChunks,
      Map<String, Double> bands) {
    public Result {
      chunks = List.copyOf(chunks);
      bands = Map.copyOf(bands);
    }

    /** Whether a feature drifted in some chunk. */
    public boolean drift() {
      return chunks.stream().anyMatch(Chunk::drift);
    }
  }

  private ChunkedDrift() {}

  /**
   * Compares each chunk of {@code current} with the whole reference.
   *
   * @param reference the whole reference's samples (a stored profile or read)
   * @param referenceSource the reference dataset, chunked the same way for the band; null for none
   * @throws dev.assay.core.AssayException when a column is missing or the data cannot be read
   */
  public static Result run(
      ReferenceProfile reference,
      DatasetDrift.Source referenceSource,
      DatasetDrift.Source current,
      List<FeatureReader.Feature> features,
      Chunking chunking,
      DriftSettings settings) {
    ChunkReader.Assignment chunks = ChunkReader.assign(current, chunking);
    ChunkReader.Assignment refChunks = referenceChunks(referenceSource, chunking);
    List<List<DriftAnalysis.Compared>> byFeature =
        IntStream.range(0, features.size())
            .parallel()
            .mapToObj(
                i -> {
                  FeatureReader.Feature f = features.get(i);
                  List<DriftAnalysis.Compared> compared = new ArrayList<>();
                  for (FeatureSample s : ChunkReader.read(current, f, chunks)) {
                    compared.add(reference.compare(f.name(), s, settings));
                  }
                  return compared;
                })
            .toList();
    Map<String, Double> bands = new HashMap<>();
    if (refChunks != null) {
      List<Double> computed =
          IntStream.range(0, features.size())
              .parallel()
              .mapToObj(i -> band(reference, referenceSource, features.get(i), refChunks, settings))
              .toList();
      for (int i = 0; i < features.size(); i++) {
        if (!Double.isNaN(computed.get(i))) {
          bands.put(features.get(i).name(), computed.get(i));
        }
      }
    }
    List<DriftAnalysis.Compared> flat = new ArrayList<>();
    for (int k = 0; k < chunks.count(); k++) {
      for (int i = 0; i < features.size(); i++) {
        DriftAnalysis.Compared c = byFeature.get(i).get(k);
        Double band = bands.get(features.get(i).name());
        flat.add(
            band == null || !(band > c.threshold())
                ? c
                : new DriftAnalysis.Compared(c.statistics(), band));
      }
    }
    DriftReport decided = DriftAnalysis.decide(flat, settings);
    List<Chunk> result = new ArrayList<>();
    for (int k = 0; k < chunks.count(); k++) {
      result.add(
          new Chunk(
              chunks.labels().get(k),
              chunks.rows()[k],
              decided.features().subList(k * features.size(), (k + 1) * features.size())));
    }
    return new Result(
        chunking, result, chunks.unassigned(), refChunks == null ? 0 : refChunks.count(), bands);
  }

  private static ChunkReader.Assignment referenceChunks(
      DatasetDrift.Source source, Chunking chunking) {
    if (source == null) {
      return null;
    }
    if (chunking instanceof Chunking.Period p
        && source.dataset().profile().column(p.column()).isEmpty()) {
      return null;
    }
    try {
      ChunkReader.Assignment a = ChunkReader.assign(source, chunking);
      return a.count() >= 2 ? a : null;
    } catch (dev.assay.core.AssayException e) {
      return null;
    }
  }

  /** Mean + 3 sd (ddof 0) of the reference chunks' effects against the whole reference. */
  static double band(
      ReferenceProfile reference,
      DatasetDrift.Source source,
      FeatureReader.Feature feature,
      ChunkReader.Assignment chunks,
      DriftSettings settings) {
    FeatureSample whole = reference.byName().get(feature.name());
    NumericSketch sketch = reference.sketches().get(feature.name());
    List<Double> effects = new ArrayList<>();
    for (FeatureSample s : ChunkReader.read(source, feature, chunks)) {
      FeatureStatistics st =
          sketch != null
              ? new SketchComparison(sketch).add((NumericSample) s).statistics()
              : whole instanceof NumericSample w
                  ? FeatureComparison.numeric(w, (NumericSample) s, settings)
                  : FeatureComparison.categorical(
                      (CategoricalSample) whole, (CategoricalSample) s, settings);
      if (!Double.isNaN(st.effect())) {
        effects.add(st.effect());
      }
    }
    if (effects.size() < 2) {
      return Double.NaN;
    }
    double mean = effects.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double squares = effects.stream().mapToDouble(e -> (e - mean) * (e - mean)).sum();
    return mean + 3 * Math.sqrt(squares / effects.size());
  }
}
