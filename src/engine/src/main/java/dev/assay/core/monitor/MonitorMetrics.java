package dev.assay.core.monitor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monitor's metrics in the Prometheus text exposition format 0.0.4 (no timestamps, so the same
 * text serves a scrape endpoint and the node exporter's textfile collector): counters over the
 * windows seen by this process (starting from the stored window count), gauges of the newest
 * window. Safe to render from one thread while another adds windows.
 */
public final class MonitorMetrics {
  private static final List<String> DETECTORS = List.of("ddm", "adwin", "page_hinkley");

  private final String model;
  private long windows;
  private long late;
  private long invalid;
  private long labels;
  private final Map<String, Long> alarms = new TreeMap<>();
  private WindowResult newest;
  private final Map<String, long[]> alertRules = new TreeMap<>();
  private List<RolloutSeries> rollouts = List.of();

  /**
   * @param model the monitored {@code NAME:VERSION}, a label of every series
   * @param storedWindows windows stored before this process started
   */
  public MonitorMetrics(String model, long storedWindows) {
    this.model = model;
    this.windows = storedWindows;
    for (String d : DETECTORS) {
      alarms.put(d + "|drift", 0L);
      if (d.equals("ddm")) {
        alarms.put(d + "|warning", 0L);
      }
    }
  }

  /** Adds a closed window. */
  public synchronized void add(WindowResult window) {
    windows++;
    late += window.late();
    invalid += window.invalid();
    labels += window.labels();
    for (WindowResult.Alarm a : window.alarms()) {
      alarms.merge(a.detector() + "|" + a.signal(), 1L, Long::sum);
    }
    newest = window;
  }

  /**
   * Sets an alert rule's series: alerts it fired in all (stored before this process included) and
   * whether it is firing now.
   */
  public synchronized void alert(String rule, long firedTotal, boolean firing) {
    alertRules.put(rule, new long[] {firedTotal, firing ? 1 : 0});
  }

  /** Sets the series of the rollout plans the monitored version is in. */
  public synchronized void rollouts(List<RolloutSeries> plans) {
    rollouts = List.copyOf(plans);
  }

  /** The exposition text. */
  public synchronized String render() {
    StringBuilder out = new StringBuilder();
    String m = "model=\"" + escape(model) + "\"";
    family(out, "assay_monitor_windows_total", "counter", "Windows closed and stored.");
    sample(out, "assay_monitor_windows_total", m, windows);
    family(out, "assay_monitor_late_events_total", "counter", "Predictions dropped as late.");
    sample(out, "assay_monitor_late_events_total", m, late);
    family(
        out, "assay_monitor_invalid_events_total", "counter", "Lines that were not valid events.");
    sample(out, "assay_monitor_invalid_events_total", m, invalid);
    family(out, "assay_monitor_labels_total", "counter", "Label events read.");
    sample(out, "assay_monitor_labels_total", m, labels);
    family(
        out,
        "assay_monitor_detector_alarms_total",
        "counter",
        "Concept-drift detector signals on the labelled error stream.");
    for (Map.Entry<String, Long> a : alarms.entrySet()) {
      String[] parts = a.getKey().split("\\|");
      sample(
          out,
          "assay_monitor_detector_alarms_total",
          m + ",detector=\"" + escape(parts[0]) + "\",signal=\"" + escape(parts[1]) + "\"",
          a.getValue());
    }
    if (!alertRules.isEmpty()) {
      family(out, "assay_monitor_alerts_total", "counter", "Alerts fired, per alert rule.");
      alertRules.forEach(
          (rule, v) ->
              sample(
                  out, "assay_monitor_alerts_total", m + ",rule=\"" + escape(rule) + "\"", v[0]));
      family(
          out,
          "assay_monitor_alert_firing",
          "gauge",
          "1 while an alert rule's condition has held for its window count, else 0.");
      alertRules.forEach(
          (rule, v) ->
              sample(
                  out, "assay_monitor_alert_firing", m + ",rule=\"" + escape(rule) + "\"", v[1]));
    }
    RolloutSeries.render(out, m, rollouts);
    if (newest == null) {
      return out.toString();
    }
    WindowResult w = newest;
    gauge(
        out,
        "assay_monitor_window_predictions",
        "Predictions in the newest window.",
        m,
        w.predictions());
    gauge(
        out,
        "assay_monitor_window_labelled",
        "Labelled predictions in the newest window.",
        m,
        w.labelled());
    if (w.accuracy() != null) {
      gauge(
          out,
          "assay_monitor_window_accuracy",
          "Realised accuracy of the newest window.",
          m,
          w.accuracy());
    }
    gauge(
        out,
        "assay_monitor_window_end_timestamp_seconds",
        "End (time windows) or latest event time (count windows) of the newest window.",
        m,
        w.end().toEpochMilli() / 1000.0);
    gauge(
        out,
        "assay_monitor_drifted_features",
        "Features drifted in the newest window.",
        m,
        w.drifted().size());
    family(
        out,
        "assay_monitor_feature_drift",
        "gauge",
        "1 when the feature drifted in the newest window.");
    for (WindowResult.FeatureWindow f : w.features()) {
      sample(out, "assay_monitor_feature_drift", feature(m, f), f.drift() ? 1 : 0);
    }
    featureGauge(
        out,
        w,
        m,
        "assay_monitor_feature_p_value_adjusted",
        "Adjusted p-value of the feature's distribution test.",
        f -> f.pAdjusted());
    featureGauge(
        out,
        w,
        m,
        "assay_monitor_feature_effect",
        "KS D (numeric) or L-infinity (categorical) of the feature.",
        f -> f.effect());
    featureGauge(
        out,
        w,
        m,
        "assay_monitor_feature_psi",
        "PSI of the feature on reference bins.",
        f -> f.psi());
    if (w.prediction() != null) {
      gauge(
          out,
          "assay_monitor_prediction_drift",
          "1 when the predicted labels drifted from the reference's.",
          m,
          w.prediction().drift() ? 1 : 0);
    }
    if (w.estimated() != null) {
      gauge(
          out,
          "assay_monitor_window_estimated_accuracy",
          "Label-free estimated accuracy (CBPE) of the newest window.",
          m,
          w.estimated().accuracy());
      gauge(
          out,
          "assay_monitor_window_estimated_accuracy_standard_error",
          "Standard error of the newest window's estimated accuracy.",
          m,
          w.estimated().standardError());
    }
    if (w.ab() != null) {
      ab(out, m, w.ab());
    }
    return out.toString();
  }

