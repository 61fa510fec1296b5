/**
 * Data drift statistics and the drift decision, engine side: no JavaFX, H2, Flyway, POI or picocli.
 * Two-sample Kolmogorov-Smirnov as {@code scipy.stats.ks_2samp} (method {@code auto}), chi-square
 * of homogeneity as {@code scipy.stats.chi2_contingency}, Wasserstein-1, PSI, Jensen-Shannon
 * distance (base 2) and Hellinger on stated bins, two-proportion tests for missing and non-finite
 * rates, Holm and Benjamini-Hochberg adjustment, and an effect threshold calibrated on the
 * reference itself.
 */
package dev.assay.core.drift;
