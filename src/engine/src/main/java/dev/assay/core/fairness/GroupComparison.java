package dev.assay.core.fairness;

/**
 * One group against the reference group (disparate impact, average odds difference).
 *
 * @param value the group's figure against the reference
 * @param pValue the test of the difference, NaN when it cannot be tested
 * @param verdict {@code fair}, {@code unfair} or {@code not_judged}
 */
public record GroupComparison(
    String group, double value, double ciLow, double ciHigh, double pValue, String verdict) {}
