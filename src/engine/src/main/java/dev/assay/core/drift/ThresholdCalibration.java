package dev.assay.core.drift;

/**
 * A numeric feature's reference-vs-reference noise, kept with a stored profile so that later
 * comparisons need not redo it: the scaled effects of the random half splits ({@link
 * EffectThreshold}), sorted ascending, and the settings that drew them.
 *
 * @param seed the settings' seed
 * @param resamples how many splits
 * @param cap reference values used by the splits
 * @param scaled {@code D * sqrt(n_a n_b / (n_a + n_b))} of each split, ascending
 */
public record ThresholdCalibration(long seed, int resamples, int cap, double[] scaled) {
  /** Whether these splits are the ones {@code settings} would draw. */
  public boolean fits(DriftSettings settings) {
    return seed == settings.seed()
        && resamples == settings.resamples()
        && cap == settings.calibrationCap()
        && scaled.length == resamples;
  }

  /** The splits of {@code reference} under {@code settings}. */
  public static ThresholdCalibration of(NumericSample reference, DriftSettings settings) {
    return new ThresholdCalibration(
        settings.seed(),
        settings.resamples(),
        settings.calibrationCap(),
        EffectThreshold.numericScaled(reference, settings));
  }
}
