package dev.assay.core.fairness;

import java.util.List;

/**
 * One disparity between groups, with its interval, test and verdict.
 *
 * @param metric the key ({@code demographic_parity_difference}...)
 * @param title a short human name
 * @param value the figure over the judged groups (NaN when fewer than two could be compared)
 * @param ciLow lower end of the stratified bootstrap 95% interval
 * @param ciHigh upper end
 * @param pValue the significance test's p-value; NaN where no test applies (Theil index)
 * @param test which test gave {@code pValue}
 * @param threshold the limit judged against (for disparate impact the band's low end), null when
 *     there is none
 * @param rule the rule in words, such as {@code <= 0.1} or {@code within [0.8, 1.25]}
 * @param verdict {@code fair}, {@code unfair}, {@code not_judged} (too few comparable groups) or
 *     {@code info} (no threshold)
 * @param significant whether {@code pValue} is under the report's significance level
 * @param groups the groups that set the value (highest and lowest, or compared and reference)
 * @param explanation the finding in plain language
 * @param perGroup for figures against the reference group: each group's own figure
 */
public record Disparity(
    String metric,
    String title,
    double value,
    double ciLow,
    double ciHigh,
    double pValue,
    String test,
    Double threshold,
    String rule,
    String verdict,
    boolean significant,
    List<String> groups,
    String explanation,
    List<GroupComparison> perGroup) {

  public static final String DEMOGRAPHIC_PARITY_DIFFERENCE = "demographic_parity_difference";
  public static final String DEMOGRAPHIC_PARITY_RATIO = "demographic_parity_ratio";
  public static final String DISPARATE_IMPACT = "disparate_impact";
  public static final String EQUAL_OPPORTUNITY_DIFFERENCE = "equal_opportunity_difference";
  public static final String EQUALIZED_ODDS_DIFFERENCE = "equalized_odds_difference";
  public static final String AVERAGE_ODDS_DIFFERENCE = "average_odds_difference";
  public static final String PREDICTIVE_PARITY_DIFFERENCE = "predictive_parity_difference";
  public static final String THEIL_INDEX = "theil_index";
  public static final String BETWEEN_GROUP_THEIL_INDEX = "between_group_theil_index";
  public static final String MEAN_PREDICTION_DIFFERENCE = "mean_prediction_difference";
  public static final String MEAN_ERROR_DIFFERENCE = "mean_error_difference";
  public static final String MAE_DIFFERENCE = "mae_difference";

  public static final String FAIR = "fair";
  public static final String UNFAIR = "unfair";
  public static final String NOT_JUDGED = "not_judged";
  public static final String INFO = "info";
}
