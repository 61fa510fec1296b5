package dev.assay.core.metrics;

/**
 * Per-batch latency and throughput of a run. Percentiles are over batch latencies, linearly
 * interpolated as {@code numpy.percentile}; NaN when there were no batches.
 *
 * @param batches batches timed
 * @param rows rows in those batches
 * @param p50Millis median batch latency in milliseconds
 * @param p95Millis 95th percentile batch latency in milliseconds
 * @param p99Millis 99th percentile batch latency in milliseconds
 * @param rowsPerSecond rows divided by the run's wall-clock time
 */
public record LatencySummary(
    long batches,
    long rows,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double rowsPerSecond) {}
