package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * The drift decision: each feature's statistics and effect threshold ({@link #compare}), then one
 * multiplicity adjustment over every distribution test and every observed rate test of the report
 * ({@link #decide}). A feature's distribution drifted when its adjusted p-value is below α and its
 * effect exceeds δ; a rate drifted when its adjusted p-value is below α and the rates differ by
 * more than the minimum effect.
 */
public final class DriftAnalysis {
  /** One feature compared, with its calibrated threshold. */
  public record Compared(FeatureStatistics statistics, double threshold) {}

  private DriftAnalysis() {}

  /**
   * Compares one feature; safe to call for several features in parallel.
   *
   * @throws IllegalArgumentException when the two samples are of different kinds
   */
  public static Compared compare(
      FeatureSample reference, FeatureSample current, DriftSettings settings) {
    return compare(reference, current, settings, null);
  }

  /**
   * As {@link #compare(FeatureSample, FeatureSample, DriftSettings)}, with the reference's stored
   * calibration when it fits the settings (else the splits are drawn again): same result.
   *
   * @param calibration the numeric reference's stored splits, or null
   * @throws IllegalArgumentException when the two samples are of different kinds
   */
  public static Compared compare(
      FeatureSample reference,
      FeatureSample current,
      DriftSettings settings,
      ThresholdCalibration calibration) {
    if (reference instanceof NumericSample r && current instanceof NumericSample c) {
      FeatureStatistics s = FeatureComparison.numeric(r, c, settings);
      double delta =
          s instanceof NoValues
              ? Double.NaN
              : calibration != null && calibration.fits(settings)
                  ? EffectThreshold.numeric(calibration, r.count(), c.count(), settings)
                  : EffectThreshold.numeric(r, c.count(), settings);
      return new Compared(s, delta);
    }
    if (reference instanceof CategoricalSample r && current instanceof CategoricalSample c) {
      FeatureStatistics s = FeatureComparison.categorical(r, c, settings);
      double delta =
          s instanceof NoValues
              ? Double.NaN
              : EffectThreshold.categorical(
                  s.contributions(), s.nReference(), s.nCurrent(), settings, r.name());
      return new Compared(s, delta);
    }
    throw new IllegalArgumentException(
        "column " + reference.name() + " is numeric on one side and categorical on the other");
  }

  /**
   * Compares the current values counted in {@code counts} with a reference sketch; the threshold
   * from the stored calibration when it fits the settings, else redrawn from the sketch.
   */
  static Compared compare(
      NumericSketch reference,
      SketchComparison counts,
      DriftSettings settings,
      ThresholdCalibration calibration) {
    if (settings.bins() != reference.bins()) {
      throw new IllegalArgumentException(
          "the stored profile of "
              + reference.name()
              + " has "
              + reference.bins()
              + " quantile bins, not "
              + settings.bins());
    }
    FeatureStatistics s = counts.statistics();
    double delta =
        s instanceof NoValues
            ? Double.NaN
            : EffectThreshold.numeric(
                calibration != null && calibration.fits(settings)
                    ? calibration
                    : new ThresholdCalibration(
                        settings.seed(),
                        settings.resamples(),
                        settings.calibrationCap(),
                        EffectThreshold.numericScaled(
                            reference.name(), reference.count(), reference::valuesAt, settings)),
                reference.count(),
                s.nCurrent(),
                settings);
    return new Compared(s, delta);
  }

  /** Adjusts the p-values of all features together and decides. */
  public static DriftReport decide(List<Compared> compared, DriftSettings settings) {
    List<Double> family = new ArrayList<>();
    int[][] slots = new int[compared.size()][3];
    for (int i = 0; i < compared.size(); i++) {
      FeatureStatistics s = compared.get(i).statistics();
      slots[i][0] = Double.isNaN(s.pValue()) ? -1 : add(family, s.pValue());
      slots[i][1] = s.missing().observed() ? add(family, s.missing().pValue()) : -1;
      slots[i][2] =
          s instanceof NumericStatistics n && n.nonFinite().observed()
              ? add(family, n.nonFinite().pValue())
              : -1;
    }
    double[] adjusted =
        settings.correction().adjust(family.stream().mapToDouble(Double::doubleValue).toArray());
    List<FeatureDrift> features = new ArrayList<>();
    for (int i = 0; i < compared.size(); i++) {
      Compared c = compared.get(i);
      FeatureStatistics s = c.statistics();
      double p = slots[i][0] < 0 ? Double.NaN : adjusted[slots[i][0]];
      boolean distribution = p < settings.alpha() && s.effect() > c.threshold();
      RateVerdict missing = verdict(s.missing(), slots[i][1], adjusted, settings);
      RateVerdict nonFinite =
          s instanceof NumericStatistics n
              ? verdict(n.nonFinite(), slots[i][2], adjusted, settings)
              : null;
      features.add(new FeatureDrift(s, p, c.threshold(), distribution, missing, nonFinite));
    }
    return new DriftReport(settings, features);
  }

  private static RateVerdict verdict(
      RateComparison rate, int slot, double[] adjusted, DriftSettings settings) {
    double p = slot < 0 ? Double.NaN : adjusted[slot];
    return new RateVerdict(
        rate, p, p < settings.alpha() && rate.difference() > settings.minEffect());
  }

  private static int add(List<Double> family, double p) {
    family.add(p);
    return family.size() - 1;
  }
}
