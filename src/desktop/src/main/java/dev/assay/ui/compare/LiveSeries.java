package dev.assay.ui.compare;

import dev.assay.core.compare.LatencyHistogram;
import dev.assay.core.compare.LiveSnapshot;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The data behind the live charts of a running comparison. The comparison's worker thread queues
 * each snapshot ({@link #write}); the FX thread moves queued snapshots into the data sets of one
 * chart per pulse ({@link #applyNext}), under the data sets' write locks. No FX runnable is posted
 * per snapshot (let alone per row), each chart redraws at most once per pulse, and a snapshot's
 * three redraws fall in three pulses: with software rendering, redrawing all three live charts in
 * one frame cost the renderer 30-40 ms while the comparison kept both cores busy.
 */
final class LiveSeries {
  /** The three live charts, each fed by its own queue: metrics, latency, throughput. */
  private static final int METRIC = 0;

  private static final int LATENCY = 1;
  private static final int THROUGHPUT = 2;

  final List<DoubleErrorDataSet> accuracy = new ArrayList<>();
  final List<DoubleErrorDataSet> rocAuc = new ArrayList<>();
  final List<DoubleDataSet> latency = new ArrayList<>();
  final List<DoubleDataSet> throughput = new ArrayList<>();
  final DoubleDataSet pipeline = new DoubleDataSet("whole pass (rows/s)");
  private final double[] binCenters;
  private final List<Queue<LiveSnapshot>> pending =
      List.of(
          new ConcurrentLinkedQueue<>(),
          new ConcurrentLinkedQueue<>(),
          new ConcurrentLinkedQueue<>());
  private int next;

  LiveSeries(List<String> labels) {
    for (String label : labels) {
      accuracy.add(new DoubleErrorDataSet("accuracy " + label));
      rocAuc.add(new DoubleErrorDataSet("ROC AUC " + label));
      latency.add(new DoubleDataSet("batches " + label));
      throughput.add(new DoubleDataSet("inference rows/s " + label));
    }
    double[] edges = LatencyHistogram.edgesMillis();
    binCenters = new double[edges.length + 1];
    binCenters[0] = edges[0] / Math.sqrt(edges[1] / edges[0]);
    for (int i = 1; i < edges.length; i++) {
      binCenters[i] = Math.sqrt(edges[i - 1] * edges[i]);
    }
    binCenters[edges.length] = edges[edges.length - 1] * Math.sqrt(edges[1] / edges[0]);
  }

  /** Called on the worker thread for each snapshot: queues it for the three charts. */
  void write(LiveSnapshot snapshot) {
    for (Queue<LiveSnapshot> queue : pending) {
      queue.add(snapshot);
    }
  }

  /**
   * On the FX thread, once a pulse: moves the queued snapshots into the data sets of the next chart
   * that has any (round robin), so that a pulse changes at most one live chart.
   *
   * @return whether a chart's data changed
   */
  boolean applyNext() {
    for (int i = 0; i < pending.size(); i++) {
      int chart = (next + i) % pending.size();
      if (!pending.get(chart).isEmpty()) {
        apply(chart);
        next = (chart + 1) % pending.size();
        return true;
      }
    }
    return false;
  }

  private void apply(int chart) {
    Queue<LiveSnapshot> queue = pending.get(chart);
    LiveSnapshot snapshot;
    LiveSnapshot last = null;
    while ((snapshot = queue.poll()) != null) {
      switch (chart) {
        case METRIC -> metrics(snapshot);
        case THROUGHPUT -> rates(snapshot);
        default -> last = snapshot; // a histogram: only the newest counts
      }
    }
    if (chart == LATENCY && last != null) {
      histograms(last);
    }
  }

  private void metrics(LiveSnapshot snapshot) {
    for (int k = 0; k < snapshot.models().size() && k < accuracy.size(); k++) {
      LiveSnapshot.ModelLive m = snapshot.models().get(k);
      double rows = m.rows();
      if (!Double.isNaN(m.accuracy())) {
        DoubleErrorDataSet acc = accuracy.get(k);
        acc.lock()
            .writeLockGuard(
                () ->
                    acc.add(
                        rows,
                        m.accuracy(),
                        m.accuracy() - m.accuracyLow(),
                        m.accuracyHigh() - m.accuracy()));
      }
      if (!Double.isNaN(m.rocAuc())) {
        DoubleErrorDataSet auc = rocAuc.get(k);
        auc.lock()
            .writeLockGuard(
                () ->
                    auc.add(
                        rows, m.rocAuc(), m.rocAuc() - m.rocAucLow(), m.rocAucHigh() - m.rocAuc()));
      }
    }
  }

  private void histograms(LiveSnapshot snapshot) {
    for (int k = 0; k < snapshot.models().size() && k < latency.size(); k++) {
      long[] latencyCounts = snapshot.models().get(k).latencyCounts();
      double[] counts = new double[latencyCounts.length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = latencyCounts[i];
      }
      DoubleDataSet hist = latency.get(k);
      hist.lock().writeLockGuard(() -> hist.set(binCenters, counts));
    }
  }

  private void rates(LiveSnapshot snapshot) {
    for (int k = 0; k < snapshot.models().size() && k < throughput.size(); k++) {
      LiveSnapshot.ModelLive m = snapshot.models().get(k);
      if (!Double.isNaN(m.inferenceRowsPerSecond())) {
        DoubleDataSet rate = throughput.get(k);
        rate.lock()
            .writeLockGuard(() -> rate.add(snapshot.elapsedSeconds(), m.inferenceRowsPerSecond()));
      }
    }
    pipeline
        .lock()
        .writeLockGuard(() -> pipeline.add(snapshot.elapsedSeconds(), snapshot.rowsPerSecond()));
  }
}
