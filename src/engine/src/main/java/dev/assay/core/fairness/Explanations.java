package dev.assay.core.fairness;

import java.util.Locale;
import java.util.Map;

/** Plain-language texts: what each disparity measures, and what was found. */
final class Explanations {
  private static final Map<String, String> MEANINGS =
      Map.ofEntries(
          Map.entry(
              Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE,
              "Demographic parity asks whether every group is selected (predicted %s) equally"
                  + " often, whatever the true outcome. The difference is the highest group's"
                  + " selection rate minus the lowest's."),
          Map.entry(
              Disparity.DEMOGRAPHIC_PARITY_RATIO,
              "The demographic parity ratio divides the lowest group's selection rate (predicted"
                  + " %s) by the highest's; 1 means equal rates. When the selected outcome is rare"
                  + " and unfavourable (a denial), a small gap is a large ratio: read it beside"
                  + " disparate impact, which divides favourable rates."),
          Map.entry(
              Disparity.DISPARATE_IMPACT,
              "Disparate impact divides each group's rate of the favourable outcome (predicted"
                  + " %s) by the reference group's. The four-fifths rule of US employment law"
                  + " treats ratios under 0.8 (or, the other way round, over 1.25) as evidence of"
                  + " adverse impact."),
          Map.entry(
              Disparity.EQUAL_OPPORTUNITY_DIFFERENCE,
              "Equal opportunity asks whether people whose true outcome is %s are recognised"
                  + " equally often in every group: the gap between the highest and lowest true"
                  + " positive rate."),
          Map.entry(
              Disparity.EQUALIZED_ODDS_DIFFERENCE,
              "Equalized odds asks for equal true positive and equal false positive rates (for"
                  + " predicting %s) across groups; the figure is the larger of the two gaps."),
          Map.entry(
              Disparity.AVERAGE_ODDS_DIFFERENCE,
              "The average odds difference is the mean of a group's false positive rate gap and"
                  + " true positive rate gap to the reference group (for predicting %s); the"
                  + " group furthest from 0 is shown, with its sign."),
          Map.entry(
              Disparity.PREDICTIVE_PARITY_DIFFERENCE,
              "Predictive parity asks whether a prediction of %s is equally often right in every"
                  + " group: the gap between the highest and lowest precision."),
          Map.entry(
              Disparity.THEIL_INDEX,
              "The Theil index measures how unequally the benefit of the model's decisions is"
                  + " spread over individuals (benefit 2 for an undeserved favourable decision %s,"
                  + " 0 for a wrongly withheld one, 1 otherwise); 0 is perfect equality."),
          Map.entry(
              Disparity.BETWEEN_GROUP_THEIL_INDEX,
              "The between-group Theil index is the part of that inequality that lies between"
                  + " the groups' average benefits (favourable outcome %s); 0 when every group has"
                  + " the same average benefit."),
          Map.entry(
              Disparity.MEAN_PREDICTION_DIFFERENCE,
              "The gap between the highest and lowest group's mean prediction%s."),
          Map.entry(
              Disparity.MEAN_ERROR_DIFFERENCE,
              "The gap between the highest and lowest group's mean error (prediction minus"
                  + " actual)%s: a model that over- or under-predicts for one group."),
          Map.entry(
              Disparity.MAE_DIFFERENCE,
              "The gap between the highest and lowest group's mean absolute error%s: a model"
                  + " that is less accurate for one group."));

  private Explanations() {}

  /** What {@code metric} measures, naming the outcome it is about. */
  static String meaning(String metric, String outcome) {
    String text = MEANINGS.get(metric);
    return text == null ? "" : String.format(Locale.ROOT, text, outcome);
  }

  /**
   * The finding: the value with its interval, the groups that set it, the rule and verdict, and
   * whether the test says the difference could be chance.
   */
  static String finding(Disparity d, String meaning, double alpha, boolean percentagePoints) {
    StringBuilder text = new StringBuilder(meaning).append(' ');
    if (d.verdict().equals(Disparity.NOT_JUDGED)) {
      text.append("Not judged: fewer than two groups large enough to compare have this figure.");
      return text.toString();
    }
    text.append(
        String.format(
            Locale.ROOT,
            "Here it is %s (95%% CI %s to %s)",
            number(d.value(), percentagePoints),
            number(d.ciLow(), percentagePoints),
            number(d.ciHigh(), percentagePoints)));
    if (d.groups().size() == 2) {
      text.append(
          String.format(
              Locale.ROOT, ", between groups '%s' and '%s'", d.groups().get(0), d.groups().get(1)));
    }
    text.append(". ");
    if (d.verdict().equals(Disparity.INFO)) {
      text.append("There is no accepted threshold for it: compare it across versions.");
    } else {
      text.append(
          String.format(
              Locale.ROOT,
              "Fair when %s: %s.",
              d.rule(),
              d.verdict().equals(Disparity.FAIR) ? "fair" : "UNFAIR"));
    }
    if (!Double.isNaN(d.pValue()) && !d.test().startsWith(Significance.NONE)) {
      text.append(
          String.format(
              Locale.ROOT,
              d.significant()
                  ? " The difference is statistically significant (%s, p %s)."
                  : " The difference could be chance (%s, p %s, not under %s).",
              d.test(),
              pValue(d.pValue()),
              NumericBins.text(alpha)));
    }
    return text.toString();
  }

  private static String number(double value, boolean percentagePoints) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return percentagePoints
        ? String.format(Locale.ROOT, "%.1f points", 100 * value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  static String pValue(double p) {
    return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "= %.4f", p);
  }
}
