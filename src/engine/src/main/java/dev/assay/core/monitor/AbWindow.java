package dev.assay.core.monitor;

/**
 * A champion/challenger comparison as of a window's close: the window's own counts per variant, and
 * the cumulative always-valid comparison of both variants since the stream's start (see {@link
 * AbTest}).
 *
 * @param champion the window's champion predictions
 * @param challenger the window's challenger predictions
 * @param accuracy cumulative accuracy of labelled predictions, challenger minus champion
 * @param predictionRate cumulative share of predictions of {@code positive}, challenger minus
 *     champion
 * @param positive the class whose prediction rate is compared
 * @param verdict {@code continue}, {@code stop: challenger worse}, {@code stop: challenger better}
 *     or {@code inconclusive at max sample}; once stopped it stays
 * @param decidedAt the window whose close stopped the test, or null while it continues
 * @param test how the comparison is tested (test name and its parameters)
 * @param groups the window's predictions per variant and group of each sensitive column a rollout's
 *     fairness gate reads ({@link SensitiveGroups}), or null when none is watched
 */
public record AbWindow(
    Group champion,
    Group challenger,
    Comparison accuracy,
    Comparison predictionRate,
    String positive,
    String verdict,
    Long decidedAt,
    Test test,
    java.util.List<SensitiveGroups.GroupCount> groups) {

  /** A comparison without group counts. */
  public AbWindow(
      Group champion,
      Group challenger,
      Comparison accuracy,
      Comparison predictionRate,
      String positive,
      String verdict,
      Long decidedAt,
      Test test) {
    this(champion, challenger, accuracy, predictionRate, positive, verdict, decidedAt, test, null);
  }

  /** This comparison with the window's group counts. */
  public AbWindow withGroups(java.util.List<SensitiveGroups.GroupCount> counted) {
    return new AbWindow(
        champion,
        challenger,
        accuracy,
        predictionRate,
        positive,
        verdict,
        decidedAt,
        test,
        counted == null ? null : java.util.List.copyOf(counted));
  }

  /**
   * A variant's predictions in the window.
   *
   * @param positiveRate share predicted {@code positive}; null without predictions
   * @param labelled of them, how many had a label at the window's close
   * @param accuracy share of those predicted right; null when none was labelled
   */
  public record Group(long predictions, Double positiveRate, long labelled, Double accuracy) {}

  /**
   * A cumulative comparison of a rate between the variants.
   *
   * @param champion the champion's rate (null without observations)
   * @param challenger the challenger's rate
   * @param difference challenger minus champion
   * @param lower the (1 - alpha) confidence sequence's lower end (null without evidence yet)
   * @param upper its upper end
   * @param logLikelihoodRatio log Λ of the mixture SPRT now (0 until both variants have the minimum
   *     observations)
   * @param pValue the always-valid p-value: the running minimum of 1/Λ
   */
  public record Comparison(
      long nChampion,
      long nChallenger,
      Double champion,
      Double challenger,
      Double difference,
      Double lower,
      Double upper,
      double logLikelihoodRatio,
      double pValue) {}

  /**
   * @param name {@code msprt-normal-mixture}
   * @param alpha the type I error bound: the chance of ever stopping while the variants do not
   *     differ (and of stopping in the wrong direction)
   * @param tau the mixture's standard deviation of the difference
   * @param minLabelled labelled predictions each variant needs before the test counts evidence
   * @param maxLabelled labelled predictions per variant at which the test ends inconclusive
   */
  public record Test(String name, double alpha, double tau, long minLabelled, long maxLabelled) {}
}
