package dev.assay.cli;

import dev.assay.core.live.RolloutStore;
import dev.assay.core.monitor.MonitorMetrics;
import dev.assay.core.monitor.RolloutSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout plans a monitored version is in, evaluated on the stored windows for the metrics
 * endpoint and textfile: at the start, then at most once a second as windows are stored (a gate
 * reads every window of its stage), and at the end.
 */
final class MonitorRollouts {
  private static final long PERIOD_NANOS = 1_000_000_000L;

  private final RolloutStore store;
  private final long versionId;
  private long last = Long.MIN_VALUE;

  MonitorRollouts(RolloutStore store, long versionId) {
    this.store = store;
    this.versionId = versionId;
  }

  /** Sets the plans' series on {@code gauges}; unless {@code now}, at most once a second. */
  void export(MonitorMetrics gauges, boolean now) {
    long t = System.nanoTime();
    if (!now && last != Long.MIN_VALUE && t - last < PERIOD_NANOS) {
      return;
    }
    last = t;
    List<RolloutSeries> series = new ArrayList<>();
    for (RolloutStore.StoredPlan p : store.plans()) {
      if (p.challengerVersionId() != versionId && p.championVersionId() != versionId) {
        continue;
      }
      RolloutStore.Status s = store.status(p.id());
      List<Integer> stages = p.plan().stages();
      boolean rolledBack = s.state().equals("rolled back");
      int stage = Math.min(s.stageIndex(), stages.size() - 1);
      series.add(
          new RolloutSeries(
              p.id(),
              p.challenger(),
              p.champion(),
              stage + 1,
              rolledBack ? 0 : stages.get(stage),
              s.finished()
                  ? (rolledBack ? RolloutSeries.ROLLED_BACK : RolloutSeries.COMPLETE)
                  : s.gate().verdict(),
              s.finished() ? null : s.gate().accuracy()));
    }
    gauges.rollouts(series);
  }
}
