package dev.assay.core.eval;

import dev.assay.core.inference.FeatureBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of parsed rows: the model inputs, the target cells and the data-row numbers. Sources
 * that have more at hand (the column cache) also fill {@link #targetNumbers} (regression: no text
 * to parse; a text target is NaN there and its cell in {@link #targets}) and {@link #targetIds}:
 * one id per distinct target spelling for the whole run, so class labels are matched once per
 * spelling rather than once per row.
 */
final class ParsedBatch {
  final FeatureBatch features;
  final long[] rowNumbers;
  final String[] targets;
  final double[] targetNumbers;
  final boolean hasTargetNumbers;

  /** Ids into {@link #targetSpellings}, or null when the source does not give them. */
  final int[] targetIds;

  /** The distinct target spellings seen so far, indexed by id; shared by a source's batches. */
  final List<String> targetSpellings;

  private final Map<String, Integer> spellingIds;

  ParsedBatch(FeatureBatch features) {
    this(features, false, false);
  }

  ParsedBatch(FeatureBatch features, boolean hasTargetNumbers, boolean hasTargetIds) {
    this(features, hasTargetNumbers, hasTargetIds, null);
  }

  /**
   * A batch whose target ids are shared with {@code sameIdsAs} (a source's other buffers), so an id
   * means the same spelling in every batch of the run. Ids are only handed out by the thread that
   * fills the batches.
   */
  ParsedBatch(FeatureBatch features, boolean hasTargetNumbers, ParsedBatch sameIdsAs) {
    this(features, hasTargetNumbers, true, sameIdsAs);
  }

  private ParsedBatch(
      FeatureBatch features,
      boolean hasTargetNumbers,
      boolean hasTargetIds,
      ParsedBatch sameIdsAs) {
    this.features = features;
    this.rowNumbers = new long[features.capacity()];
    this.targets = new String[features.capacity()];
    this.hasTargetNumbers = hasTargetNumbers;
    this.targetNumbers = hasTargetNumbers ? new double[features.capacity()] : null;
    this.targetIds = hasTargetIds ? new int[features.capacity()] : null;
    if (sameIdsAs != null) {
      this.targetSpellings = sameIdsAs.targetSpellings;
      this.spellingIds = sameIdsAs.spellingIds;
    } else {
      this.targetSpellings = hasTargetIds ? new ArrayList<>() : List.of();
      this.spellingIds = hasTargetIds ? new HashMap<>() : Map.of();
    }
  }

  /** The id of a target spelling, given a new one the first time. */
  int idOf(String spelling) {
    Integer id = spellingIds.get(spelling);
    if (id == null) {
      id = targetSpellings.size();
      targetSpellings.add(spelling);
      spellingIds.put(spelling, id);
    }
    return id;
  }
}
