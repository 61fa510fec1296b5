package dev.assay.core.fairness;

/**
 * Every classification figure of one attribute as a function of the groups' cell counts, so that
 * the same code gives the point estimates and each bootstrap resample.
 *
 * <p>A group's rows fall into ten cells by true and predicted category ({@link ScoredPredictions}):
 * {@code 3 * truth + predicted}, with the (other, other) cell split into correct (8) and wrong (9)
 * so that accuracy stays exact beyond two classes. Rates follow Fairlearn and scikit-learn; a rate
 * whose denominator is zero is NaN (undefined), not 0.
 *
 * <p>The figure vector holds, in order: the {@link #RATES} of each group, the {@link #DISPARITIES},
 * each group's favourable-rate ratio to the reference group, and each group's average odds
 * difference to the reference group.
 */
final class ClassificationFigures {
  static final int CELLS = 10;

  static final String[] RATES = {
    "base_rate",
    "selection_rate",
    "favorable_rate",
    "accuracy",
    "tpr",
    "fpr",
    "fnr",
    "tnr",
    "precision",
    "npv",
    "fdr",
    "for",
    "f1"
  };

  static final int BASE = 0;
  static final int SELECTION = 1;
  static final int FAVORABLE = 2;
  static final int TPR = 4;
  static final int FPR = 5;
  static final int PRECISION = 8;

  static final String[] DISPARITIES = {
    Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE,
    Disparity.DEMOGRAPHIC_PARITY_RATIO,
    Disparity.DISPARATE_IMPACT,
    Disparity.EQUAL_OPPORTUNITY_DIFFERENCE,
    Disparity.EQUALIZED_ODDS_DIFFERENCE,
    Disparity.AVERAGE_ODDS_DIFFERENCE,
    Disparity.PREDICTIVE_PARITY_DIFFERENCE,
    Disparity.THEIL_INDEX,
    Disparity.BETWEEN_GROUP_THEIL_INDEX
  };

  private final int groups;
  private final boolean[] judged;
  private final int reference;
  private final int favorableCategory;

  /**
   * @param judged which groups take part in the disparities
   * @param reference the reference group, or -1 when none can be judged
   * @param favorableIsPositive whether the favourable outcome is the positive class
   */
  ClassificationFigures(boolean[] judged, int reference, boolean favorableIsPositive) {
    this.groups = judged.length;
    this.judged = judged.clone();
    this.reference = reference;
    this.favorableCategory =
        favorableIsPositive ? ScoredPredictions.POSITIVE : ScoredPredictions.FAVORABLE;
  }

  static int cell(byte truth, byte predicted, boolean correct) {
    if (truth == ScoredPredictions.OTHER && predicted == ScoredPredictions.OTHER && !correct) {
      return 9;
    }
    return 3 * truth + predicted;
  }

  int size() {
    return groups * RATES.length + DISPARITIES.length + 2 * groups;
  }

  int rate(int group, int rate) {
    return group * RATES.length + rate;
  }

  int disparity(int index) {
    return groups * RATES.length + index;
  }

  int impactOf(int group) {
    return groups * RATES.length + DISPARITIES.length + group;
  }

  int averageOddsOf(int group) {
    return groups * RATES.length + DISPARITIES.length + groups + group;
  }

  /** Fills {@code out} (length {@link #size()}) from the cell counts of every group. */
  void compute(long[][] cells, double[] out) {
    long total = 0;
    long count1 = 0;
    long count2 = 0;
    double[] meanBenefit = new double[groups];
    long[] sizes = new long[groups];
    for (int g = 0; g < groups; g++) {
      long[] c = cells[g];
      long n = 0;
      for (long v : c) {
        n += v;
      }
      sizes[g] = n;
      rates(c, n, favorableCategory, out, g * RATES.length);
      long both = c[3 * favorableCategory + favorableCategory];
      long predictedFavorable = 0;
      long actualFavorable = 0;
      for (int k = 0; k < 3; k++) {
        predictedFavorable += c[3 * k + favorableCategory];
        actualFavorable += c[3 * favorableCategory + k];
      }
      long benefit2 = predictedFavorable - both;
      long benefit0 = actualFavorable - both;
      long benefit1 = n - benefit2 - benefit0;
      total += n;
      count1 += benefit1;
      count2 += benefit2;
      meanBenefit[g] = n == 0 ? Double.NaN : (benefit1 + 2.0 * benefit2) / n;
    }
    int d = groups * RATES.length;
    double[] selection = column(out, SELECTION);
    double[] favorable = column(out, FAVORABLE);
    double[] tpr = column(out, TPR);
    double[] fpr = column(out, FPR);
    out[d] = gap(selection);
    out[d + 1] = ratio(selection);
    double eod = gap(tpr);
    out[d + 3] = eod;
    out[d + 4] = Math.max(eod, gap(fpr));
    if (Double.isNaN(eod) || Double.isNaN(gap(fpr))) {
      out[d + 4] = Double.NaN;
    }
    out[d + 6] = gap(column(out, PRECISION));
    double mu = total == 0 ? Double.NaN : (count1 + 2.0 * count2) / total;
    out[d + 7] = theil(total, count1, count2, mu);
    double between = 0;
    for (int g = 0; g < groups; g++) {
      if (sizes[g] > 0 && meanBenefit[g] > 0) {
        double r = meanBenefit[g] / mu;
        between += (double) sizes[g] / total * r * Math.log(r);
      }
    }
    out[d + 8] = total == 0 ? Double.NaN : between;
    double extremeImpact = Double.NaN;
    double extremeOdds = Double.NaN;
    for (int g = 0; g < groups; g++) {
      double impact = Double.NaN;
      double odds = Double.NaN;
      if (reference >= 0 && judged[g] && g != reference) {
        impact = favorable[reference] > 0 ? favorable[g] / favorable[reference] : Double.NaN;
        odds = ((fpr[g] - fpr[reference]) + (tpr[g] - tpr[reference])) / 2;
        if (!Double.isNaN(impact)
            && (Double.isNaN(extremeImpact)
                || Math.abs(Math.log(impact)) > Math.abs(Math.log(extremeImpact)))) {
          extremeImpact = impact;
        }
        if (!Double.isNaN(odds)
            && (Double.isNaN(extremeOdds) || Math.abs(odds) > Math.abs(extremeOdds))) {
          extremeOdds = odds;
        }
      }
      out[impactOf(g)] = impact;
      out[averageOddsOf(g)] = odds;
    }
    out[d + 2] = extremeImpact;
    out[d + 5] = extremeOdds;
  }

