package dev.assay.core.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The threshold analysis of one attribute (binary classification with probabilities): each group's
 * selection rate, TPR, FPR and accuracy on the grid 0.01..0.99, the disparities along the grid, and
 * group-specific thresholds that equalise TPR or selection rate with the accuracy they cost. A row
 * is predicted positive when its positive-class probability is above the threshold.
 */
final class ThresholdSweep {
  static final double BASELINE = 0.5;
  static final String EQUAL_TPR = "equal_tpr";
  static final String EQUAL_SELECTION_RATE = "equal_selection_rate";

  private final GroupScores scores;
  private final List<String> labels;
  private final boolean[] judged;
  private final int reference;
  private final long total;

  ThresholdSweep(GroupScores scores, List<String> labels, boolean[] judged, int reference) {
    this.scores = scores;
    this.labels = labels;
    this.judged = judged;
    this.reference = reference;
    long n = 0;
    for (int g = 0; g < labels.size(); g++) {
      n += scores.positives[g].length + scores.negatives[g].length;
    }
    this.total = n;
  }

  ThresholdAnalysis analyse() {
    int steps = 99;
    double[] grid = new double[steps];
    for (int j = 0; j < steps; j++) {
      grid[j] = (j + 1) / 100.0;
    }
    int groups = labels.size();
    List<ThresholdAnalysis.GroupCurve> curves = new ArrayList<>();
    double[][] selection = new double[groups][steps];
    double[][] tpr = new double[groups][steps];
    double[][] fpr = new double[groups][steps];
    double[] accuracy = new double[steps];
    for (int g = 0; g < groups; g++) {
      double[] groupAccuracy = new double[steps];
      for (int j = 0; j < steps; j++) {
        Outcome o = outcome(g, grid[j]);
        selection[g][j] = o.selectionRate();
        tpr[g][j] = o.tpr();
        fpr[g][j] = o.fpr();
        groupAccuracy[j] = o.accuracy();
        accuracy[j] += o.correct();
      }
      curves.add(
          new ThresholdAnalysis.GroupCurve(
              labels.get(g), judged[g], selection[g], tpr[g], fpr[g], groupAccuracy));
    }
    double[] dpd = new double[steps];
    double[] eod = new double[steps];
    double[] eqOdds = new double[steps];
    for (int j = 0; j < steps; j++) {
      accuracy[j] /= total;
      dpd[j] = ClassificationFigures.gap(judgedColumn(selection, j));
      eod[j] = ClassificationFigures.gap(judgedColumn(tpr, j));
      double fprGap = ClassificationFigures.gap(judgedColumn(fpr, j));
      eqOdds[j] =
          Double.isNaN(eod[j]) || Double.isNaN(fprGap) ? Double.NaN : Math.max(eod[j], fprGap);
    }
    double baseline = 0;
    for (int g = 0; g < groups; g++) {
      baseline += outcome(g, BASELINE).correct();
    }
    baseline /= total;
    List<ThresholdAnalysis.ThresholdPolicy> policies = new ArrayList<>();
    if (reference >= 0) {
      policies.add(policy(EQUAL_TPR, baseline));
      policies.add(policy(EQUAL_SELECTION_RATE, baseline));
    }
    return new ThresholdAnalysis(
        grid, curves, dpd, eod, eqOdds, accuracy, BASELINE, baseline, policies);
  }

  private double[] judgedColumn(double[][] values, int j) {
    double[] column = new double[values.length];
    for (int g = 0; g < values.length; g++) {
      column[g] = judged[g] ? values[g][j] : Double.NaN;
    }
    return column;
  }

  /** What group {@code g} gets at one threshold. */
  record Outcome(long tp, long fp, long positives, long negatives) {
    long correct() {
      return tp + (negatives - fp);
    }

    double selectionRate() {
      long n = positives + negatives;
      return n == 0 ? Double.NaN : (double) (tp + fp) / n;
    }

    double tpr() {
      return positives == 0 ? Double.NaN : (double) tp / positives;
    }

    double fpr() {
      return negatives == 0 ? Double.NaN : (double) fp / negatives;
    }

