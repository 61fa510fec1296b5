package dev.assay.core.fairness;

/** A fairness report as stored in the workbench, with its id. */
public record StoredFairnessReport(long id, FairnessReport report) {}