  private static final List<String> VERDICTS =
      List.of(AbTest.CONTINUE, AbTest.WORSE, AbTest.BETTER, AbTest.INCONCLUSIVE);

  /** The champion/challenger test as of the newest window (cumulative since the start). */
  private static void ab(StringBuilder out, String m, AbWindow ab) {
    String[] variants = {AbTest.CHAMPION, AbTest.CHALLENGER};
    AbWindow.Comparison acc = ab.accuracy();
    AbWindow.Comparison rate = ab.predictionRate();
    family(out, "assay_monitor_ab_labelled", "gauge", "Labelled predictions per variant.");
    sample(out, "assay_monitor_ab_labelled", variant(m, variants[0]), acc.nChampion());
    sample(out, "assay_monitor_ab_labelled", variant(m, variants[1]), acc.nChallenger());
    family(out, "assay_monitor_ab_accuracy", "gauge", "Accuracy per variant since the start.");
    if (acc.champion() != null) {
      sample(out, "assay_monitor_ab_accuracy", variant(m, variants[0]), acc.champion());
    }
    if (acc.challenger() != null) {
      sample(out, "assay_monitor_ab_accuracy", variant(m, variants[1]), acc.challenger());
    }
    family(
        out,
        "assay_monitor_ab_prediction_rate",
        "gauge",
        "Share of predictions of the compared class per variant since the start.");
    if (rate.champion() != null) {
      sample(out, "assay_monitor_ab_prediction_rate", variant(m, variants[0]), rate.champion());
    }
    sample(out, "assay_monitor_ab_prediction_rate", variant(m, variants[1]), rate.challenger());
    family(
        out,
        "assay_monitor_ab_difference",
        "gauge",
        "Challenger minus champion, bound=estimate, and the confidence sequence's ends bound=lower|upper.");
    comparison(out, m, "accuracy", acc);
    comparison(out, m, "prediction_rate", rate);
    family(
        out,
        "assay_monitor_ab_p_value",
        "gauge",
        "Always-valid p-value of the mixture SPRT (running minimum of 1/likelihood ratio).");
    sample(out, "assay_monitor_ab_p_value", m + ",metric=\"accuracy\"", acc.pValue());
    sample(out, "assay_monitor_ab_p_value", m + ",metric=\"prediction_rate\"", rate.pValue());
    family(out, "assay_monitor_ab_verdict", "gauge", "1 for the A/B test's current verdict.");
    for (String v : VERDICTS) {
      sample(
          out,
          "assay_monitor_ab_verdict",
          m + ",verdict=\"" + escape(v) + "\"",
          v.equals(ab.verdict()) ? 1 : 0);
    }
  }

  private static void comparison(
      StringBuilder out, String m, String metric, AbWindow.Comparison c) {
    String l = m + ",metric=\"" + metric + "\"";
    if (c.difference() != null) {
      sample(out, "assay_monitor_ab_difference", l + ",bound=\"estimate\"", c.difference());
    }
    if (c.lower() != null) {
      sample(out, "assay_monitor_ab_difference", l + ",bound=\"lower\"", c.lower());
      sample(out, "assay_monitor_ab_difference", l + ",bound=\"upper\"", c.upper());
    }
  }

  private static String variant(String m, String variant) {
    return m + ",variant=\"" + variant + "\"";
  }

  private static String feature(String m, WindowResult.FeatureWindow f) {
    return m + ",feature=\"" + escape(f.name()) + "\"";
  }

  private static void featureGauge(
      StringBuilder out,
      WindowResult w,
      String m,
      String name,
      String help,
      java.util.function.Function<WindowResult.FeatureWindow, Double> value) {
    family(out, name, "gauge", help);
    for (WindowResult.FeatureWindow f : w.features()) {
      Double v = value.apply(f);
      if (v != null) {
        sample(out, name, feature(m, f), v);
      }
    }
  }

  private static void gauge(StringBuilder out, String name, String help, String labels, double v) {
    family(out, name, "gauge", help);
    sample(out, name, labels, v);
  }

  static void family(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  static void sample(StringBuilder out, String name, String labels, double v) {
    out.append(name).append('{').append(labels).append("} ").append(number(v)).append('\n');
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", Double.toString(v));
  }

  /** A label value escaped as the text format requires: backslash, double quote, newline. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
