package dev.assay.core.fairness;

import java.time.Instant;
import java.util.List;

/** A stored fairness report as listed: what it covers and its overall verdict. */
public record FairnessReportSummary(
    long id,
    long runId,
    String model,
    String dataset,
    List<String> sensitive,
    String verdict,
    Instant createdAt,
    String createdBy) {}
