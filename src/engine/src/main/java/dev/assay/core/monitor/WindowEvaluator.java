package dev.assay.core.monitor;

import dev.assay.core.data.Cells;
import dev.assay.core.drift.CategoricalSample;
import dev.assay.core.drift.CategoricalStatistics;
import dev.assay.core.drift.DriftAnalysis;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.FeatureDrift;
import dev.assay.core.drift.FeatureSample;
import dev.assay.core.drift.NumericSample;
import dev.assay.core.drift.NumericStatistics;
import dev.assay.core.drift.ThresholdCalibration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A window's drift, prediction drift and realised performance. The window's features are compared
 * with the reference exactly as {@code assay drift} compares two datasets ({@link DriftAnalysis}:
 * KS or chi-square, effect threshold calibrated on the reference, one Holm/BH family across the
 * window's features); the predicted labels are compared as a categorical feature in a family of
 * their own. A feature value that is text where the reference is numeric counts as missing, as in a
 * dataset.
 */
public final class WindowEvaluator {
  private final MonitorReference reference;

  /**
   * Each numeric reference feature's effect-threshold calibration (its random half splits), drawn
   * once: it depends on the reference and the settings only, and {@code DriftAnalysis.compare}
   * gives the same result with it as without. Null for categorical features.
   */
  private final ThresholdCalibration[] calibrations;

  public WindowEvaluator(MonitorReference reference) {
    this.reference = reference;
    List<FeatureSample> features = reference.features();
    this.calibrations = new ThresholdCalibration[features.size()];
    for (int i = 0; i < calibrations.length; i++) {
      if (features.get(i) instanceof NumericSample n && n.count() > 0) {
        calibrations[i] = ThresholdCalibration.of(n, reference.settings());
      }
    }
  }

  /** Counts of the stream since the previous window that a result reports. */
  public record StreamCounts(
      long late, long invalid, long otherModel, long labels, long unmatchedLabels) {}

  /** Evaluates a closed window with the labels known now. */
  public WindowResult evaluate(
      Windower.Window window,
      LabelBook labels,
      StreamCounts counts,
      List<WindowResult.Alarm> alarms) {
    List<MonitorEvent.Prediction> events = window.events();
    List<FeatureSample> refs = reference.features();
    FeatureSample[] currents = new FeatureSample[refs.size()];
    for (int i = 0; i < currents.length; i++) {
      currents[i] = current(refs.get(i), i, events);
    }
    // each feature's comparison is a pure function of its two samples (DriftAnalysis.compare is
    // safe in parallel): the features are compared on the common pool's threads and the caller,
    // and collected in feature order, so the report is the sequential one
    List<DriftAnalysis.Compared> compared =
        IntStream.range(0, currents.length)
            .parallel()
            .mapToObj(
                i ->
                    DriftAnalysis.compare(
                        refs.get(i), currents[i], reference.settings(), calibrations[i]))
            .toList();
    DriftReport report = DriftAnalysis.decide(compared, reference.settings());
    List<WindowResult.FeatureWindow> features =
        report.features().stream().map(WindowEvaluator::feature).toList();
    WindowResult.FeatureWindow prediction = null;
    if (reference.predictions() != null) {
      Map<String, Long> counted = new HashMap<>();
      for (MonitorEvent.Prediction e : events) {
        counted.merge(e.prediction(), 1L, Long::sum);
      }
      CategoricalSample current = new CategoricalSample("prediction", counted, 0);
      DriftReport p =
          DriftAnalysis.decide(
              List.of(
                  DriftAnalysis.compare(reference.predictions(), current, reference.settings())),
              reference.settings());
      prediction = feature(p.features().get(0));
    }
    long labelled = 0;
    long right = 0;
    for (MonitorEvent.Prediction e : events) {
      String label = labels.labelOf(e.id());
      if (label != null) {
        labelled++;
        if (label.equals(e.prediction())) {
          right++;
        }
      }
    }
    return new WindowResult(
        window.index(),
        window.first(),
        window.last(),
        window.start(),
        window.end(),
        events.size(),
        labelled,
        labelled == 0 ? null : (double) right / labelled,
        counts.late(),
        counts.invalid(),
        counts.otherModel(),
        counts.labels(),
        counts.unmatchedLabels(),
        features,
        report.drifted(),
        prediction,
        List.copyOf(alarms),
        null,
        estimated(events));
  }

  /**
   * CBPE over the window's predictions that carry the positive class's probability, with the
   * reference's fitted estimator (the one {@code assay drift} uses), or null.
   */
  private WindowResult.Estimated estimated(List<MonitorEvent.Prediction> events) {
    if (reference.cbpe() == null) {
      return null;
    }
    double[] scores = new double[events.size()];
    int n = 0;
    for (MonitorEvent.Prediction e : events) {
      Double p = e.probabilities().get(reference.positive());
      if (p != null && Double.isFinite(p)) {
        scores[n++] = p;
      }
    }
    if (n == 0) {
      return null;
    }
    dev.assay.core.drift.Cbpe.Estimate e =
        reference.cbpe().estimate(n == scores.length ? scores : java.util.Arrays.copyOf(scores, n));
    return new WindowResult.Estimated(
        n,
        e.accuracy(),
        e.accuracyStandardError(),
        finite(e.rocAuc()),
        reference.cbpe().calibrated(),
        reference.positive());
  }

  /** The schema {@link #positions} belong to. */
  private FeatureRow.Schema schema;

  /** Each reference feature's position in {@link #schema}, -1 where the events lack it. */
  private int[] positions;

  /**
   * The position of reference feature {@code i} in {@code row}'s schema (looked up by name once per
   * schema, not per event).
   */
  private int position(FeatureRow row, int i) {
    if (row.schema() != schema) {
      List<FeatureSample> refs = reference.features();
      int[] at = new int[refs.size()];
      for (int j = 0; j < at.length; j++) {
        at[j] = row.schema().indexOf(refs.get(j).name());
      }
      schema = row.schema();
      positions = at;
    }
    return positions[i];
  }

  /** An event's value of reference feature {@code i} as a number (NaN: missing or not a number). */
  private double number(MonitorEvent.Prediction e, String name, int i) {
    if (e.features() instanceof FeatureRow row) {
      int at = position(row, i);
      if (at < 0) {
        return Double.NaN;
      }
      Object o = row.other(at);
      return o == null ? row.number(at) : o instanceof String s ? Cells.parseOrNaN(s) : Double.NaN;
    }
    Object v = e.features().get(name);
    return v instanceof Double x ? x : v instanceof String s ? Cells.parseOrNaN(s) : Double.NaN;
  }

  /** An event's value of reference feature {@code i} as text, or null (missing). */
  private String text(MonitorEvent.Prediction e, String name, int i) {
    if (e.features() instanceof FeatureRow row) {
      int at = position(row, i);
      if (at < 0) {
        return null;
      }
      Object o = row.other(at);
      return o == null ? spelling(row.number(at)) : o instanceof String s ? s : null;
    }
    Object v = e.features().get(name);
    return v instanceof Double d ? spelling(d) : v == null ? null : v.toString();
  }

  /** The window's sample of reference feature {@code i}: one column of the events' values. */
  private FeatureSample current(FeatureSample ref, int i, List<MonitorEvent.Prediction> events) {
    String name = ref.name();
    if (ref instanceof NumericSample) {
      double[] values = new double[events.size()];
      int count = 0;
      long missing = 0;
      long nonFinite = 0;
      for (MonitorEvent.Prediction e : events) {
        double d = number(e, name, i);
        if (Double.isFinite(d)) {
          values[count++] = d;
        } else if (Double.isNaN(d)) {
          missing++;
        } else {
          nonFinite++;
        }
      }
      return NumericSample.of(name, values, count, missing, nonFinite);
    }
    Map<String, Long> counts = new HashMap<>();
    long missing = 0;
    for (MonitorEvent.Prediction e : events) {
      String text = text(e, name, i);
      if (Cells.isMissing(text)) {
        missing++;
      } else {
        counts.merge(text, 1L, Long::sum);
      }
    }
    return new CategoricalSample(name, counts, missing);
  }

  private static String spelling(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static WindowResult.FeatureWindow feature(FeatureDrift f) {
    var s = f.statistics();
    Double psi = null;
    Double js = null;
    String kind = "numeric";
    if (s instanceof NumericStatistics n) {
      psi = finite(n.psi());
      js = finite(n.jensenShannon());
    } else if (s instanceof CategoricalStatistics c) {
      kind = "categorical";
      psi = finite(c.psi());
      js = finite(c.jensenShannon());
    } else {
      kind = "none";
    }
    return new WindowResult.FeatureWindow(
        f.name(),
        kind,
        s.nCurrent(),
        finite(s.pValue()),
        finite(f.pAdjusted()),
        finite(s.effect()),
        finite(f.threshold()),
        psi,
        js,
        f.drift(),
        s.missing().current());
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
