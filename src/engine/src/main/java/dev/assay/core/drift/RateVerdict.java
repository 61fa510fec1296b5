package dev.assay.core.drift;

/**
 * A missing or non-finite rate comparison and its decision.
 *
 * @param pAdjusted the adjusted p-value; NaN when neither sample has such a row (not tested)
 * @param drift adjusted p below α and the rate difference above the minimum effect
 */
public record RateVerdict(RateComparison rate, double pAdjusted, boolean drift) {}
