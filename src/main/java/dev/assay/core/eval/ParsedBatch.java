package dev.assay.core.eval;

import dev.assay.core.inference.FeatureBatch;

/**
 * One batch of parsed rows: the model inputs, the target cells and the data-row numbers. Sources
 * that have the targets' numbers at hand (the column cache) also fill {@link #targetNumbers}, so
 * regression need not parse text; a text target there is NaN and its cell in {@link #targets}.
 */
final class ParsedBatch {
  final FeatureBatch features;
  final long[] rowNumbers;
  final String[] targets;
  final double[] targetNumbers;
  final boolean hasTargetNumbers;

  ParsedBatch(FeatureBatch features) {
    this(features, false);
  }

  ParsedBatch(FeatureBatch features, boolean hasTargetNumbers) {
    this.features = features;
    this.rowNumbers = new long[features.capacity()];
    this.targets = new String[features.capacity()];
    this.hasTargetNumbers = hasTargetNumbers;
    this.targetNumbers = hasTargetNumbers ? new double[features.capacity()] : null;
  }
}
