package dev.assay.core.fairness;

import dev.assay.core.AssayException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits each disparity is judged against. A difference is fair when it is at most its limit, a
 * ratio when it is at least its limit, disparate impact when it lies inside the band. A null limit
 * means no accepted threshold: the figure is reported for information, not judged.
 *
 * @param demographicParityDifference largest allowed gap in selection rates (default 0.1)
 * @param demographicParityRatio smallest allowed ratio of selection rates (default 0.8)
 * @param disparateImpactLow lower end of the fair band of favourable-rate ratios (default 0.8, the
 *     four-fifths rule)
 * @param disparateImpactHigh upper end of that band (default 1.25 = 1 / 0.8)
 * @param equalOpportunityDifference largest allowed TPR gap (default 0.1)
 * @param equalizedOddsDifference largest allowed TPR or FPR gap (default 0.1)
 * @param averageOddsDifference largest allowed absolute average odds difference (default 0.1)
 * @param predictiveParityDifference largest allowed precision gap (default 0.1)
 * @param theilIndex largest allowed Theil index (default none)
 * @param meanPredictionDifference regression: largest allowed gap of mean predictions (default
 *     none)
 * @param maeDifference regression: largest allowed gap of mean absolute errors (default none)
 */
public record FairnessThresholds(
    double demographicParityDifference,
    double demographicParityRatio,
    double disparateImpactLow,
    double disparateImpactHigh,
    double equalOpportunityDifference,
    double equalizedOddsDifference,
    double averageOddsDifference,
    double predictiveParityDifference,
    Double theilIndex,
    Double meanPredictionDifference,
    Double maeDifference) {

  /** Common defaults: 0.1 for gaps, 0.8 for ratios, the four-fifths band 0.8 to 1.25. */
  public static final FairnessThresholds DEFAULTS =
      new FairnessThresholds(0.1, 0.8, 0.8, 1.25, 0.1, 0.1, 0.1, 0.1, null, null, null);

  /** The limit of a disparity by its JSON key, or null when none is set. */
  public Double limit(String metric) {
    return toMap().get(metric);
  }

  /** Limits by disparity key ({@code disparate_impact} is the band's low end). */
  public Map<String, Double> toMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    map.put(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE, demographicParityDifference);
    map.put(Disparity.DEMOGRAPHIC_PARITY_RATIO, demographicParityRatio);
    map.put(Disparity.DISPARATE_IMPACT, disparateImpactLow);
    map.put("disparate_impact_high", disparateImpactHigh);
    map.put(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, equalOpportunityDifference);
    map.put(Disparity.EQUALIZED_ODDS_DIFFERENCE, equalizedOddsDifference);
    map.put(Disparity.AVERAGE_ODDS_DIFFERENCE, averageOddsDifference);
    map.put(Disparity.PREDICTIVE_PARITY_DIFFERENCE, predictiveParityDifference);
    map.put(Disparity.THEIL_INDEX, theilIndex);
    map.put(Disparity.MEAN_PREDICTION_DIFFERENCE, meanPredictionDifference);
    map.put(Disparity.MAE_DIFFERENCE, maeDifference);
    return map;
  }

  /**
   * A copy with one limit changed, by the key of {@link #toMap()}.
   *
   * @throws AssayException for an unknown key or a negative value
   */
  public FairnessThresholds with(String metric, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new AssayException("threshold " + metric + " must be a number >= 0, not " + value);
    }
    Map<String, Double> map = toMap();
    if (!map.containsKey(metric)) {
      throw new AssayException(
          "unknown threshold '" + metric + "'; known: " + String.join(", ", map.keySet()));
    }
    map.put(metric, value);
    return new FairnessThresholds(
        map.get(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE),
        map.get(Disparity.DEMOGRAPHIC_PARITY_RATIO),
        map.get(Disparity.DISPARATE_IMPACT),
        map.get("disparate_impact_high"),
        map.get(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE),
        map.get(Disparity.EQUALIZED_ODDS_DIFFERENCE),
        map.get(Disparity.AVERAGE_ODDS_DIFFERENCE),
        map.get(Disparity.PREDICTIVE_PARITY_DIFFERENCE),
        map.get(Disparity.THEIL_INDEX),
        map.get(Disparity.MEAN_PREDICTION_DIFFERENCE),
        map.get(Disparity.MAE_DIFFERENCE));
  }
}
