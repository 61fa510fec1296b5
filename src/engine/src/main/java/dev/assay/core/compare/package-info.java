/**
 * Comparing model versions on one dataset: one pass over the data shared by all versions, live
 * running metrics with confidence intervals, and paired statistics between versions.
 *
 * <ul>
 *   <li>{@link dev.assay.core.compare.McNemar}: paired correctness, exact binomial under 25
 *       discordant pairs, else chi-square with continuity correction.
 *   <li>{@link dev.assay.core.compare.DeLong}: correlated ROC AUCs, the fast O(n log n) algorithm
 *       of Sun &amp; Xu (2014).
 *   <li>{@link dev.assay.core.compare.PairedBootstrap}: seeded paired bootstrap (rows resampled
 *       jointly) for the other metrics' differences.
 * </ul>
 *
 * Distributions come from Hipparchus; nothing here hand-rolls a CDF.
 */
package dev.assay.core.compare;
