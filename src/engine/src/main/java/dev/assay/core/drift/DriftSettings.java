package dev.assay.core.drift;

/**
 * How a drift report decides.
 *
 * @param alpha level for the multiplicity-adjusted p-values, in (0, 1)
 * @param correction how p-values are adjusted across features and rate tests
 * @param minEffect the smallest effect that counts as drift whatever the sample size: KS D (the
 *     largest CDF difference) for numeric features, L-infinity (the largest share difference) for
 *     categorical ones, the absolute rate difference for missing and non-finite rates
 * @param resamples reference-vs-reference splits per feature for the noise threshold
 * @param seed seed of those splits
 * @param bins quantile bins of the reference for PSI, Jensen-Shannon and Hellinger
 * @param topK categories kept by name; the rest are pooled as "(other)"
 * @param calibrationCap reference values per feature used by the splits (a stratified subsample)
 */
public record DriftSettings(
    double alpha,
    Correction correction,
    double minEffect,
    int resamples,
    long seed,
    int bins,
    int topK,
    int calibrationCap) {

  /** α 0.05, Holm, minimum effect 0.02, 100 splits, seed 42, deciles, top 20, cap 20,000. */
  public static final DriftSettings DEFAULTS =
      new DriftSettings(0.05, Correction.HOLM, 0.02, 100, 42, 10, 20, 20_000);

  /**
   * @throws IllegalArgumentException when a setting is out of range
   */
  public DriftSettings {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must lie in (0, 1): " + alpha);
    }
    if (correction == null) {
      throw new IllegalArgumentException("no correction");
    }
    if (!(minEffect >= 0 && minEffect < 1)) {
      throw new IllegalArgumentException("minimum effect must lie in [0, 1): " + minEffect);
    }
    if (resamples < 10 || bins < 2 || topK < 1 || calibrationCap < 100) {
      throw new IllegalArgumentException("resamples >= 10, bins >= 2, top K >= 1, cap >= 100");
    }
  }

  public DriftSettings withAlpha(double value) {
    return new DriftSettings(
        value, correction, minEffect, resamples, seed, bins, topK, calibrationCap);
  }

  public DriftSettings withCorrection(Correction value) {
    return new DriftSettings(alpha, value, minEffect, resamples, seed, bins, topK, calibrationCap);
  }

  public DriftSettings withMinEffect(double value) {
    return new DriftSettings(alpha, correction, value, resamples, seed, bins, topK, calibrationCap);
  }

  public DriftSettings withSeed(long value) {
    return new DriftSettings(
        alpha, correction, minEffect, resamples, value, bins, topK, calibrationCap);
  }

  public DriftSettings withResamples(int value) {
    return new DriftSettings(alpha, correction, minEffect, value, seed, bins, topK, calibrationCap);
  }
}
