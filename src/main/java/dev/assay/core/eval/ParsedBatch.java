package dev.assay.core.eval;

import dev.assay.core.inference.FeatureBatch;

/** One batch of parsed rows: the model inputs, the target cells and the data-row numbers. */
final class ParsedBatch {
  final FeatureBatch features;
  final long[] rowNumbers;
  final String[] targets;

  ParsedBatch(FeatureBatch features) {
    this.features = features;
    this.rowNumbers = new long[features.capacity()];
    this.targets = new String[features.capacity()];
  }
}
