package dev.assay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary curve of more distinct scores than {@link ScoreMetrics#FULL_CURVE} is collected in the
 * one sweep that computes AUC and AP, and equals, point for point, the curve of the second sweep
 * that took every {@code ceil(groups / cap)}-th distinct score before (issue 14).
 */
class StridedCurvePointsTest {
  @TempDir Path dir;

  /** The indices the second sweep kept: every stride-th and the last, at most cap + 1. */
  private static List<Double> secondSweep(int cap, int groups) {
    long stride = Math.max(1, (groups + cap - 1) / cap);
    List<Double> kept = new ArrayList<>();
    for (int j = 0; j < groups; j++) {
      if ((j % stride == 0 || j == groups - 1) && kept.size() <= cap) {
        kept.add((double) j);
      }
    }
    return kept;
  }

  /**
   * The thresholds (indices here) of the one-sweep curve, highest score first; null: swept again.
   */
  private static List<Double> oneSweep(int cap, int groups, long bound) {
    StridedCurvePoints points = new StridedCurvePoints(cap, bound);
    for (int j = 0; j < groups; j++) {
      // scores fall as j grows; a positive and a negative alternate so every point is distinct
      points.add(j, groups - j, j % 2, 1 - j % 2, j == groups - 1);
    }
    BinaryCurve curve = points.curve(groups);
    if (curve == null) {
      return null;
    }
    double[] thresholds = curve.precisionRecall().thresholds(); // ascending scores
    List<Double> indices = new ArrayList<>();
    for (int i = thresholds.length - 1; i >= 0; i--) {
      indices.add(groups - thresholds[i]);
    }
    return indices;
  }

  @Test
  void keepsExactlyThePointsOfTheSecondSweepForEveryCountAndBound() {
    int swept = 0;
    for (int cap : new int[] {1, 2, 3, 7, 10}) {
      for (int groups = cap + 1; groups <= 150; groups++) {
        for (long bound : new long[] {groups, groups + 1, groups + cap, 2L * groups, 3L * groups}) {
          List<Double> one = oneSweep(cap, groups, bound);
          if (bound <= groups + cap) {
            assertThat(one).as("cap %d, %d groups, bound %d", cap, groups, bound).isNotNull();
          }
          if (one != null) {
            swept++;
            assertThat(one)
                .as("cap %d, %d groups, bound %d", cap, groups, bound)
                .containsExactlyElementsOf(secondSweep(cap, groups));
          }
        }
      }
    }
    assertThat(swept).isGreaterThan(1500);
  }

  @Test
  void aMillionDistinctScoresNearTheirBoundInOneSweep() {
    int cap = ScoreMetrics.FULL_CURVE;
    for (int groups : new int[] {1_000_000, 1_000_001, 1_499_999}) {
      assertThat(oneSweep(cap, groups, groups + 5_000))
          .as("%d groups", groups)
          .containsExactlyElementsOf(secondSweep(cap, groups));
    }
  }

  @Test
  void givesNullWhenTheStrideIsBelowBothKept() {
    assertThat(oneSweep(10, 100, 1_000)).isNull();
  }

  /** Binary keys of random scores (float, so some tie) with random outcomes. */
  private static ScoreCounts scores(Path dir, int rows, int distinct, int repeats, long seed) {
    ScoreCounts counts = new ScoreCounts(dir, 20_000);
    for (int r = 0; r < repeats; r++) {
      Random random = new Random(seed);
      for (int i = 0; i < rows; i++) {
        float score =
            distinct > 0 ? random.nextInt(distinct) / (float) distinct : random.nextFloat();
        counts.add(~BinaryCurve.key(score, random.nextInt(3) == 0));
      }
    }
    return counts;
  }

  private static long[] positivesAndGroups(ScoreCounts counts) {
    long positives = 0;
    long groups = 0;
    long previous = 0;
    boolean first = true;
    try (ScoreCounts.Cursor cursor = counts.cursor()) {
      while (cursor.next()) {
        long key = ~cursor.key();
        if ((key & 1) != 0) {
          positives += cursor.count();
        }
        if (first || key >> 1 != previous) {
          groups++;
        }
        previous = key >> 1;
        first = false;
      }
    }
    return new long[] {positives, groups};
  }

  private static void assertSameAsTwoSweeps(ScoreCounts counts, long minGroups) {
    long[] pg = positivesAndGroups(counts);
    assertThat(pg[1]).isGreaterThan(minGroups);
    ScoreMetrics one = ScoreMetrics.binary(counts, pg[0], counts.total(), new Calibration.Bins());
    BinaryCurve two = ScoreMetrics.evenlySpread(counts, pg[0], counts.total(), pg[1]);
    assertThat(one.roc().thresholds()).isEqualTo(two.roc().thresholds());
    assertThat(one.roc().x()).isEqualTo(two.roc().x());
    assertThat(one.roc().y()).isEqualTo(two.roc().y());
    assertThat(one.precisionRecall().thresholds()).isEqualTo(two.precisionRecall().thresholds());
    assertThat(one.precisionRecall().x()).isEqualTo(two.precisionRecall().x());
    assertThat(one.precisionRecall().y()).isEqualTo(two.precisionRecall().y());
    assertThat(one.precisionRecall().thresholds().length)
        .isBetween(ScoreMetrics.FULL_CURVE / 2, ScoreMetrics.FULL_CURVE + 1);
  }

  @Test
  void spilledCountsOfManyDistinctScoresGiveTheTwoSweepCurve() {
    try (ScoreCounts counts = scores(dir, 450_000, 0, 1, 11)) {
      assertThat(counts.spilledRuns()).isPositive();
      assertSameAsTwoSweeps(counts, 3L * ScoreMetrics.FULL_CURVE);
    }
  }

  @Test
  void theSameScoresInEverySpilledRunStillGiveTheTwoSweepCurve() {
    // each pass spills the same 120,000 scores again: the bound is about ten times the groups
    try (ScoreCounts counts = scores(dir, 120_000, 1 << 20, 10, 5)) {
      assertThat(counts.distinctUpperBound()).isGreaterThan(5L * ScoreMetrics.FULL_CURVE);
      assertSameAsTwoSweeps(counts, ScoreMetrics.FULL_CURVE);
    }
  }
}
