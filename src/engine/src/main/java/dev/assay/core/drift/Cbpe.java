package dev.assay.core.drift;

import java.util.Arrays;

/**
 * Confidence-based performance estimation (CBPE, as NannyML defines it) for a binary classifier
 * whose current data has no labels yet: the model's scores on the reference are calibrated against
 * the reference labels ({@link IsotonicCalibrator}), and the expected confusion matrix of the
 * current data follows from the calibrated probabilities p of its rows: a row predicted positive
 * adds p to TP and 1 - p to FP, a row predicted negative adds 1 - p to TN and p to FN. Expected ROC
 * AUC: the rows by p descending, TPR_k = Σ_{j≤k} p_j / Σ p and FPR_k = Σ_{j≤k} (1 - p_j) / Σ (1 -
 * p), trapezoids from (0, 0).
 *
 * <p>Calibration is applied only when it helps: when the expected calibration error of the
 * cross-validated calibrated scores on the reference (five folds, row i in fold i mod 5) is below
 * that of the raw scores (10 equal-width bins on [0, 1]).
 */
public final class Cbpe {
  /** Folds of the cross-validated calibration check. */
  public static final int FOLDS = 5;

  /** Bins of the expected calibration error. */
  public static final int ECE_BINS = 10;

  /**
   * A fitted estimator.
   *
   * @param calibrator fitted on the whole reference
   * @param eceRaw the raw scores' expected calibration error on the reference
   * @param eceCalibrated that of the cross-validated calibrated scores
   * @param calibrated whether the estimate uses the calibrator (eceCalibrated &lt; eceRaw)
   * @param threshold a score at or above it is predicted positive
   */
  public record Fitted(
      IsotonicCalibrator calibrator,
      double eceRaw,
      double eceCalibrated,
      boolean calibrated,
      double threshold) {

    /** The probability of the positive class for each score, calibrated when that helps. */
    public double[] probabilities(double[] score) {
      return calibrated ? calibrator.apply(score) : clip(score);
    }

    /** The estimated performance of rows with these scores, predicted by the threshold. */
    public Estimate estimate(double[] score) {
      int[] predicted = new int[score.length];
      for (int i = 0; i < score.length; i++) {
        predicted[i] = score[i] >= threshold ? 1 : 0;
      }
      return Cbpe.estimate(probabilities(score), predicted);
    }
  }

  /**
   * An expected confusion matrix and its metrics.
   *
   * @param accuracyStandardError the standard deviation of the realised accuracy around the
   *     estimate when the probabilities are right: sqrt(Σ q(1 - q)) / n, q the probability that a
   *     row is classified right
   */
  public record Estimate(
      long rows,
      double tp,
      double fp,
      double tn,
      double fn,
      double accuracy,
      double precision,
      double recall,
      double f1,
      double rocAuc,
      double accuracyStandardError) {}

  private Cbpe() {}

  /**
   * Fits the estimator on the reference.
   *
   * @param score the model's positive-class scores on the reference
   * @param label the reference labels, 1 positive, 0 negative
   * @param threshold a score at or above it is predicted positive (0.5 for probabilities)
   * @throws IllegalArgumentException with fewer than {@link #FOLDS} rows, one class only, or
   *     mismatched lengths
   */
  public static Fitted fit(double[] score, int[] label, double threshold) {
    int n = score.length;
    if (label.length != n || n < FOLDS) {
      throw new IllegalArgumentException(
          "performance estimation needs at least " + FOLDS + " labelled reference rows");
    }
    long positives = Arrays.stream(label).filter(l -> l != 0).count();
    if (positives == 0 || positives == n) {
      throw new IllegalArgumentException(
          "performance estimation needs both classes among the reference labels");
    }
    double[] cv = new double[n];
    for (int f = 0; f < FOLDS; f++) {
      int held = (n - f + FOLDS - 1) / FOLDS;
      double[] s = new double[n - held];
      int[] l = new int[n - held];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (i % FOLDS != f) {
          s[k] = score[i];
          l[k++] = label[i];
        }
      }
      IsotonicCalibrator c = IsotonicCalibrator.fit(s, l);
      for (int i = f; i < n; i += FOLDS) {
        cv[i] = c.apply(score[i]);
      }
    }
    double raw = expectedCalibrationError(clip(score), label);
    double calibrated = expectedCalibrationError(cv, label);
    return new Fitted(
        IsotonicCalibrator.fit(score, label), raw, calibrated, calibrated < raw, threshold);
  }

  /**
   * The expected confusion matrix of rows with probabilities {@code p} and predicted classes.
   *
   * @throws IllegalArgumentException on no rows or mismatched lengths
   */
  public static Estimate estimate(double[] p, int[] predicted) {
    int n = p.length;
    if (n == 0 || predicted.length != n) {
      throw new IllegalArgumentException("estimation needs probabilities and predictions");
    }
    double tp = 0;
    double fp = 0;
    double tn = 0;
    double fn = 0;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      double q;
      if (predicted[i] != 0) {
        tp += p[i];
        fp += 1 - p[i];
        q = p[i];
      } else {
        tn += 1 - p[i];
        fn += p[i];
        q = 1 - p[i];
      }
      variance += q * (1 - q);
    }
    return new Estimate(
        n,
        tp,
        fp,
        tn,
        fn,
        (tp + tn) / n,
        tp / (tp + fp),
        tp / (tp + fn),
        2 * tp / (2 * tp + fp + fn),
        expectedRocAuc(p),
        Math.sqrt(variance) / n);
  }

  /** Expected ROC AUC of calibrated probabilities (see the class comment). */
  public static double expectedRocAuc(double[] p) {
    double[] sorted = p.clone();
    Arrays.sort(sorted);
    double positives = 0;
    double negatives = 0;
    for (double v : sorted) {
      positives += v;
      negatives += 1 - v;
    }
    double area = 0;
    double tp = 0;
    double fp = 0;
    double tpr = 0;
    double fpr = 0;
    for (int i = sorted.length - 1; i >= 0; i--) {
      tp += sorted[i];
      fp += 1 - sorted[i];
      double nextTpr = tp / positives;
      double nextFpr = fp / negatives;
      area += (nextFpr - fpr) * (nextTpr + tpr) / 2;
      tpr = nextTpr;
      fpr = nextFpr;
    }
    return area;
  }

  /**
   * Expected calibration error: over {@link #ECE_BINS} equal-width bins of p on [0, 1] (the last
   * closed), Σ n_b / n · |mean label - mean p|.
   */
  public static double expectedCalibrationError(double[] p, int[] label) {
    double[] sumP = new double[ECE_BINS];
    double[] sumY = new double[ECE_BINS];
    long[] count = new long[ECE_BINS];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min((int) (p[i] * ECE_BINS), ECE_BINS - 1);
      sumP[b] += p[i];
      sumY[b] += label[i] != 0 ? 1 : 0;
      count[b]++;
    }
    double total = 0;
    for (int b = 0; b < ECE_BINS; b++) {
      if (count[b] > 0) {
        total += (double) count[b] / p.length * Math.abs(sumY[b] / count[b] - sumP[b] / count[b]);
      }
    }
    return total;
  }

  private static double[] clip(double[] score) {
    double[] out = new double[score.length];
    for (int i = 0; i < score.length; i++) {
      out[i] = Math.min(1.0, Math.max(0.0, score[i]));
    }
    return out;
  }
}
