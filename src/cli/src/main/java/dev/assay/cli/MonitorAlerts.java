package dev.assay.cli;

import dev.assay.core.live.AlertStore;
import dev.assay.core.live.MonitorStore;
import dev.assay.core.monitor.AlertRule;
import dev.assay.core.monitor.AlertTracker;
import dev.assay.core.monitor.MonitorMetrics;
import dev.assay.core.monitor.WindowResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The alert rules of a monitored version, brought up to date with the stream's stored windows. */
final class MonitorAlerts {
  private MonitorAlerts() {}

  /**
   * A tracker of the version's rules that has seen the stream's newest stored windows (as many as
   * the longest rule needs), so that a resumed monitor fires exactly as an uninterrupted one.
   */
  static AlertTracker tracker(
      MonitorStore store, long modelVersionId, MonitorStore.Stream stream, MonitorMetrics gauges) {
    List<AlertRule> rules = store.alerts().rules(modelVersionId);
    AlertTracker tracker = new AlertTracker(rules);
    if (!rules.isEmpty() && stream.windows() > 0) {
      List<WindowResult> stored =
          store.windows(stream.id()).stream().map(MonitorStore.StoredWindow::result).toList();
      tracker.replay(stored.subList(Math.max(0, stored.size() - tracker.memory()), stored.size()));
    }
    Map<String, Long> before = new HashMap<>();
    for (AlertStore.StoredAlert a : store.alerts().alerts(stream.id())) {
      before.merge(a.rule(), 1L, Long::sum);
    }
    for (int i = 0; i < rules.size(); i++) {
      tracker.firedBefore(i, before.getOrDefault(rules.get(i).name(), 0L));
    }
    export(tracker, gauges);
    return tracker;
  }

  /** Sets the rules' series on {@code gauges}. */
  static void export(AlertTracker tracker, MonitorMetrics gauges) {
    List<AlertRule> rules = tracker.rules();
    for (int i = 0; i < rules.size(); i++) {
      String name = rules.get(i).name();
      gauges.alert(name, tracker.fired(i), tracker.firing(i));
    }
  }
}
