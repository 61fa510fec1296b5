package dev.assay.core.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the figures of one attribute into {@link Disparity} records: the value, its bootstrap
 * interval, the significance test of the underlying rate difference, the verdict against the
 * threshold and the explanation.
 */
final class ClassificationDisparities {
  private final long[][] cells;
  private final ClassificationFigures figures;
  private final double[] point;
  private final double[][] intervals;
  private final boolean[] judged;
  private final int reference;
  private final List<String> labels;
  private final FairnessSettings settings;
  private final String positive;
  private final String favorable;

  /**
   * @param positive the positive outcome in words, such as {@code 'deny = 1'}
   * @param favorable the favourable outcome in words
   */
  ClassificationDisparities(
      long[][] cells,
      ClassificationFigures figures,
      double[] point,
      double[][] intervals,
      boolean[] judged,
      int reference,
      List<String> labels,
      FairnessSettings settings,
      String positive,
      String favorable) {
    this.cells = cells;
    this.figures = figures;
    this.point = point;
    this.intervals = intervals;
    this.judged = judged;
    this.reference = reference;
    this.labels = labels;
    this.settings = settings;
    this.positive = positive;
    this.favorable = favorable;
  }

  List<Disparity> all() {
    FairnessThresholds limits = settings.thresholds();
    List<Disparity> list = new ArrayList<>();
    int[] selection = extremes(ClassificationFigures.SELECTION);
    Significance.Result selectionTest =
        Significance.independence(table(0), selection[0], selection[1]);
    list.add(
        gap(
            Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE,
            "Demographic parity difference",
            0,
            selection,
            selectionTest,
            limits.demographicParityDifference(),
            positive));
    list.add(
        build(
            Disparity.DEMOGRAPHIC_PARITY_RATIO,
            "Demographic parity ratio",
            1,
            names(selection),
            selectionTest,
            limits.demographicParityRatio(),
            ">= " + NumericBins.text(limits.demographicParityRatio()),
            v -> v >= limits.demographicParityRatio(),
            positive,
            false,
            List.of()));
    list.add(disparateImpact(limits));
    int[] tpr = extremes(ClassificationFigures.TPR);
    int[] fpr = extremes(ClassificationFigures.FPR);
    Significance.Result tprTest = Significance.independence(table(1), tpr[0], tpr[1]);
    Significance.Result fprTest = Significance.independence(table(2), fpr[0], fpr[1]);
    list.add(
        gap(
            Disparity.EQUAL_OPPORTUNITY_DIFFERENCE,
            "Equal opportunity difference",
            3,
            tpr,
            tprTest,
            limits.equalOpportunityDifference(),
            positive));
    boolean tprSets =
        rateGap(ClassificationFigures.TPR, tpr) >= rateGap(ClassificationFigures.FPR, fpr);
    list.add(
        gap(
            Disparity.EQUALIZED_ODDS_DIFFERENCE,
            "Equalized odds difference",
            4,
            tprSets ? tpr : fpr,
            Significance.either(tprTest, fprTest),
            limits.equalizedOddsDifference(),
            positive));
    list.add(averageOdds(limits));
    int[] precision = extremes(ClassificationFigures.PRECISION);
    list.add(
        gap(
            Disparity.PREDICTIVE_PARITY_DIFFERENCE,
            "Predictive parity difference",
            6,
            precision,
            Significance.independence(table(3), precision[0], precision[1]),
            limits.predictiveParityDifference(),
            positive));
    for (int k = 7; k <= 8; k++) {
      Double limit = k == 7 ? limits.theilIndex() : null;
      list.add(
          build(
              ClassificationFigures.DISPARITIES[k],
              k == 7 ? "Theil index" : "Between-group Theil index",
              k,
              List.of(),
              Significance.Result.UNTESTABLE,
              limit,
              limit == null ? "no threshold" : "<= " + NumericBins.text(limit),
              v -> limit == null || v <= limit,
              favorable,
              false,
              List.of()));
    }
    return list;
  }

  private Disparity gap(
      String key,
      String title,
      int index,
      int[] extremes,
      Significance.Result test,
      double limit,
      String outcome) {
    return build(
        key,
        title,
        index,
        names(extremes),
        test,
        limit,
        "<= " + NumericBins.text(limit),
        v -> v <= limit,
        outcome,
        true,
        List.of());
  }

  private Disparity disparateImpact(FairnessThresholds limits) {
    double low = limits.disparateImpactLow();
    double high = limits.disparateImpactHigh();
    List<GroupComparison> perGroup = new ArrayList<>();
    int extreme = -1;
    Significance.Result extremeTest = Significance.Result.UNTESTABLE;
    for (int g = 0; g < labels.size(); g++) {
      double value = point[figures.impactOf(g)];
      if (reference < 0 || !judged[g] || g == reference) {
        continue;
      }
      Significance.Result test = Significance.pair(favorableRow(g), favorableRow(reference));
      String verdict =
          Double.isNaN(value)
              ? Disparity.NOT_JUDGED
              : value >= low && value <= high ? Disparity.FAIR : Disparity.UNFAIR;
      double[] ci = intervals[figures.impactOf(g)];
      perGroup.add(new GroupComparison(labels.get(g), value, ci[0], ci[1], test.pValue(), verdict));
      if (value == point[figures.disparity(2)] && extreme < 0) {
        extreme = g;
        extremeTest = test;
      }
    }
    List<String> groups =
        extreme < 0 ? List.of() : List.of(labels.get(extreme), labels.get(reference));
    return build(
        Disparity.DISPARATE_IMPACT,
        "Disparate impact (four-fifths rule)",
        2,
        groups,
        extremeTest,
        low,
        String.format(
            Locale.ROOT, "within [%s, %s]", NumericBins.text(low), NumericBins.text(high)),
        v -> v >= low && v <= high,
        favorable,
        false,
        perGroup);
  }

