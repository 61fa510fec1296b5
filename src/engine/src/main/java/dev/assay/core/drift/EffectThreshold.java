package dev.assay.core.drift;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The effect threshold δ of one feature, calibrated on the reference itself: the reference (a
 * stratified subsample of at most {@link DriftSettings#calibrationCap()} values) is split at random
 * into two halves {@link DriftSettings#resamples()} times, the effect (KS D or L-infinity) of each
 * split is scaled by sqrt(n_a n_b / (n_a + n_b)), and the (1 - α) quantile of these scaled effects
 * is brought to the size of the real comparison by dividing by sqrt(n_ref n_cur / (n_ref + n_cur)).
 * δ is that noise level or {@link DriftSettings#minEffect()}, whichever is larger, so that at large
 * n only an effect of practical size counts as drift. The splits are drawn from a {@link
 * SplittableRandom} seeded with the settings' seed and the feature name.
 */
final class EffectThreshold {
  private EffectThreshold() {}

  static SplittableRandom random(DriftSettings settings, String feature) {
    return new SplittableRandom(settings.seed() * 1_000_003L + feature.hashCode());
  }

  /** δ of a numeric feature from its sorted reference values. */
  static double numeric(NumericSample reference, long nCurrent, DriftSettings settings) {
    return threshold(numericScaled(reference, settings), reference.count(), nCurrent, settings);
  }

  /** δ of a numeric feature from its stored calibration. */
  static double numeric(
      ThresholdCalibration calibration, long nReference, long nCurrent, DriftSettings s) {
    return threshold(calibration.scaled(), nReference, nCurrent, s);
  }

  /** The scaled effects of the reference's random half splits, ascending. */
  static double[] numericScaled(NumericSample reference, DriftSettings settings) {
    double[] sorted = reference.sorted();
    return numericScaled(
        reference.name(),
        reference.count(),
        ranks -> {
          double[] values = new double[ranks.length];
          for (int j = 0; j < ranks.length; j++) {
            values[j] = sorted[ranks[j]];
          }
          return values;
        },
        settings);
  }

  /**
   * As {@link #numericScaled(NumericSample, DriftSettings)} for a reference of {@code n} finite
   * values given by {@code valuesAt} (the sorted values at ascending ranks).
   */
  static double[] numericScaled(
      String name,
      int n,
      java.util.function.Function<int[], double[]> valuesAt,
      DriftSettings settings) {
    SplittableRandom random = random(settings, name);
    int m = Math.min(n, settings.calibrationCap());
    double u = random.nextDouble();
    int[] ranks = new int[m];
    for (int j = 0; j < m; j++) {
      ranks[j] = (int) Math.min(n - 1, (long) ((j + u) * n / m));
    }
    double[] sub = valuesAt.apply(ranks);
    double[] a = new double[m];
    double[] b = new double[m];
    double[] scaled = new double[settings.resamples()];
    for (int r = 0; r < scaled.length; r++) {
      int na = 0;
      int nb = 0;
      long bits = 0;
      for (int j = 0; j < m; j++) {
        if ((j & 63) == 0) {
          bits = random.nextLong();
        }
        if ((bits & 1) == 0) {
          a[na++] = sub[j];
        } else {
          b[nb++] = sub[j];
        }
        bits >>>= 1;
      }
      scaled[r] =
          na == 0 || nb == 0
              ? 0
              : KolmogorovSmirnov.statistic(a, na, b, nb) * Math.sqrt((double) na * nb / (na + nb));
    }
    Arrays.sort(scaled);
    return scaled;
  }

  /** δ of a categorical feature from its reference shares over the compared categories. */
  static double categorical(
      List<BinShare> shares, long nReference, long nCurrent, DriftSettings settings, String name) {
    double[] referenceShares = new double[shares.size()];
    for (int i = 0; i < referenceShares.length; i++) {
      referenceShares[i] = shares.get(i).reference();
    }
    CategoricalKey key =
        new CategoricalKey(settings, name, nReference, Arrays.hashCode(referenceShares));
    double[] scaled;
    synchronized (CATEGORICAL) {
      CategoricalEntry hit = CATEGORICAL.get(key);
      scaled = hit != null && Arrays.equals(hit.shares(), referenceShares) ? hit.scaled() : null;
    }
    if (scaled == null) {
      scaled = categoricalScaled(shares, nReference, settings, name);
      synchronized (CATEGORICAL) {
        CATEGORICAL.put(key, new CategoricalEntry(referenceShares, scaled));
      }
    }
    return threshold(scaled, nReference, nCurrent, settings);
  }

  /**
   * The sorted scaled split effects of a categorical reference: they depend on the settings, the
   * feature, the reference size and its shares over the compared categories only, not on the
   * current sample, so a monitor comparing window after window with one reference draws them once
   * per set of compared categories (the same δ as drawing them again).
   */
  private record CategoricalKey(DriftSettings settings, String name, long nReference, int shares) {}

  private record CategoricalEntry(double[] shares, double[] scaled) {}

  private static final int CATEGORICAL_CACHE = 256;

  private static final java.util.Map<CategoricalKey, CategoricalEntry> CATEGORICAL =
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            java.util.Map.Entry<CategoricalKey, CategoricalEntry> eldest) {
          return size() > CATEGORICAL_CACHE;
        }
      };

  private static double[] categoricalScaled(
      List<BinShare> shares, long nReference, DriftSettings settings, String name) {
    SplittableRandom random = random(settings, name);
    int k = shares.size();
    long[] counts = new long[k];
    long total = 0;
    for (int i = 0; i < k; i++) {
      counts[i] = Math.round(shares.get(i).reference() * nReference);
      total += counts[i];
    }
    int m = (int) Math.min(total, settings.calibrationCap());
    int[] codes = new int[m];
    int at = 0;
    double cumulative = 0;
    for (int i = 0; i < k && at < m; i++) {
      cumulative += counts[i];
      int until = (int) Math.min(m, Math.round(cumulative * m / total));
      while (at < until) {
        codes[at++] = i;
      }
    }
    m = at;
    long[] ca = new long[k];
    long[] cb = new long[k];
    double[] scaled = new double[settings.resamples()];
    for (int r = 0; r < scaled.length; r++) {
      Arrays.fill(ca, 0);
      Arrays.fill(cb, 0);
      long bits = 0;
      for (int j = 0; j < m; j++) {
        if ((j & 63) == 0) {
          bits = random.nextLong();
        }
        if ((bits & 1) == 0) {
          ca[codes[j]]++;
        } else {
          cb[codes[j]]++;
        }
        bits >>>= 1;
      }
      long na = Arrays.stream(ca).sum();
      long nb = Arrays.stream(cb).sum();
      scaled[r] =
          na == 0 || nb == 0
              ? 0
              : BinnedDistances.linf(ca, cb) * Math.sqrt((double) na * nb / (na + nb));
    }
    Arrays.sort(scaled);
    return scaled;
  }

  /** δ from the ascending scaled effects; {@code scaled} is not changed. */
  private static double threshold(double[] scaled, long n1, long n2, DriftSettings settings) {
    int index = (int) Math.ceil((1 - settings.alpha()) * scaled.length) - 1;
    double quantile = scaled[Math.max(0, Math.min(scaled.length - 1, index))];
    double noise = quantile / Math.sqrt((double) n1 * n2 / (n1 + n2));
    return Math.max(settings.minEffect(), noise);
  }
}
