package dev.assay.core.drift;

/** One feature's values in one dataset, as read for a drift comparison. */
public sealed interface FeatureSample permits NumericSample, CategoricalSample {
  /** The column name. */
  String name();

  /** All rows of the dataset, missing and non-finite ones included. */
  long rows();

  /** Rows whose cell is missing (for a numeric feature also text that is not a number). */
  long missing();
}
