package dev.assay.core.compare;

import dev.assay.core.compare.ComparisonReport.DisagreementRow;
import dev.assay.core.compare.ComparisonReport.ProbabilityChange;
import dev.assay.core.eval.BatchStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Disagreement between the baseline and one challenger, counted batch by batch during the pass:
 * differing labels and flips, the first disagreeing rows, the largest probability changes (a
 * bounded heap) and the largest and mean absolute probability difference.
 */
final class PairTracker {
  static final int ROWS_LISTED = 1000;
  static final int LARGEST_CHANGES = 20;

  private final ModelLane a;
  private final ModelLane b;
  private final List<DisagreementRow> listed = new ArrayList<>();
  private final PriorityQueue<ProbabilityChange> largest =
      new PriorityQueue<>(Comparator.comparingDouble(p -> Math.abs(p.change())));
  private long rows;
  private long disagreements;
  private long toCorrect;
  private long toWrong;
  private long bothWrong;
  private double maxAbs;
  private double sumAbs;
  private long compared;

  PairTracker(ModelLane a, ModelLane b) {
    this.a = a;
    this.b = b;
  }

  void update(BatchStream.Batch batch, int n) {
    List<String> labels = a.labels;
    for (int i = 0; i < n; i++) {
      int truth = a.truth[i];
      int pa = a.predicted[i];
      int pb = b.predicted[i];
      if (pa != pb) {
        disagreements++;
        String change;
        if (pb == truth) {
          toCorrect++;
          change = "to_correct";
        } else if (pa == truth) {
          toWrong++;
          change = "to_wrong";
        } else {
          bothWrong++;
          change = "both_wrong";
        }
        if (listed.size() < ROWS_LISTED) {
          listed.add(
              new DisagreementRow(
                  batch.rowNumber(i), labels.get(truth), labels.get(pa), labels.get(pb), change));
        }
      }
    }
    rows += n;
    if (a.probabilities == null || b.probabilities == null) {
      return;
    }
    int c = labels.size();
    for (int i = 0; i < n; i++) {
      double rowMax = -1;
      int rowClass = 0;
      for (int k = 0; k < c; k++) {
        double d = Math.abs((double) b.probabilities[i * c + k] - a.probabilities[i * c + k]);
        sumAbs += d;
        if (d > rowMax) {
          rowMax = d;
          rowClass = k;
        }
      }
      compared += c;
      maxAbs = Math.max(maxAbs, rowMax);
      if (largest.size() < LARGEST_CHANGES || rowMax > Math.abs(largest.peek().change())) {
        int k = a.positiveIndex >= 0 ? a.positiveIndex : rowClass;
        double pa = a.probabilities[i * c + k];
        double pb = b.probabilities[i * c + k];
        largest.add(
            new ProbabilityChange(
                batch.rowNumber(i), labels.get(a.truth[i]), labels.get(k), pa, pb, pb - pa));
        if (largest.size() > LARGEST_CHANGES) {
          largest.poll();
        }
      }
    }
  }

  ComparisonReport.Disagreement summary(double tolerance) {
    List<ProbabilityChange> changes = new ArrayList<>(largest);
    changes.sort(
        Comparator.comparingDouble((ProbabilityChange p) -> Math.abs(p.change()))
            .reversed()
            .thenComparingLong(ProbabilityChange::row));
    ComparisonReport.Equivalence equivalence =
        compared == 0
            ? null
            : new ComparisonReport.Equivalence(
                maxAbs, sumAbs / compared, tolerance, maxAbs <= tolerance, compared);
    return new ComparisonReport.Disagreement(
        a.label,
        b.label,
        a.runId,
        b.runId,
        rows,
        disagreements,
        rows == 0 ? 0 : (double) disagreements / rows,
        toCorrect,
        toWrong,
        bothWrong,
        List.copyOf(listed),
        List.copyOf(changes),
        equivalence);
  }
}
