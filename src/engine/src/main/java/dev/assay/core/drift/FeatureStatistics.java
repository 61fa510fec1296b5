package dev.assay.core.drift;

import java.util.List;

/** The statistics of one feature's reference-vs-current comparison, before any decision. */
public sealed interface FeatureStatistics
    permits NumericStatistics, CategoricalStatistics, NoValues {
  String name();

  /** Reference rows with a value the test uses. */
  long nReference();

  /** Current rows with a value the test uses. */
  long nCurrent();

  /** The distribution test's p-value; NaN when there is no test. */
  double pValue();

  /** The effect size compared with the threshold: KS D or L-infinity; NaN without a test. */
  double effect();

  /** Missing-rate comparison. */
  RateComparison missing();

  /** Per-bin or per-category shares and PSI terms. */
  List<BinShare> contributions();
}
