package dev.assay.ui.compare;

import dev.assay.core.compare.LatencyHistogram;
import dev.assay.core.compare.LiveSnapshot;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The data behind the live charts of a running comparison. The comparison's worker thread writes
 * each snapshot into these data sets under their write locks; the charts showing them redraw at
 * most once per pulse on their own, so no FX runnable is posted per snapshot, let alone per row.
 */
final class LiveSeries {
  final List<DoubleErrorDataSet> accuracy = new ArrayList<>();
  final List<DoubleErrorDataSet> rocAuc = new ArrayList<>();
  final List<DoubleDataSet> latency = new ArrayList<>();
  final List<DoubleDataSet> throughput = new ArrayList<>();
  final DoubleDataSet pipeline = new DoubleDataSet("whole pass (rows/s)");
  private final double[] binCenters;

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

  /** Called on the worker thread for each snapshot. */
  void write(LiveSnapshot snapshot) {
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
      double[] counts = new double[m.latencyCounts().length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = m.latencyCounts()[i];
      }
      DoubleDataSet hist = latency.get(k);
      hist.lock().writeLockGuard(() -> hist.set(binCenters, counts));
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
