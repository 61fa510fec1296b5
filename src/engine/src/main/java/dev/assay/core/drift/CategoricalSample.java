package dev.assay.core.drift;

import java.util.Map;

/**
 * A categorical feature's counts per category as written, and its missing cells.
 *
 * @param counts rows per category (non-missing cells only)
 * @param missing missing cells
 */
public record CategoricalSample(String name, Map<String, Long> counts, long missing)
    implements FeatureSample {
  public CategoricalSample {
    counts = Map.copyOf(counts);
  }

  /** Non-missing rows. */
  public long present() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public long rows() {
    return present() + missing;
  }
}