    double accuracy() {
      long n = positives + negatives;
      return n == 0 ? Double.NaN : (double) correct() / n;
    }
  }

  Outcome outcome(int g, double threshold) {
    float[] pos = scores.positives[g];
    float[] neg = scores.negatives[g];
    return new Outcome(
        GroupScores.above(pos, threshold),
        GroupScores.above(neg, threshold),
        pos.length,
        neg.length);
  }

  private ThresholdAnalysis.ThresholdPolicy policy(String goal, double baselineAccuracy) {
    boolean byTpr = goal.equals(EQUAL_TPR);
    Outcome referenceOutcome = outcome(reference, BASELINE);
    double target = byTpr ? referenceOutcome.tpr() : referenceOutcome.selectionRate();
    List<ThresholdAnalysis.GroupThreshold> chosen = new ArrayList<>();
    long correct = 0;
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (int g = 0; g < labels.size(); g++) {
      double threshold = BASELINE;
      if (judged[g] && g != reference && !Double.isNaN(target)) {
        threshold = bestThreshold(g, byTpr, target);
      }
      Outcome o = outcome(g, threshold);
      correct += o.correct();
      double rate = byTpr ? o.tpr() : o.selectionRate();
      if (judged[g] && !Double.isNaN(rate)) {
        max = Math.max(max, rate);
        min = Math.min(min, rate);
      }
      chosen.add(
          new ThresholdAnalysis.GroupThreshold(
              labels.get(g), threshold, rate, o.selectionRate(), o.accuracy()));
    }
    double accuracy = (double) correct / total;
    double cost = baselineAccuracy - accuracy;
    String what = byTpr ? "true positive rate" : "selection rate";
    String explanation =
        String.format(
            Locale.ROOT,
            "Thresholds per group that bring every judged group's %s to the reference group"
                + " '%s' (%.1f%% at threshold %.2f). Accuracy would go from %.2f%% to %.2f%% (%s"
                + " %.2f points). Analysis only: applying group-specific thresholds is a policy"
                + " decision with legal implications, and nothing here changes the model.",
            what,
            labels.get(reference),
            100 * target,
            BASELINE,
            100 * baselineAccuracy,
            100 * accuracy,
            cost >= 0 ? "a cost of" : "a gain of",
            100 * Math.abs(cost));
    return new ThresholdAnalysis.ThresholdPolicy(
        goal, target, chosen, accuracy, cost, max >= min ? max - min : Double.NaN, explanation);
  }

  /**
   * The threshold whose rate for group {@code g} comes closest to {@code target}; of two equally
   * close ones, the one nearer the baseline. Candidates are the group's own scores (the rate only
   * changes there) and one just below them all; the rate falls as the threshold rises, so the
   * crossing is found by bisection.
   */
  private double bestThreshold(int g, boolean byTpr, double target) {
    float[] candidates = byTpr ? scores.positives[g] : merged(g);
    if (candidates.length == 0) {
      return BASELINE;
    }
    // candidate k = -1 is just below the lowest score (everyone selected)
    int lo = -1;
    int hi = candidates.length - 1;
    while (lo < hi) {
      int mid = Math.floorDiv(lo + hi, 2);
      if (rate(g, byTpr, candidate(candidates, mid)) <= target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    double best = candidate(candidates, lo);
    if (lo > -1) {
      double before = candidate(candidates, lo - 1);
      double dBest = Math.abs(rate(g, byTpr, best) - target);
      double dBefore = Math.abs(rate(g, byTpr, before) - target);
      if (dBefore < dBest
          || (dBefore == dBest && Math.abs(before - BASELINE) < Math.abs(best - BASELINE))) {
        best = before;
      }
    }
    return best;
  }

  private static double candidate(float[] sorted, int k) {
    return k < 0 ? Math.nextDown((double) sorted[0]) : sorted[k];
  }

  private double rate(int g, boolean byTpr, double threshold) {
    Outcome o = outcome(g, threshold);
    return byTpr ? o.tpr() : o.selectionRate();
  }

  private float[] merged(int g) {
    float[] a = scores.positives[g];
    float[] b = scores.negatives[g];
    float[] out = new float[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length || j < b.length) {
      out[k++] = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    }
    return out;
  }
}
