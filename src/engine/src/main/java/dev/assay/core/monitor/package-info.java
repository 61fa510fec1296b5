/**
 * Live monitoring, engine side: the prediction event format ({@link
 * dev.assay.core.monitor.EventParser}), windows by event count or event time ({@link
 * dev.assay.core.monitor.Windower}), per-window drift, prediction drift, realised performance and
 * volume ({@link dev.assay.core.monitor.WindowEvaluator}), concept-drift detectors on the labelled
 * error stream (DDM, ADWIN, Page-Hinkley) and the Prometheus text formats. No JavaFX, H2, Flyway,
 * POI, picocli or workbench stores: the state of a {@link dev.assay.core.monitor.MonitorPipeline}
 * is a plain value a caller stores with each window.
 */
package dev.assay.core.monitor;