  /** The judged groups' values of one rate (NaN for the others). */
  private double[] column(double[] out, int rate) {
    double[] values = new double[groups];
    for (int g = 0; g < groups; g++) {
      values[g] = judged[g] ? out[g * RATES.length + rate] : Double.NaN;
    }
    return values;
  }

  /** Max - min over the defined values; NaN when fewer than two are defined. */
  static double gap(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    int defined = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        max = Math.max(max, v);
        min = Math.min(min, v);
        defined++;
      }
    }
    return defined < 2 ? Double.NaN : max - min;
  }

  /** Min / max over the defined values; NaN when fewer than two are defined or max is 0. */
  static double ratio(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    int defined = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        max = Math.max(max, v);
        min = Math.min(min, v);
        defined++;
      }
    }
    return defined < 2 || max == 0 ? Double.NaN : min / max;
  }

  /**
   * Generalised entropy index with alpha = 1 over benefits {@code b = yhat - y + 1} (AIF360): with
   * {@code count1} rows of benefit 1 and {@code count2} of benefit 2 (the rest 0), mean {@code mu},
   * {@code (1/n) sum (b/mu) ln(b/mu)}.
   */
  private static double theil(long n, long count1, long count2, double mu) {
    if (n == 0 || !(mu > 0)) {
      return Double.NaN;
    }
    double t1 = count1 == 0 ? 0 : count1 * (1 / mu) * Math.log(1 / mu);
    double t2 = count2 == 0 ? 0 : count2 * (2 / mu) * Math.log(2 / mu);
    return (t1 + t2) / n;
  }

  /**
   * The {@link #RATES} of one group into {@code out} from {@code offset}.
   *
   * @param favorableCategory the predicted category that is the favourable outcome
   */
  static void rates(long[] c, long n, int favorableCategory, double[] out, int offset) {
    long positives = c[0] + c[1] + c[2];
    long tp = c[0];
    long fn = positives - tp;
    long predictedPositive = c[0] + c[3] + c[6];
    long fp = predictedPositive - tp;
    long negatives = n - positives;
    long tn = negatives - fp;
    long predictedFavorable =
        c[favorableCategory] + c[3 + favorableCategory] + c[6 + favorableCategory];
    out[offset] = div(positives, n);
    out[offset + 1] = div(predictedPositive, n);
    out[offset + 2] = div(predictedFavorable, n);
    out[offset + 3] = div(c[0] + c[4] + c[8], n);
    out[offset + 4] = div(tp, positives);
    out[offset + 5] = div(fp, negatives);
    out[offset + 6] = div(fn, positives);
    out[offset + 7] = div(tn, negatives);
    out[offset + 8] = div(tp, predictedPositive);
    out[offset + 9] = div(tn, tn + fn);
    out[offset + 10] = div(fp, predictedPositive);
    out[offset + 11] = div(fn, tn + fn);
    out[offset + 12] = div(2 * tp, 2 * tp + fp + fn);
  }

  /** Rows of a group predicted the favourable outcome. */
  long predictedFavorable(long[] c) {
    return c[favorableCategory] + c[3 + favorableCategory] + c[6 + favorableCategory];
  }

  /** Confusion counts of a group for the positive class: tp, fp, fn, tn. */
  static long[] confusion(long[] c) {
    long n = 0;
    for (long v : c) {
      n += v;
    }
    long positives = c[0] + c[1] + c[2];
    long predictedPositive = c[0] + c[3] + c[6];
    long fp = predictedPositive - c[0];
    return new long[] {c[0], fp, positives - c[0], n - positives - fp};
  }

  private static double div(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
