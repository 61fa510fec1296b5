package dev.assay.core.compare;

import dev.assay.core.compare.ComparisonReport.MetricDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of metric differences between a challenger and the baseline: McNemar's test for
 * accuracy (with the bootstrap interval of the difference), DeLong's test and interval for ROC AUC,
 * the paired bootstrap for every other metric. A difference is called real when its p-value is
 * below 0.05, else within noise.
 */
public final class ComparisonStatistics {
  /** Significance level of the verdicts. */
  public static final double ALPHA = 0.05;

  private ComparisonStatistics() {}

  /** The differences, {@code model} minus {@code baseline}. */
  public static List<MetricDelta> deltas(
      String baseline, String model, PairedSample sample, int resamples, long seed) {
    long b = 0;
    long c = 0;
    int[] truth = sample.truth();
    int[] pa = sample.a().predicted();
    int[] pb = sample.b().predicted();
    for (int i = 0; i < sample.rows(); i++) {
      boolean rightA = pa[i] == truth[i];
      boolean rightB = pb[i] == truth[i];
      if (rightA && !rightB) {
        b++;
      } else if (!rightA && rightB) {
        c++;
      }
    }
    McNemar.Result mcnemar = McNemar.test(b, c);
    List<MetricDelta> deltas = new ArrayList<>();
    for (PairedBootstrap.Delta d : PairedBootstrap.differences(sample, resamples, seed)) {
      if (d.metric().equals("average_precision")) {
        addAuc(deltas, baseline, model, sample);
      }
      boolean accuracy = d.metric().equals("accuracy");
      double p = accuracy ? mcnemar.pValue() : d.pValue();
      deltas.add(
          new MetricDelta(
              baseline,
              model,
              d.metric(),
              d.baseline(),
              d.challenger(),
              d.difference(),
              d.ciLow(),
              d.ciHigh(),
              p,
              accuracy ? mcnemar.method() : "paired_bootstrap",
              verdict(p)));
    }
    return deltas;
  }

  private static void addAuc(
      List<MetricDelta> deltas, String baseline, String model, PairedSample sample) {
    int n = sample.rows();
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      positive[i] = sample.truth()[i] == sample.positiveIndex();
    }
    DeLong.Result r =
        DeLong.test(positive, sample.a().positiveScore(), sample.b().positiveScore(), n);
    deltas.add(
        new MetricDelta(
            baseline,
            model,
            "roc_auc",
            r.aucA(),
            r.aucB(),
            r.difference(),
            r.ciLow(),
            r.ciHigh(),
            r.pValue(),
            "delong",
            verdict(r.pValue())));
  }

  /** {@link ComparisonReport#REAL} below {@link #ALPHA}, else {@link ComparisonReport#NOISE}. */
  public static String verdict(double pValue) {
    if (Double.isNaN(pValue)) {
      return ComparisonReport.UNKNOWN;
    }
    return pValue < ALPHA ? ComparisonReport.REAL : ComparisonReport.NOISE;
  }
}
