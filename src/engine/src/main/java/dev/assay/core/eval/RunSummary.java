package dev.assay.core.eval;

import java.time.Instant;

/**
 * A stored evaluation run as listed.
 *
 * @param resultJson the run's result document (metrics, timings, warnings) as JSON, or null while
 *     running
 */
public record RunSummary(
    long id,
    long modelVersionId,
    String model,
    long datasetId,
    String dataset,
    String target,
    String providerRequested,
    String providerUsed,
    int batchSize,
    RunStatus status,
    Instant startedAt,
    Instant endedAt,
    String startedBy,
    Long rows,
    String error,
    String resultJson) {}
