package dev.assay.core.fairness;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The positive-class probabilities of each group, split by true class and sorted ascending: for ROC
 * AUC per group and the threshold analysis.
 */
final class GroupScores {
  private static final double Z = new NormalDistribution().inverseCumulativeProbability(0.975);

  /** Per group, the scores of actual positives, ascending. */
  final float[][] positives;

  /** Per group, the scores of actual non-positives, ascending. */
  final float[][] negatives;

  private GroupScores(float[][] positives, float[][] negatives) {
    this.positives = positives;
    this.negatives = negatives;
  }

  /** Scores already split by group and true class and sorted ascending. */
  static GroupScores sorted(float[][] positives, float[][] negatives) {
    return new GroupScores(positives, negatives);
  }

  static GroupScores of(ScoredPredictions p, int[] groupOfPrediction, int groups) {
    int[] pos = new int[groups];
    int[] neg = new int[groups];
    for (int i = 0; i < p.size; i++) {
      if (p.truth[i] == ScoredPredictions.POSITIVE) {
        pos[groupOfPrediction[i]]++;
      } else {
        neg[groupOfPrediction[i]]++;
      }
    }
    float[][] positives = new float[groups][];
    float[][] negatives = new float[groups][];
    for (int g = 0; g < groups; g++) {
      positives[g] = new float[pos[g]];
      negatives[g] = new float[neg[g]];
    }
    Arrays.fill(pos, 0);
    Arrays.fill(neg, 0);
    for (int i = 0; i < p.size; i++) {
      int g = groupOfPrediction[i];
      if (p.truth[i] == ScoredPredictions.POSITIVE) {
        positives[g][pos[g]++] = p.score[i];
      } else {
        negatives[g][neg[g]++] = p.score[i];
      }
    }
    for (int g = 0; g < groups; g++) {
      Arrays.sort(positives[g]);
      Arrays.sort(negatives[g]);
    }
    return new GroupScores(positives, negatives);
  }

  /**
   * ROC AUC of group {@code g} (ties count one half, as scikit-learn) with DeLong's 95% interval
   * (normal approximation on the structural components, clipped to [0, 1]); all NaN when the group
   * lacks one of the classes.
   *
   * @return {@code {auc, low, high}}
   */
  double[] rocAuc(int g) {
    float[] pos = positives[g];
    float[] neg = negatives[g];
    int m = pos.length;
    int n = neg.length;
    if (m == 0 || n == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    // placement of each positive among the negatives, and of each negative among the positives
    double[] v10 = new double[m];
    int below = 0;
    int upTo = 0;
    for (int i = 0; i < m; i++) {
      while (below < n && neg[below] < pos[i]) {
        below++;
      }
      upTo = Math.max(upTo, below);
      while (upTo < n && neg[upTo] <= pos[i]) {
        upTo++;
      }
      v10[i] = (below + 0.5 * (upTo - below)) / n;
    }
    double[] v01 = new double[n];
    below = 0;
    upTo = 0;
    for (int j = 0; j < n; j++) {
      while (below < m && pos[below] < neg[j]) {
        below++;
      }
      upTo = Math.max(upTo, below);
      while (upTo < m && pos[upTo] <= neg[j]) {
        upTo++;
      }
      // positives above the negative, ties one half
      v01[j] = ((m - upTo) + 0.5 * (upTo - below)) / m;
    }
    double auc = mean(v10);
    double variance = sampleVariance(v10, auc) / m + sampleVariance(v01, auc) / n;
    double half = Z * Math.sqrt(variance);
    return new double[] {auc, Math.max(0, auc - half), Math.min(1, auc + half)};
  }

  /** Rows of group {@code g} with the given true class and a score above {@code threshold}. */
  static int above(float[] sorted, double threshold) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] > threshold) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return sorted.length - lo;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double sampleVariance(double[] values, double mean) {
    if (values.length < 2) {
      return 0;
    }
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum / (values.length - 1);
  }
}
