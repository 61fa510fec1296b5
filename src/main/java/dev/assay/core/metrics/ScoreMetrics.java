package dev.assay.core.metrics;

/**
 * The rank- and calibration-based metrics computed from the stored (score, true class) pairs.
 *
 * @param rocAuc binary ROC AUC (NaN for multiclass)
 * @param rocAucOvrMacro one-vs-rest macro AUC (binary: equals rocAuc)
 * @param rocAucOvoMacro one-vs-one macro AUC, Hand &amp; Till (binary: equals rocAuc)
 * @param averagePrecision binary AP, or macro one-vs-rest AP for multiclass
 * @param roc binary ROC curve, null for multiclass
 * @param precisionRecall binary PR curve, null for multiclass
 * @param calibration reliability curve and ECE
 */
record ScoreMetrics(
    double rocAuc,
    double rocAucOvrMacro,
    double rocAucOvoMacro,
    double averagePrecision,
    Curve roc,
    Curve precisionRecall,
    Calibration calibration) {

  static final ScoreMetrics ABSENT =
      new ScoreMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null, null);

  /** Binary: {@code scores[i]} is the positive-class probability of row i. */
  static ScoreMetrics binary(FloatColumn scores, IntColumn trueClass, int positiveIndex) {
    int n = trueClass.size();
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = BinaryCurve.key(scores.get(i), trueClass.get(i) == positiveIndex);
    }
    BinaryCurve curve = BinaryCurve.of(keys, n);
    double auc = curve.rocAuc();
    Calibration calibration =
        Calibration.uniform(n, scores::get, i -> trueClass.get(i) == positiveIndex);
    return new ScoreMetrics(
        auc, auc, auc, curve.averagePrecision(), curve.roc(), curve.precisionRecall(), calibration);
  }

  /** Multiclass: {@code probabilities} is row-major, {@code classes} values a row. */
  static ScoreMetrics multiclass(FloatColumn probabilities, IntColumn trueClass, int classes) {
    int n = trueClass.size();
    long[] support = new long[classes];
    for (int i = 0; i < n; i++) {
      support[trueClass.get(i)]++;
    }
    boolean allPresent = true;
    for (long s : support) {
      allPresent &= s > 0;
    }
    long[] keys = new long[n];
    double ovr = 0;
    double ap = 0;
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < n; i++) {
        keys[i] = BinaryCurve.key(probabilities.get(i * classes + c), trueClass.get(i) == c);
      }
      BinaryCurve curve = BinaryCurve.of(keys, n);
      ovr += curve.rocAuc();
      ap += curve.averagePrecision();
    }
    double ovo = oneVsOne(probabilities, trueClass, classes, support, keys);
    int[] top = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (probabilities.get(i * classes + c) > probabilities.get(i * classes + best)) {
          best = c;
        }
      }
      top[i] = best;
    }
    Calibration calibration =
        Calibration.uniform(
            n, i -> probabilities.get(i * classes + top[i]), i -> top[i] == trueClass.get(i));
    return new ScoreMetrics(
        Double.NaN,
        allPresent ? ovr / classes : Double.NaN,
        ovo,
        allPresent ? ap / classes : Double.NaN,
        null,
        null,
        calibration);
  }

  /**
   * Hand &amp; Till one-vs-one: over each pair (a, b) of classes present in the true labels, the
   * mean of AUC(score a; a vs b) and AUC(score b; b vs a) on the rows of a and b; then the mean.
   */
  private static double oneVsOne(
      FloatColumn probabilities, IntColumn trueClass, int classes, long[] support, long[] keys) {
    int n = trueClass.size();
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < classes; a++) {
      for (int b = a + 1; b < classes; b++) {
        if (support[a] == 0 || support[b] == 0) {
          continue;
        }
        double pairAuc = 0;
        for (int side : new int[] {a, b}) {
          int m = 0;
          for (int i = 0; i < n; i++) {
            int t = trueClass.get(i);
            if (t == a || t == b) {
              keys[m++] = BinaryCurve.key(probabilities.get(i * classes + side), t == side);
            }
          }
          pairAuc += BinaryCurve.of(keys, m).rocAuc();
        }
        sum += pairAuc / 2;
        pairs++;
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }
}
