package dev.assay.core.monitor;

import java.time.Instant;
import java.util.List;

/**
 * One closed window's results.
 *
 * @param index the window's number (see {@link Windower.Window#index()})
 * @param first first prediction's arrival number (count windows), else -1
 * @param last last prediction's arrival number (count windows), else -1
 * @param start window start (time) or earliest event time (count)
 * @param end window end, exclusive (time) or latest event time (count)
 * @param predictions predictions in the window
 * @param labelled of those, how many had a label when the window closed
 * @param accuracy share of the labelled ones predicted right; null when none was labelled
 * @param late predictions dropped as late since the previous window
 * @param invalid lines that were not valid events since the previous window
 * @param otherModel predictions of another model (or version) skipped since the previous window
 * @param labels labels read since the previous window
 * @param unmatchedLabels of those, labels whose prediction was unknown when they arrived
 * @param features per-feature drift against the reference (one multiplicity family)
 * @param drifted the names of the drifted features
 * @param prediction the predicted labels' drift against the reference predictions, or null
 * @param alarms concept-drift signals raised since the previous window
 * @param ab the champion/challenger comparison at the window's close, or null without challenger
 *     predictions
 * @param estimated the window's label-free estimated performance (CBPE), or null when the reference
 *     has no calibration or no event carries the positive class's probability
 */
public record WindowResult(
    long index,
    long first,
    long last,
    Instant start,
    Instant end,
    long predictions,
    long labelled,
    Double accuracy,
    long late,
    long invalid,
    long otherModel,
    long labels,
    long unmatchedLabels,
    List<FeatureWindow> features,
    List<String> drifted,
    FeatureWindow prediction,
    List<Alarm> alarms,
    AbWindow ab,
    Estimated estimated) {

  /** A result without A/B comparison and estimate. */
  public WindowResult(
      long index,
      long first,
      long last,
      Instant start,
      Instant end,
      long predictions,
      long labelled,
      Double accuracy,
      long late,
      long invalid,
      long otherModel,
      long labels,
      long unmatchedLabels,
      List<FeatureWindow> features,
      List<String> drifted,
      FeatureWindow prediction,
      List<Alarm> alarms) {
    this(
        index,
        first,
        last,
        start,
        end,
        predictions,
        labelled,
        accuracy,
        late,
        invalid,
        otherModel,
        labels,
        unmatchedLabels,
        features,
        drifted,
        prediction,
        alarms,
        null,
        null);
  }

  /** This result with the A/B comparison {@code ab}. */
  public WindowResult withAb(AbWindow ab) {
    return new WindowResult(
        index,
        first,
        last,
        start,
        end,
        predictions,
        labelled,
        accuracy,
        late,
        invalid,
        otherModel,
        labels,
        unmatchedLabels,
        features,
        drifted,
        prediction,
        alarms,
        ab,
        estimated);
  }

  /**
   * A window's label-free estimated performance: CBPE (as {@code assay drift} estimates it) with
   * the reference run's calibration, over the window's predictions that carry the positive class's
   * probability.
   *
   * @param scored predictions estimated
   * @param accuracy expected accuracy
   * @param standardError its standard error when the probabilities are right
   * @param rocAuc expected ROC AUC, null when undefined
   * @param calibrated whether the isotonic calibration is applied
   * @param positive the positive class
   */
  public record Estimated(
      long scored,
      double accuracy,
      double standardError,
      Double rocAuc,
      boolean calibrated,
      String positive) {}

  /**
   * One feature's drift in a window.
   *
   * @param kind numeric or categorical
   * @param pValue the distribution test's p-value (KS or chi-square), null without a test
   * @param pAdjusted adjusted across the window's features, null without a test
   * @param effect KS D or L-infinity, null without a test
   * @param threshold the effect threshold δ, null without a test
   * @param drift distribution or rate drift
   * @param missingRate the window's share of missing cells
   */
  public record FeatureWindow(
      String name,
      String kind,
      long n,
      Double pValue,
      Double pAdjusted,
      Double effect,
      Double threshold,
      Double psi,
      Double jensenShannon,
      boolean drift,
      double missingRate) {}

  /**
   * A concept-drift detector's signal.
   *
   * @param detector ddm, adwin or page_hinkley
   * @param signal warning or drift
   * @param match the labelled prediction (1-based, in match order) that raised it
   * @param id the prediction's id
   */
  public record Alarm(String detector, String signal, long match, String id) {}
}