  private Disparity averageOdds(FairnessThresholds limits) {
    double limit = limits.averageOddsDifference();
    List<GroupComparison> perGroup = new ArrayList<>();
    int extreme = -1;
    Significance.Result extremeTest = Significance.Result.UNTESTABLE;
    for (int g = 0; g < labels.size(); g++) {
      double value = point[figures.averageOddsOf(g)];
      if (reference < 0 || !judged[g] || g == reference) {
        continue;
      }
      Significance.Result test =
          Significance.either(
              Significance.pair(outcomeRow(g, 1), outcomeRow(reference, 1)),
              Significance.pair(outcomeRow(g, 2), outcomeRow(reference, 2)));
      String verdict =
          Double.isNaN(value)
              ? Disparity.NOT_JUDGED
              : Math.abs(value) <= limit ? Disparity.FAIR : Disparity.UNFAIR;
      double[] ci = intervals[figures.averageOddsOf(g)];
      perGroup.add(new GroupComparison(labels.get(g), value, ci[0], ci[1], test.pValue(), verdict));
      if (value == point[figures.disparity(5)] && extreme < 0) {
        extreme = g;
        extremeTest = test;
      }
    }
    List<String> groups =
        extreme < 0 ? List.of() : List.of(labels.get(extreme), labels.get(reference));
    return build(
        Disparity.AVERAGE_ODDS_DIFFERENCE,
        "Average odds difference",
        5,
        groups,
        extremeTest,
        limit,
        "|value| <= " + NumericBins.text(limit),
        v -> Math.abs(v) <= limit,
        positive,
        true,
        perGroup);
  }

  private Disparity build(
      String key,
      String title,
      int index,
      List<String> groups,
      Significance.Result test,
      Double limit,
      String rule,
      java.util.function.DoublePredicate fair,
      String outcome,
      boolean percentagePoints,
      List<GroupComparison> perGroup) {
    double value = point[figures.disparity(index)];
    double[] ci = intervals[figures.disparity(index)];
    String verdict;
    if (Double.isNaN(value)) {
      verdict = Disparity.NOT_JUDGED;
    } else if (limit == null) {
      verdict = Disparity.INFO;
    } else {
      verdict = fair.test(value) ? Disparity.FAIR : Disparity.UNFAIR;
    }
    boolean significant = !Double.isNaN(test.pValue()) && test.pValue() < settings.alpha();
    Disparity draft =
        new Disparity(
            key,
            title,
            value,
            ci[0],
            ci[1],
            test.pValue(),
            test.test(),
            limit,
            rule,
            verdict,
            significant,
            groups,
            "",
            perGroup);
    String explanation =
        Explanations.finding(
            draft, Explanations.meaning(key, outcome), settings.alpha(), percentagePoints);
    return new Disparity(
        key,
        title,
        value,
        ci[0],
        ci[1],
        test.pValue(),
        test.test(),
        limit,
        rule,
        verdict,
        significant,
        groups,
        explanation,
        perGroup);
  }

  /** The judged groups with the highest and lowest defined value of a rate, or -1s. */
  private int[] extremes(int rate) {
    int high = -1;
    int low = -1;
    for (int g = 0; g < labels.size(); g++) {
      double v = point[figures.rate(g, rate)];
      if (!judged[g] || Double.isNaN(v)) {
        continue;
      }
      if (high < 0 || v > point[figures.rate(high, rate)]) {
        high = g;
      }
      if (low < 0 || v < point[figures.rate(low, rate)]) {
        low = g;
      }
    }
    return new int[] {high, low};
  }

  private double rateGap(int rate, int[] extremes) {
    if (extremes[0] < 0 || extremes[1] < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return point[figures.rate(extremes[0], rate)] - point[figures.rate(extremes[1], rate)];
  }

  private List<String> names(int[] extremes) {
    if (extremes[0] < 0 || extremes[1] < 0 || extremes[0] == extremes[1]) {
      return List.of();
    }
    return List.of(labels.get(extremes[0]), labels.get(extremes[1]));
  }

  /**
   * The groups x outcome table of one test (judged groups only; others get empty rows): 0 =
   * predicted positive among all rows, 1 = predicted positive among actual positives (TPR), 2 =
   * predicted positive among actual non-positives (FPR), 3 = actual positive among predicted
   * positives (precision).
   */
  private long[][] table(int kind) {
    long[][] table = new long[labels.size()][2];
    for (int g = 0; g < labels.size(); g++) {
      if (judged[g]) {
        table[g] = outcomeRow(g, kind);
      }
    }
    return table;
  }

  private long[] outcomeRow(int g, int kind) {
    long[] confusion = ClassificationFigures.confusion(cells[g]);
    long tp = confusion[0];
    long fp = confusion[1];
    long fn = confusion[2];
    long tn = confusion[3];
    return switch (kind) {
      case 0 -> new long[] {tp + fp, fn + tn};
      case 1 -> new long[] {tp, fn};
      case 2 -> new long[] {fp, tn};
      default -> new long[] {tp, fp};
    };
  }

  private long[] favorableRow(int g) {
    long n = 0;
    for (long v : cells[g]) {
      n += v;
    }
    long favorableCount = figures.predictedFavorable(cells[g]);
    return new long[] {favorableCount, n - favorableCount};
  }
}
